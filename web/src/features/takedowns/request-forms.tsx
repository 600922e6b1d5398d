// The forms of the request editor that move a request along: "Marquer comme envoyée" (status
// submitted with the channel, the provider's reference number and the exact text sent; 409
// consent_required and 409 evidence_required said in plain words, the latter with a reason field
// to send anyway), what the provider did next (acknowledged / refused / no answer / removed —
// removed needs a re-check that found the content gone or a confirmation note), the reference
// number, and the follow-ups.
import { type FormEvent, type Ref, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import { TextField } from '../../ui/field';
import type { CaseDetail } from '../cases/api';
import type { Followup, Takedown, TakedownStatus, UpdateTakedownBody } from './api';
import { LocationStatusBadge } from './badges';
import { ConsentRequired } from './consent-notice';
import { RecheckButton } from './location-checks';

export type Patch = (body: UpdateTakedownBody) => Promise<Takedown>;

function TextArea({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  rows = 4,
  inputRef,
  lang,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange(value: string): void;
  rows?: number;
  inputRef?: Ref<HTMLTextAreaElement> | undefined;
  lang?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <textarea
        ref={inputRef}
        id={id}
        rows={rows}
        value={value}
        lang={lang}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

export { TextArea };

export function SubmitForm({ request, detail, patch }: { request: Takedown; detail: CaseDetail; patch: Patch }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const evidenceMissing = request.warnings.some((w) => w.code === 'evidence_missing');
  const [channel, setChannel] = useState(request.channel ?? '');
  const [reference, setReference] = useState('');
  const [text, setText] = useState(request.text);
  const [override, setOverride] = useState('');
  const [askOverride, setAskOverride] = useState(evidenceMissing);
  const [problems, setProblems] = useState<{ override?: string; text?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const overrideRef = useRef<HTMLTextAreaElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const base = `submit-${request.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof problems = {};
    if (text.trim() === '') next.text = intl.formatMessage({ id: 'common.field.required' });
    if (askOverride && override.trim().length > 0 && override.trim().length < 3)
      next.override = intl.formatMessage({ id: 'takedowns.submit.overrideShort' });
    setProblems(next);
    if (next.text) return textRef.current?.focus();
    if (next.override) return overrideRef.current?.focus();
    const body: UpdateTakedownBody = { status: 'submitted', version: request.version };
    if (channel.trim() && channel.trim() !== (request.channel ?? '')) body.channel = channel.trim();
    if (reference.trim()) body.referenceNumber = reference.trim();
    if (text.trim() !== request.text.trim()) {
      body.text = text;
      body.textLocale = request.textLocale;
    }
    if (askOverride && override.trim()) body.overrideReason = override.trim();
    setBusy(true);
    setError(null);
    try {
      await patch(body);
    } catch (caught) {
      setError(caught);
      if (isApiError(caught, 'evidence_required')) {
        setAskOverride(true);
        window.setTimeout(() => overrideRef.current?.focus(), 0);
      } else {
        window.setTimeout(() => alertRef.current?.focus(), 0);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate className="form form--wide" onSubmit={(e) => void submit(e)} aria-labelledby="envoi-title">
      <p className="field__hint">
        <FormattedMessage id="takedowns.submit.intro" />
      </p>
      {isApiError(error, 'consent_required') ? (
        <div ref={alertRef} tabIndex={-1}>
          <ConsentRequired detail={detail} kind="error" />
        </div>
      ) : isApiError(error, 'evidence_required') ? (
        <Alert kind="error" title={intl.formatMessage({ id: 'takedowns.submit.evidenceRequired' })}>
          <p>{error.message}</p>
        </Alert>
      ) : error && !isApiError(error, 'invalid_input') ? (
        <Alert ref={alertRef} kind="error" title={errorText(error)} />
      ) : null}
      <TextField
        id={`${base}-channel`}
        label={intl.formatMessage({ id: 'takedowns.submit.channel' })}
        hint={intl.formatMessage({ id: 'takedowns.submit.channelHint' })}
        value={channel}
        onChange={(e) => setChannel(e.target.value)}
        error={fieldError(error, 'channel')}
      />
      <TextField
        id={`${base}-reference`}
        label={intl.formatMessage({ id: 'takedowns.submit.reference' })}
        hint={intl.formatMessage({ id: 'takedowns.submit.referenceHint' })}
        value={reference}
        onChange={(e) => setReference(e.target.value)}
        error={fieldError(error, 'referenceNumber')}
      />
      <TextArea
        id={`${base}-text`}
        inputRef={textRef}
        lang={request.textLocale}
        label={intl.formatMessage({ id: 'takedowns.submit.text' })}
        hint={intl.formatMessage({ id: 'takedowns.submit.textHint' })}
        value={text}
        onChange={setText}
        rows={8}
        error={problems.text ?? fieldError(error, 'text')}
      />
      {askOverride ? (
        <TextArea
          id={`${base}-override`}
          inputRef={overrideRef}
          label={intl.formatMessage({ id: 'takedowns.submit.override' })}
          hint={intl.formatMessage({ id: 'takedowns.submit.overrideHint' })}
          value={override}
          onChange={setOverride}
          error={problems.override ?? fieldError(error, 'overrideReason')}
        />
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          <FormattedMessage id="takedowns.submit.button" />
        </button>
      </div>
    </form>
  );
}

/** What the provider did: acknowledged, refused, no answer, or the content is gone. */
export function OutcomeForm({ request, patch, onRechecked }: { request: Takedown; patch: Patch; onRechecked(): Promise<unknown> }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const options = request.nextStatuses.filter((s): s is Exclude<TakedownStatus, 'draft' | 'submitted'> => s !== 'draft' && s !== 'submitted');
  const [choice, setChoice] = useState<TakedownStatus | ''>('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<{ choice?: string; note?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const firstChoice = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const base = `outcome-${request.id}`;
  const allRemoved = request.locations.length > 0 && request.locations.every((l) => l.status === 'removed' && l.lastCheckedAt !== null);
  const needsNote = choice === 'removed' && !allRemoved;

  if (options.length === 0) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof problems = {};
    if (!choice) next.choice = intl.formatMessage({ id: 'takedowns.outcome.choose' });
    else if (needsNote && note.trim().length < 3) next.note = intl.formatMessage({ id: 'takedowns.outcome.noteRequired' });
    setProblems(next);
    if (next.choice) return firstChoice.current?.focus();
    if (next.note) return noteRef.current?.focus();
    if (!choice) return;
    const body: UpdateTakedownBody = { status: choice, version: request.version };
    if (choice === 'removed' && needsNote) body.confirmation = { note: note.trim() };
    else if (note.trim()) body.note = note.trim();
    setBusy(true);
    setError(null);
    try {
      await patch(body);
      setChoice('');
      setNote('');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate className="form form--wide" onSubmit={(e) => void submit(e)} aria-labelledby={`${base}-title`}>
      <h3 id={`${base}-title`} className="form__title">
        <FormattedMessage id="takedowns.outcome.title" />
      </h3>
      {error ? <Alert kind="error" title={errorText(error)} /> : null}
      <fieldset className={`choices${problems.choice ? ' choices--invalid' : ''}`} aria-describedby={problems.choice ? `${base}-choice-error` : undefined}>
        <legend>
          <FormattedMessage id="takedowns.outcome.question" />
        </legend>
        {problems.choice ? (
          <p className="field__error" id={`${base}-choice-error`}>
            {problems.choice}
          </p>
        ) : null}
        {options.map((s, i) => (
          <label key={s} className="choice">
            <input
              ref={i === 0 ? firstChoice : undefined}
              type="radio"
              name={`${base}-choice`}
              value={s}
              checked={choice === s}
              onChange={() => setChoice(s)}
            />
            <span>
              <FormattedMessage id={`takedowns.outcome.${s}`} />
            </span>
          </label>
        ))}
      </fieldset>
      {choice === 'removed' ? (
        <div className="removal-check">
          <p>
            <FormattedMessage id={allRemoved ? 'takedowns.outcome.rechecked' : 'takedowns.outcome.removedHow'} />
          </p>
          <ul className="removal-check__list">
            {request.locations.map((l) => (
              <li key={l.id} className="removal-check__item">
                <p className="break">
                  <LocationStatusBadge status={l.status} /> {l.url}
                </p>
                <p className="muted">
                  {l.lastCheckedAt ? (
                    <FormattedMessage id="takedowns.checks.last" values={{ when: <DateTime value={l.lastCheckedAt} /> }} />
                  ) : (
                    <FormattedMessage id="takedowns.checks.never" />
                  )}
                </p>
                <RecheckButton locationId={l.id} host={l.host} onFinished={onRechecked} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {choice ? (
        <TextArea
          id={`${base}-note`}
          inputRef={noteRef}
          label={intl.formatMessage({ id: needsNote ? 'takedowns.outcome.confirmation' : 'takedowns.outcome.note' })}
          hint={intl.formatMessage({ id: needsNote ? 'takedowns.outcome.confirmationHint' : 'takedowns.outcome.noteHint' })}
          value={note}
          onChange={setNote}
          error={problems.note ?? fieldError(error, 'confirmation.note') ?? fieldError(error, 'note')}
        />
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          <FormattedMessage id="takedowns.outcome.save" />
        </button>
      </div>
    </form>
  );
}

export function ReferenceForm({ request, patch }: { request: Takedown; patch: Patch }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [value, setValue] = useState(request.referenceNumber ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const base = `reference-${request.id}`;
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!value.trim()) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await patch({ referenceNumber: value.trim(), version: request.version });
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form noValidate className="row-form" onSubmit={(e) => void submit(e)}>
      <TextField
        id={`${base}-value`}
        label={intl.formatMessage({ id: 'takedowns.submit.reference' })}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={fieldError(error, 'referenceNumber') ?? (error && !isApiError(error, 'invalid_input') ? errorText(error) : undefined)}
      />
      <button type="submit" className="button button--secondary" disabled={busy}>
        <FormattedMessage id="common.save" />
      </button>
      <span role="status" className="form__status">
        {saved ? <FormattedMessage id="takedowns.reference.saved" /> : null}
      </span>
    </form>
  );
}

function FollowupLine({ f }: { f: Followup }) {
  const intl = useIntl();
  return (
    <li className="followup" data-kind={f.kind}>
      <p className="followup__head">
        <strong>
          {f.kind === 'status_changed' ? (
            <FormattedMessage
              id="takedowns.followup.statusChanged"
              values={{
                from: intl.formatMessage({ id: `takedowns.status.${f.statusFrom ?? 'draft'}` }),
                to: intl.formatMessage({ id: `takedowns.status.${f.statusTo ?? 'draft'}` }),
              }}
            />
          ) : (
            <FormattedMessage id={`takedowns.followup.kind.${f.kind}`} />
          )}
        </strong>{' '}
        <span className="muted">
          <DateTime value={f.at} />
          {f.byName ? (
            <>
              {' · '}
              {f.byName}
            </>
          ) : null}
        </span>
      </p>
      {f.note ? <p className="followup__note">{f.note}</p> : null}
    </li>
  );
}

export function Followups({
  request,
  canAct,
  onAdd,
}: {
  request: Takedown;
  canAct: boolean;
  onAdd(body: { kind: 'note' | 'reminder_sent' | 'provider_reply'; note: string }): Promise<Takedown>;
}) {
  const intl = useIntl();
  const errorText = useErrorText();
  const waiting = request.status === 'submitted' || request.status === 'acknowledged';
  const kinds = waiting ? (['provider_reply', 'reminder_sent', 'note'] as const) : (['note'] as const);
  const [kind, setKind] = useState<(typeof kinds)[number]>(kinds[0]);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const base = `followup-${request.id}`;
  const effectiveKind = (kinds as readonly string[]).includes(kind) ? kind : 'note';
  const items = [...request.followups].sort((a, b) => b.at.localeCompare(a.at));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!note.trim()) {
      setProblem(intl.formatMessage({ id: 'common.field.required' }));
      return noteRef.current?.focus();
    }
    setProblem(undefined);
    setBusy(true);
    setError(null);
    try {
      await onAdd({ kind: effectiveKind, note: note.trim() });
      setNote('');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {items.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="takedowns.followup.none" />
        </p>
      ) : (
        <ol className="followups">
          {items.map((f) => (
            <FollowupLine key={f.id} f={f} />
          ))}
        </ol>
      )}
      {canAct ? (
        <form noValidate className="form followup-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${base}-title`}>
          <h3 id={`${base}-title`} className="form__title">
            <FormattedMessage id="takedowns.followup.add" />
          </h3>
          {error ? <Alert kind="error" title={errorText(error)} /> : null}
          {kinds.length > 1 ? (
            <div className="field">
              <label htmlFor={`${base}-kind`}>
                <FormattedMessage id="takedowns.followup.kindLabel" />
              </label>
              <select id={`${base}-kind`} value={effectiveKind} onChange={(e) => setKind(e.target.value as (typeof kinds)[number])}>
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {intl.formatMessage({ id: `takedowns.followup.kind.${k}` })}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <TextArea
            id={`${base}-note`}
            inputRef={noteRef}
            label={intl.formatMessage({ id: 'takedowns.followup.note' })}
            value={note}
            onChange={setNote}
            error={problem ?? fieldError(error, 'note')}
          />
          <div className="form__actions">
            <button type="submit" className="button button--secondary" disabled={busy}>
              <FormattedMessage id="takedowns.followup.submit" />
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
