// "Ajouter un lien": paste an address, add it, remove it. Several addresses pasted at once
// (separated by spaces or new lines) are added together; only http(s) addresses are accepted.
// Enter in the field adds the link (it does not send the report).
import { type KeyboardEvent, type Ref, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isWebUrl } from './idempotency-key';

export const MAX_LINKS = 50;

/** Splits what was pasted into addresses; `bad` are the pieces that are not http(s) links. */
export function parseLinks(text: string): { good: string[]; bad: string[] } {
  const pieces = text
    .split(/\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return { good: pieces.filter(isWebUrl), bad: pieces.filter((p) => !isWebUrl(p)) };
}

export function LinkList({
  links,
  draft,
  error,
  onDraftChange,
  onAdd,
  onRemove,
  inputRef,
}: {
  links: readonly string[];
  draft: string;
  error: string | undefined;
  onDraftChange(value: string): void;
  /** Adds what is in the field; returns false when it was refused (the error is then set). */
  onAdd(): boolean;
  onRemove(index: number): void;
  inputRef: Ref<HTMLInputElement>;
}) {
  const intl = useIntl();
  const list = useRef<HTMLUListElement>(null);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      onAdd();
    }
  }

  return (
    <fieldset className="choices link-list">
      <legend>
        <FormattedMessage id="report.links.legend" />
      </legend>
      <p className="field__hint" id="report-link-hint">
        <FormattedMessage id="report.links.hint" />
      </p>
      {links.length > 0 ? (
        <ul ref={list} className="link-list__items" aria-label={intl.formatMessage({ id: 'report.links.added' }, { count: links.length })}>
          {links.map((link, index) => (
            <li key={link} className="link-list__item">
              <span className="link-list__url break">{link}</span>
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => {
                  onRemove(index);
                  // Keep the keyboard in the list: the next remove button, or the field.
                  window.setTimeout(() => {
                    const buttons = list.current?.querySelectorAll('button');
                    const next = buttons?.[Math.min(index, (buttons?.length ?? 1) - 1)];
                    if (next) next.focus();
                    else document.getElementById('report-link')?.focus();
                  }, 0);
                }}
              >
                <FormattedMessage id="report.links.remove" values={{ link: <span className="visually-hidden">{link}</span> }} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor="report-link">
          <FormattedMessage id="report.links.label" />
        </label>
        {error ? (
          <p className="field__error" id="report-link-error">
            {error}
          </p>
        ) : null}
        <div className="link-list__add">
          <input
            ref={inputRef}
            id="report-link"
            type="url"
            inputMode="url"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder="https://"
            value={draft}
            onChange={(e) => onDraftChange(e.target.value)}
            onKeyDown={onKeyDown}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'report-link-hint report-link-error' : 'report-link-hint'}
            disabled={links.length >= MAX_LINKS}
          />
          <button type="button" className="button button--secondary" onClick={() => onAdd()} disabled={links.length >= MAX_LINKS}>
            <FormattedMessage id="report.links.add" />
          </button>
        </div>
      </div>
    </fieldset>
  );
}
