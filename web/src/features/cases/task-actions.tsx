// What a person can do with one task, on the case page and in "my tasks":
//   open  → Terminé (with an optional note) · Ne s'applique pas (a reason is required)
//   done / not applicable → Rouvrir
// Step 4.2.2 (completion `action:notify_direction`) is ONE clear button that notifies general
// direction, HR and IT and makes them participants. Step 4.1.3 (`event:union_notice_sent`) is
// done by the staff member's consent: the affected person is led to the consent screen.
// Steps done by the system at intake (4.1.2) have no action.
import { type FormEvent, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { casePaths, casesApi, type Task } from './api';

type Mode = 'idle' | 'done' | 'not_applicable';

export function TaskActions({
  task,
  caseId,
  affected,
  onChanged,
}: {
  task: Task;
  caseId: string;
  /** The reader is the case's affected person (4.1.3 leads to their consent screen). */
  affected: boolean;
  /** Called with the task the API returned; the caller reloads what depends on it. */
  onChanged(task: Task, change: 'done' | 'not_applicable' | 'open' | 'notified'): void | Promise<void>;
}) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [mode, setMode] = useState<Mode>('idle');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const uid = useId();
  const noteId = `${uid}-note`;

  async function send(status: 'done' | 'not_applicable' | 'open', text?: string, change?: 'notified') {
    setBusy(true);
    setError(null);
    try {
      const updated = await casesApi.updateTask(task.id, { status, ...(text ? { note: text } : {}) });
      setMode('idle');
      setNote('');
      await onChanged(updated, change ?? status);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  function open(next: Mode) {
    setMode(next);
    setMissing(false);
    setError(null);
    window.setTimeout(() => area.current?.focus(), 0);
  }

  function cancel() {
    setMode('idle');
    setMissing(false);
    window.setTimeout(() => opener.current?.focus(), 0);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mode === 'not_applicable' && !note.trim()) {
      setMissing(true);
      area.current?.focus();
      return;
    }
    void send(mode === 'done' ? 'done' : 'not_applicable', note.trim() || undefined);
  }

  const errorBox = error && !fieldError(error, 'note') ? <Alert kind="error" title={errorText(error)} /> : null;

  if (task.status === 'pending') return null;
  if (task.completion === 'system:intake') return null;

  if (task.status === 'done' || task.status === 'not_applicable') {
    return (
      <div className="task-actions">
        {errorBox}
        <button type="button" className="button button--ghost button--small" disabled={busy} onClick={() => void send('open')}>
          <FormattedMessage id="cases.task.reopen" />
        </button>
      </div>
    );
  }

  if (task.completion === 'action:notify_direction') {
    return (
      <div className="task-actions">
        {errorBox}
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void send('done', undefined, 'notified')}>
          <FormattedMessage id="cases.task.notifyDirection" />
        </button>
      </div>
    );
  }

  const noteError = missing ? intl.formatMessage({ id: 'cases.task.reasonRequired' }) : fieldError(error, 'note');
  return (
    <div className="task-actions">
      {errorBox}
      {task.completion === 'event:union_notice_sent' ? (
        affected ? (
          <p>
            <Link to={casePaths.consents(caseId)} className="button">
              <FormattedMessage id="cases.task.giveConsent" />
            </Link>
          </p>
        ) : (
          <p className="muted">
            <FormattedMessage id="cases.task.byConsent" />
          </p>
        )
      ) : null}
      {mode === 'idle' ? (
        <div className="task-actions__buttons">
          {task.completion !== 'event:union_notice_sent' ? (
            <button ref={opener} type="button" className="button button--small" disabled={busy} onClick={() => open('done')}>
              <FormattedMessage id="cases.task.markDone" />
            </button>
          ) : null}
          <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => open('not_applicable')}>
            <FormattedMessage id="cases.task.markNotApplicable" />
          </button>
        </div>
      ) : (
        <form noValidate className="form inline-form" onSubmit={submit}>
          <div className={`field${noteError ? ' field--invalid' : ''}`}>
            <label htmlFor={noteId}>
              <FormattedMessage id={mode === 'done' ? 'cases.task.noteLabel' : 'cases.task.reasonLabel'} />
            </label>
            {noteError ? (
              <p className="field__error" id={`${noteId}-error`}>
                {noteError}
              </p>
            ) : null}
            <textarea
              ref={area}
              id={noteId}
              rows={3}
              maxLength={5000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-invalid={noteError ? true : undefined}
              aria-describedby={noteError ? `${noteId}-error` : undefined}
            />
          </div>
          <div className="form__actions form__actions--inline">
            <button type="submit" className="button button--small" disabled={busy}>
              <FormattedMessage id={mode === 'done' ? 'cases.task.confirmDone' : 'cases.task.confirmNotApplicable'} />
            </button>
            <button type="button" className="button button--ghost button--small" onClick={cancel}>
              <FormattedMessage id="common.cancel" />
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
