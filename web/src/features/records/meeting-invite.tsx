// « Envoyer l'invitation »: the meeting's calendar file (.ics: case reference, date, place and a
// link — never the facts) mailed to the participants chosen here (POST /records/{id}/invite,
// 1–20 of them). Each person's result is said: sent, or not delivered.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import type { CaseDetail } from '../cases/api';
import { type InviteResult, type RecordJson, recordsApi } from './api';

type Participant = CaseDetail['participants'][number];

export function MeetingInvite({
  record,
  participants,
  onClose,
}: {
  record: RecordJson;
  participants: readonly Participant[];
  onClose(): void;
}) {
  const intl = useIntl();
  const errorText = useErrorText();
  const uid = useId();
  const first = useRef<HTMLInputElement>(null);
  // One line per person, their roles together.
  const people = [...new Map(participants.map((p) => [p.userId, p])).values()].map((p) => ({
    userId: p.userId,
    name: p.displayName,
    roles: participants.filter((q) => q.userId === p.userId).map((q) => q.role),
  }));
  const [chosen, setChosen] = useState<string[]>([]);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<InviteResult | null>(null);

  useEffect(() => {
    first.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen.length === 0) {
      setMissing(true);
      first.current?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      setResult(await recordsApi.invite(record.id, chosen));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const nameOf = (userId: string) => people.find((p) => p.userId === userId)?.name ?? userId;
  const sent = result?.invited.filter((i) => i.status === 'sent') ?? [];
  const failed = result?.invited.filter((i) => i.status === 'failed') ?? [];
  const list = (items: typeof sent) => intl.formatList(items.map((i) => nameOf(i.userId)));

  return (
    <form noValidate className="form form--boxed meeting-invite" onSubmit={(e) => void submit(e)}>
      {error ? <Alert kind="error" title={errorText(error)} /> : null}
      <div role="status" className="status-message">
        {result ? (
          <>
            {sent.length > 0 ? (
              <p className="form__status">
                <FormattedMessage id="records.invite.sent" values={{ names: list(sent), count: sent.length }} />
              </p>
            ) : null}
            {failed.length > 0 ? (
              <p className="warning-text">
                <FormattedMessage id="records.invite.failed" values={{ names: list(failed), count: failed.length }} />
              </p>
            ) : null}
          </>
        ) : null}
      </div>
      <fieldset
        className={`choices${missing ? ' choices--invalid' : ''}`}
        aria-describedby={`${uid}-hint${missing ? ` ${uid}-error` : ''}`}
      >
        <legend>
          <FormattedMessage id="records.invite.legend" />
        </legend>
        <p className="field__hint" id={`${uid}-hint`}>
          <FormattedMessage id="records.invite.hint" />
        </p>
        {missing ? (
          <p className="field__error" id={`${uid}-error`}>
            <FormattedMessage id="records.invite.none" />
          </p>
        ) : null}
        {people.map((p, i) => (
          <label key={p.userId} className="choice">
            <input
              ref={i === 0 ? first : undefined}
              type="checkbox"
              checked={chosen.includes(p.userId)}
              onChange={(e) => setChosen((old) => (e.target.checked ? [...old, p.userId] : old.filter((x) => x !== p.userId)))}
            />
            <span>
              {p.name}{' '}
              <span className="muted">({intl.formatList(p.roles.map((role) => intl.formatMessage({ id: 'cases.role' }, { role })))})</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="form__actions form__actions--inline">
        <button type="submit" className="button" disabled={busy}>
          <FormattedMessage id="records.invite.submit" />
        </button>
        <button type="button" className="button button--ghost" onClick={onClose}>
          <FormattedMessage id="records.invite.close" />
        </button>
      </div>
    </form>
  );
}
