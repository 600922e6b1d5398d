// Moving the case along reported → acknowledged → in_progress → mitigated → closed, and
// reopening a closed case (a reason is required). The server decides what is allowed
// (viewer.nextStatuses) and refuses to close while tasks are open: its 409 message names them.
import { type FormEvent, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { ConfirmButton } from '../../ui/confirm-button';
import { casesApi, type CaseStatus } from './api';
import { useCase } from './case-context';

export function StatusActions() {
  const { detail, replace, reload } = useCase();
  const intl = useIntl();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<CaseStatus | null>(null);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonInput = useRef<HTMLTextAreaElement>(null);
  const reopenButton = useRef<HTMLButtonElement>(null);

  const next = detail.viewer.nextStatuses;
  if (next.length === 0 && !error && !done) return null;

  async function move(to: CaseStatus, why?: string) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const updated = await casesApi.update(detail.id, { status: to, version: detail.version, ...(why ? { reason: why } : {}) });
      replace(updated);
      setDone(to);
      setReopening(false);
      setReason('');
    } catch (caught) {
      setError(caught);
      if (isApiError(caught, 'stale_version')) await reload();
    } finally {
      setBusy(false);
    }
  }

  function submitReopen(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonMissing(true);
      reasonInput.current?.focus();
      return;
    }
    setReasonMissing(false);
    void move('in_progress', reason.trim());
  }

  const closing = isApiError(error, 'invalid_transition');
  return (
    <div className="status-actions">
      <h3 className="status-actions__title">
        <FormattedMessage id="cases.statusActions.title" />
      </h3>
      {done ? <Alert kind="success" title={intl.formatMessage({ id: 'cases.statusActions.done' }, { status: done })} /> : null}
      {error ? (
        <Alert kind="error" title={isApiError(error, 'stale_version') ? intl.formatMessage({ id: 'cases.stale' }) : errorText(error)}>
          {/* The server's 409 names the open steps and what to do; say it ourselves when it does not. */}
          {closing && !/\d\.\d\.\d/.test(errorText(error)) ? (
            <p>
              <FormattedMessage id="cases.statusActions.closeBlocked" />
            </p>
          ) : null}
        </Alert>
      ) : null}
      <div className="status-actions__buttons">
        {next.map((to) => {
          if (detail.status === 'closed' && to === 'in_progress') {
            return reopening ? null : (
              <button
                key={to}
                ref={reopenButton}
                type="button"
                className="button button--secondary"
                disabled={busy}
                onClick={() => {
                  setReopening(true);
                  window.setTimeout(() => reasonInput.current?.focus(), 0);
                }}
              >
                <FormattedMessage id="cases.statusActions.reopen" />
              </button>
            );
          }
          if (to === 'closed') {
            return (
              <ConfirmButton
                key={to}
                busy={busy}
                confirmLabel={<FormattedMessage id="cases.statusActions.closeConfirm" />}
                onConfirm={() => move(to)}
              >
                <FormattedMessage id="cases.statusActions.to.closed" />
              </ConfirmButton>
            );
          }
          return (
            <button key={to} type="button" className="button" disabled={busy} onClick={() => void move(to)}>
              <FormattedMessage id={`cases.statusActions.to.${to}`} />
            </button>
          );
        })}
      </div>
      {reopening ? (
        <form noValidate className="form inline-form" onSubmit={submitReopen}>
          <div className={`field${reasonMissing ? ' field--invalid' : ''}`}>
            <label htmlFor="case-reopen-reason">
              <FormattedMessage id="cases.statusActions.reopenReason" />
            </label>
            {reasonMissing ? (
              <p className="field__error" id="case-reopen-reason-error">
                <FormattedMessage id="common.field.required" />
              </p>
            ) : null}
            <textarea
              ref={reasonInput}
              id="case-reopen-reason"
              rows={3}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={reasonMissing || undefined}
              aria-describedby={reasonMissing ? 'case-reopen-reason-error' : undefined}
            />
          </div>
          <div className="form__actions form__actions--inline">
            <button type="submit" className="button" disabled={busy}>
              <FormattedMessage id="cases.statusActions.reopenSubmit" />
            </button>
            <button
              type="button"
              className="button button--ghost"
              onClick={() => {
                setReopening(false);
                setReasonMissing(false);
                window.setTimeout(() => reopenButton.current?.focus(), 0);
              }}
            >
              <FormattedMessage id="common.cancel" />
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
