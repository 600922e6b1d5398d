// The request's text in French and English (tabs, arrow keys move between them), each with
// "Copier"; while a draft, the text to send can be edited (PATCH text + textLocale), the other
// language chosen instead, or the text generated again from the evidence now sealed.
import { type KeyboardEvent, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { CopyButton } from '../../ui/copy-button';
import type { Takedown, UiLocale, UpdateTakedownBody } from './api';

const locales: readonly UiLocale[] = ['fr-CA', 'en'];

export function TextTabs({
  request,
  canEdit,
  onPatch,
}: {
  request: Takedown;
  canEdit: boolean;
  /** Sends a PATCH (with the version); resolves true when it was accepted. */
  onPatch(body: UpdateTakedownBody): Promise<boolean>;
}) {
  const intl = useIntl();
  const [current, setCurrent] = useState<UiLocale>(request.textLocale);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const tabs = useRef<Record<UiLocale, HTMLButtonElement | null>>({ 'fr-CA': null, en: null });
  const area = useRef<HTMLTextAreaElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  const sending = current === request.textLocale;
  const shown = sending ? request.text : request.texts[current];
  const base = `takedown-text-${request.id}`;

  function onKey(event: KeyboardEvent<HTMLButtonElement>) {
    const i = locales.indexOf(current);
    let next: UiLocale | undefined;
    if (event.key === 'ArrowRight') next = locales[(i + 1) % locales.length];
    if (event.key === 'ArrowLeft') next = locales[(i - 1 + locales.length) % locales.length];
    if (event.key === 'Home') next = locales[0];
    if (event.key === 'End') next = locales[locales.length - 1];
    if (!next) return;
    event.preventDefault();
    setCurrent(next);
    setEditing(false);
    tabs.current[next]?.focus();
  }

  async function patch(body: UpdateTakedownBody): Promise<boolean> {
    setBusy(true);
    try {
      return await onPatch(body);
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    if (draft.trim() === '') {
      setProblem(intl.formatMessage({ id: 'common.field.required' }));
      area.current?.focus();
      return;
    }
    setProblem(undefined);
    if (await patch({ text: draft, textLocale: current })) {
      setEditing(false);
      window.setTimeout(() => editButton.current?.focus(), 0);
    }
  }

  return (
    <div className="text-tabs">
      <div role="tablist" aria-label={intl.formatMessage({ id: 'takedowns.text.tabs' })} className="text-tabs__list">
        {locales.map((l) => (
          <button
            key={l}
            ref={(el) => {
              tabs.current[l] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${l}`}
            aria-selected={current === l}
            aria-controls={`${base}-panel-${l}`}
            tabIndex={current === l ? 0 : -1}
            className="text-tabs__tab"
            onClick={() => {
              setCurrent(l);
              setEditing(false);
            }}
            onKeyDown={onKey}
          >
            <FormattedMessage id={`takedowns.text.lang.${l}`} />
            {l === request.textLocale && request.status === 'draft' ? (
              <span className="text-tabs__mark">
                {' '}
                <FormattedMessage id="takedowns.text.toSend" />
              </span>
            ) : null}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel-${current}`} aria-labelledby={`${base}-tab-${current}`} className="text-tabs__panel">
        <p className="text-tabs__state">
          {request.status !== 'draft' ? (
            <FormattedMessage id="takedowns.text.generatedVersion" />
          ) : sending ? (
            <FormattedMessage id={request.textEdited ? 'takedowns.text.sendingEdited' : 'takedowns.text.sending'} />
          ) : (
            <FormattedMessage id="takedowns.text.notSending" />
          )}
        </p>
        {editing ? (
          <div className={`field${problem ? ' field--invalid' : ''}`}>
            <label htmlFor={`${base}-edit`}>
              <FormattedMessage id="takedowns.text.editLabel" values={{ lang: intl.formatMessage({ id: `takedowns.text.lang.${current}` }) }} />
            </label>
            {problem ? (
              <p className="field__error" id={`${base}-edit-error`}>
                {problem}
              </p>
            ) : null}
            <textarea
              ref={area}
              id={`${base}-edit`}
              lang={current}
              rows={18}
              value={draft}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${base}-edit-error` : undefined}
              onChange={(e) => setDraft(e.target.value)}
            />
            <div className="form__actions form__actions--inline">
              <button type="button" className="button" disabled={busy} onClick={() => void save()}>
                <FormattedMessage id="takedowns.text.save" />
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setEditing(false);
                  window.setTimeout(() => editButton.current?.focus(), 0);
                }}
              >
                <FormattedMessage id="common.cancel" />
              </button>
            </div>
          </div>
        ) : (
          <>
            <div className="takedown-text" lang={current}>
              {shown}
            </div>
            <div className="text-tabs__tools">
              <CopyButton text={shown} labelId="takedowns.text.copy" />
              {canEdit ? (
                <>
                  <button
                    ref={editButton}
                    type="button"
                    className="button button--secondary"
                    onClick={() => {
                      setDraft(shown);
                      setProblem(undefined);
                      setEditing(true);
                      window.setTimeout(() => area.current?.focus(), 0);
                    }}
                  >
                    <FormattedMessage id="takedowns.text.edit" />
                  </button>
                  {!sending ? (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy}
                      onClick={() => void patch(request.textEdited ? { textLocale: current, regenerate: true } : { textLocale: current })}
                    >
                      <FormattedMessage id="takedowns.text.useThis" />
                    </button>
                  ) : null}
                  <button type="button" className="button button--ghost" disabled={busy} onClick={() => void patch({ regenerate: true })}>
                    <FormattedMessage id="takedowns.text.regenerate" />
                  </button>
                </>
              ) : null}
            </div>
            {canEdit && !sending && request.textEdited ? (
              <p className="field__hint">
                <FormattedMessage id="takedowns.text.useThisLosesEdit" />
              </p>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}
