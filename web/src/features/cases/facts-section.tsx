// What happened: the summary (editable by the affected person, the supervisor, general
// direction and HR — viewer.canEditFacts) and when. Saving sends the version read; if someone
// changed the case meanwhile the server answers 409 stale_version: the page says so, reloads
// the case and keeps the text being written so nothing typed is lost.
import { type FormEvent, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import { Section } from '../../ui/section';
import { casesApi } from './api';
import { useCase } from './case-context';

export function FactsSection() {
  const { detail, replace, reload } = useCase();
  const intl = useIntl();
  const errorText = useErrorText();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  function startEditing() {
    setDraft(detail.summary);
    setEditing(true);
    setSaved(false);
    setError(null);
    window.setTimeout(() => area.current?.focus(), 0);
  }

  function stopEditing() {
    setEditing(false);
    setMissing(false);
    window.setTimeout(() => editButton.current?.focus(), 0);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim()) {
      setMissing(true);
      area.current?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      replace(await casesApi.update(detail.id, { summary: draft.trim(), version: detail.version }));
      setSaved(true);
      stopEditing();
    } catch (caught) {
      setError(caught);
      // Someone else changed the case: show their version, keep ours in the field.
      if (isApiError(caught, 'stale_version')) await reload();
    } finally {
      setBusy(false);
    }
  }

  const summaryError = missing ? intl.formatMessage({ id: 'common.field.required' }) : fieldError(error, 'summary');
  return (
    <Section id="faits" title={<FormattedMessage id="cases.facts.title" />}>
      {saved ? <Alert kind="success" title={intl.formatMessage({ id: 'cases.facts.saved' })} /> : null}
      {error && !summaryError ? (
        <Alert kind="error" title={isApiError(error, 'stale_version') ? intl.formatMessage({ id: 'cases.stale' }) : errorText(error)} />
      ) : null}
      {editing && isApiError(error, 'stale_version') ? (
        <div className="case-summary-current">
          <p className="case-summary-current__label">
            <FormattedMessage id="cases.facts.currentText" />
          </p>
          <p className="case-summary">{detail.summary}</p>
        </div>
      ) : null}
      {editing ? (
        <form noValidate className="form" onSubmit={(e) => void save(e)}>
          <div className={`field${summaryError ? ' field--invalid' : ''}`}>
            <label htmlFor="case-summary">
              <FormattedMessage id="cases.facts.summary" />
            </label>
            {summaryError ? (
              <p className="field__error" id="case-summary-error">
                {summaryError}
              </p>
            ) : null}
            <textarea
              ref={area}
              id="case-summary"
              rows={8}
              maxLength={20000}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              aria-invalid={summaryError ? true : undefined}
              aria-describedby={summaryError ? 'case-summary-error' : undefined}
            />
          </div>
          <div className="form__actions form__actions--inline">
            <button type="submit" className="button" disabled={busy}>
              <FormattedMessage id="common.save" />
            </button>
            <button type="button" className="button button--ghost" onClick={stopEditing}>
              <FormattedMessage id="common.cancel" />
            </button>
          </div>
        </form>
      ) : (
        <>
          <h3 className="visually-hidden">
            <FormattedMessage id="cases.facts.summary" />
          </h3>
          <p className="case-summary">{detail.summary}</p>
        </>
      )}
      <dl className="facts">
        <div>
          <dt>
            <FormattedMessage id="cases.facts.occurredAt" />
          </dt>
          <dd>{detail.occurredAt ? <DateTime value={detail.occurredAt} /> : <FormattedMessage id="cases.facts.occurredUnknown" />}</dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cases.facts.updatedAt" />
          </dt>
          <dd>
            <DateTime value={detail.updatedAt} />
          </dd>
        </div>
      </dl>
      {detail.viewer.canEditFacts && !editing ? (
        <button ref={editButton} type="button" className="button button--secondary" onClick={startEditing}>
          <FormattedMessage id="cases.facts.edit" />
        </button>
      ) : null}
    </Section>
  );
}
