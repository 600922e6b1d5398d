// « Qui a accès au dossier » (DESIGN.md §7): the participants — name, role, since when, why (the
// procedure's reasons in plain words, or what was typed by whoever added them) — and the active
// temporary accesses. The case's supervisor or general direction (canManage) may add someone in
// a procedure role (counsel for step 4.6.1…), remove them, give a temporary read access (at most
// 30 days) or revoke it. The people offered come from GET /people/holders (logins holding that
// role); the API checks everything again.
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { ConfirmButton } from '../../ui/confirm-button';
import { DateTime } from '../../ui/date-time';
import { Section } from '../../ui/section';
import { useCase } from '../cases/case-context';
import { todayIn, wallTimeToIso } from '../records/zoned-time';
import { announceCaseChange } from '../timeline/case-changes';
import { type AddableRole, addableRoles, type CaseParticipant, GRANT_MAX_DAYS, type Participants, peopleApi, type RoleHolder } from './api';

const knownReasons = ['intake', 'replaces_supervisor', 'opened_case', 'step_4.2.2', 'union_notice_consent', 'counsel_added', 'manual'];
/** Joined by the procedure itself: « ajouté par » would only name who triggered it. */
const procedureReasons = ['intake', 'replaces_supervisor', 'opened_case', 'step_4.2.2', 'union_notice_consent'];

function useReasonText() {
  const intl = useIntl();
  return (p: Pick<CaseParticipant, 'reason' | 'reasonLabel'>) =>
    knownReasons.includes(p.reason)
      ? intl.formatMessage({ id: `cases.participant.reason.${p.reason.replaceAll('.', '_')}` })
      : p.reasonLabel || p.reason;
}

/** A role, then the people holding it in the organisation (loaded when the role changes). */
function HolderPicker({
  idPrefix,
  role,
  onRole,
  userId,
  onUser,
  error,
  exclude,
}: {
  idPrefix: string;
  role: AddableRole;
  onRole(role: AddableRole): void;
  userId: string;
  onUser(userId: string): void;
  error: string | undefined;
  exclude: readonly string[];
}) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [holders, setHolders] = useState<RoleHolder[] | undefined>();
  const [loadError, setLoadError] = useState<unknown>(null);
  const latest = useRef({ exclude, onUser });
  latest.current = { exclude, onUser };

  useEffect(() => {
    let live = true;
    const { exclude, onUser } = latest.current;
    setHolders(undefined);
    setLoadError(null);
    peopleApi.holders(role).then(
      (r) => {
        if (!live) return;
        const list = r.items.filter((h) => !exclude.includes(h.userId));
        setHolders(list);
        onUser(list[0]?.userId ?? '');
      },
      (caught) => {
        if (live) setLoadError(caught);
      },
    );
    return () => {
      live = false;
    };
  }, [role]);

  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-role`}>
          <FormattedMessage id="people.add.role" />
        </label>
        <select id={`${idPrefix}-role`} value={role} onChange={(e) => onRole(e.target.value as AddableRole)}>
          {addableRoles.map((r) => (
            <option key={r} value={r}>
              {intl.formatMessage({ id: 'cases.role' }, { role: r })}
            </option>
          ))}
        </select>
      </div>
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor={`${idPrefix}-user`}>
          <FormattedMessage id="people.add.person" />
        </label>
        {error ? (
          <p className="field__error" id={`${idPrefix}-user-error`}>
            {error}
          </p>
        ) : null}
        {loadError ? <p className="field__error">{errorText(loadError)}</p> : null}
        {holders && holders.length === 0 ? (
          <p className="field__hint" id={`${idPrefix}-user-none`}>
            <FormattedMessage id="people.add.nobody" />
          </p>
        ) : null}
        <select
          id={`${idPrefix}-user`}
          value={userId}
          disabled={!holders || holders.length === 0}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${idPrefix}-user-error` : undefined}
          onChange={(e) => onUser(e.target.value)}
        >
          {!holders ? <option value="">{intl.formatMessage({ id: 'common.loading' })}</option> : null}
          {holders?.map((h) => (
            <option key={h.userId} value={h.userId}>
              {h.isPrimary ? intl.formatMessage({ id: 'people.add.primary' }, { name: h.displayName }) : h.displayName}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

function AddParticipantForm({
  caseId,
  present,
  onDone,
  onCancel,
}: {
  caseId: string;
  present: readonly CaseParticipant[];
  onDone(list: Participants, name: string): void;
  onCancel(): void;
}) {
  const intl = useIntl();
  const errorText = useErrorText();
  const uid = useId();
  const [role, setRole] = useState<AddableRole>('legal');
  const [userId, setUserId] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<'user' | 'reason' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const exclude = present.filter((p) => p.role === role).map((p) => p.userId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!userId) return setMissing('user');
    if (!reason.trim()) {
      setMissing('reason');
      reasonRef.current?.focus();
      return;
    }
    setMissing(null);
    setBusy(true);
    setError(null);
    try {
      const list = await peopleApi.add(caseId, { userId, role, reason: reason.trim() });
      onDone(list, list.participants.find((p) => p.userId === userId)?.displayName ?? '');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const reasonError = missing === 'reason' ? intl.formatMessage({ id: 'common.field.required' }) : fieldError(error, 'reason');
  return (
    <form noValidate className="form form--boxed" onSubmit={(e) => void submit(e)}>
      <p className="form__title">
        <FormattedMessage id="people.add.title" />
      </p>
      {error && !reasonError ? <Alert kind="error" title={errorText(error)} /> : null}
      <HolderPicker
        idPrefix={`${uid}-add`}
        role={role}
        onRole={setRole}
        userId={userId}
        onUser={setUserId}
        exclude={exclude}
        error={missing === 'user' ? intl.formatMessage({ id: 'people.add.nobodyChosen' }) : fieldError(error, 'userId')}
      />
      <div className={`field${reasonError ? ' field--invalid' : ''}`}>
        <label htmlFor={`${uid}-reason`}>
          <FormattedMessage id="people.add.reason" />
        </label>
        <p className="field__hint" id={`${uid}-reason-hint`}>
          <FormattedMessage id="people.add.reasonHint" />
        </p>
        {reasonError ? (
          <p className="field__error" id={`${uid}-reason-error`}>
            {reasonError}
          </p>
        ) : null}
        <textarea
          ref={reasonRef}
          id={`${uid}-reason`}
          rows={2}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={`${uid}-reason-hint${reasonError ? ` ${uid}-reason-error` : ''}`}
        />
      </div>
      <div className="form__actions form__actions--inline">
        <button type="submit" className="button" disabled={busy || !userId}>
          <FormattedMessage id="people.add.submit" />
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          <FormattedMessage id="common.cancel" />
        </button>
      </div>
    </form>
  );
}

function GrantForm({ caseId, onDone, onCancel }: { caseId: string; onDone(name: string): void; onCancel(): void }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const uid = useId();
  const timeZone = intl.timeZone;
  const today = todayIn(timeZone);
  const plusDays = (days: number) => {
    const [y, m, d] = today.split('-').map(Number);
    return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
  };
  const [role, setRole] = useState<AddableRole>('hr');
  const [userId, setUserId] = useState('');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(plusDays(7));
  const [missing, setMissing] = useState<'reason' | 'until' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setMissing('reason');
    const end = until ? wallTimeToIso(`${until}T23:59`, timeZone) : undefined;
    if (!end) return setMissing('until');
    setMissing(null);
    // The last day counts until 23 h 59, but never beyond the 30 days the server allows.
    const latest = Date.now() + GRANT_MAX_DAYS * 86_400_000 - 60_000;
    const expiresAt = new Date(Math.min(new Date(end).getTime(), latest)).toISOString();
    setBusy(true);
    setError(null);
    try {
      const grant = await peopleApi.grant(caseId, { userId, reason: reason.trim(), expiresAt });
      onDone(grant.displayName);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const reasonError = missing === 'reason' ? intl.formatMessage({ id: 'common.field.required' }) : fieldError(error, 'reason');
  const untilError = missing === 'until' ? intl.formatMessage({ id: 'common.field.required' }) : fieldError(error, 'expiresAt');
  return (
    <form noValidate className="form form--boxed" onSubmit={(e) => void submit(e)}>
      <p className="form__title">
        <FormattedMessage id="people.grant.title" />
      </p>
      <p className="field__hint">
        <FormattedMessage id="people.grant.hint" />
      </p>
      {error && !reasonError && !untilError ? <Alert kind="error" title={errorText(error)} /> : null}
      <HolderPicker
        idPrefix={`${uid}-grant`}
        role={role}
        onRole={setRole}
        userId={userId}
        onUser={setUserId}
        exclude={[]}
        error={fieldError(error, 'userId')}
      />
      <div className={`field${reasonError ? ' field--invalid' : ''}`}>
        <label htmlFor={`${uid}-reason`}>
          <FormattedMessage id="people.grant.reason" />
        </label>
        {reasonError ? (
          <p className="field__error" id={`${uid}-reason-error`}>
            {reasonError}
          </p>
        ) : null}
        <textarea
          id={`${uid}-reason`}
          rows={2}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${uid}-reason-error` : undefined}
        />
      </div>
      <div className={`field${untilError ? ' field--invalid' : ''}`}>
        <label htmlFor={`${uid}-until`}>
          <FormattedMessage id="people.grant.until" />
        </label>
        <p className="field__hint" id={`${uid}-until-hint`}>
          <FormattedMessage id="people.grant.untilHint" values={{ days: GRANT_MAX_DAYS }} />
        </p>
        {untilError ? (
          <p className="field__error" id={`${uid}-until-error`}>
            {untilError}
          </p>
        ) : null}
        <input
          id={`${uid}-until`}
          type="date"
          min={plusDays(0)}
          max={plusDays(GRANT_MAX_DAYS - 1)}
          value={until}
          onChange={(e) => setUntil(e.target.value)}
          aria-invalid={untilError ? true : undefined}
          aria-describedby={`${uid}-until-hint${untilError ? ` ${uid}-until-error` : ''}`}
        />
      </div>
      <div className="form__actions form__actions--inline">
        <button type="submit" className="button" disabled={busy || !userId}>
          <FormattedMessage id="people.grant.submit" />
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          <FormattedMessage id="common.cancel" />
        </button>
      </div>
    </form>
  );
}

export function PeopleSection() {
  const { detail, reload } = useCase();
  const intl = useIntl();
  const errorText = useErrorText();
  const reasonText = useReasonText();
  const caseId = detail.id;
  const [data, setData] = useState<Participants | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<'add' | 'grant' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const grantButton = useRef<HTMLButtonElement>(null);
  const closed = detail.status === 'closed';

  // Read again when the case's own list changes (step 4.2.2, a consent…).
  const participantsKey = detail.participants.map((p) => `${p.userId}:${p.role}`).join(',');
  const load = useCallback(async () => {
    try {
      setData(await peopleApi.participants(caseId));
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, [caseId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: participantsKey is the reason to read again
  useEffect(() => {
    void load();
  }, [load, participantsKey]);

  function closeForm(which: 'add' | 'grant') {
    setOpen(null);
    window.setTimeout(() => (which === 'add' ? addButton : grantButton).current?.focus(), 0);
  }

  async function changed(text: string) {
    setMessage(text);
    await load();
    void reload();
    announceCaseChange(caseId);
  }

  async function remove(p: CaseParticipant) {
    setBusy(true);
    setError(null);
    try {
      await peopleApi.remove(caseId, p.userId, p.role);
      await changed(intl.formatMessage({ id: 'people.removed' }, { name: p.displayName }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(grantId: string, name: string) {
    setBusy(true);
    setError(null);
    try {
      await peopleApi.revoke(grantId);
      await changed(intl.formatMessage({ id: 'people.grant.revoked' }, { name }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const participants: readonly CaseParticipant[] =
    data?.participants ??
    detail.participants.map((p) => ({ ...p, reasonLabel: p.reason, addedBy: null, addedByName: null, isAffectedPerson: false }));
  const canManage = (data?.canManage ?? detail.viewer.canManageParticipants) && !closed;

  return (
    <Section id="participants" title={<FormattedMessage id="people.title" />} intro={<FormattedMessage id="people.intro" />}>
      <div role="status" className="status-message">
        {message ? (
          <div className="alert alert--success">
            <p className="alert__title">{message}</p>
          </div>
        ) : null}
      </div>
      {error ? <Alert kind="error" title={errorText(error)} /> : null}
      <ul className="item-list participant-list">
        {participants.map((p) => (
          <li key={`${p.userId}:${p.role}`} className="item-list__item">
            <div className="item-list__main">
              <p className="item-list__title">
                {p.displayName}
                {p.isAffectedPerson ? (
                  <span className="muted">
                    {' '}
                    <FormattedMessage id="people.affected" />
                  </span>
                ) : null}
              </p>
              <p className="item-list__meta">
                <span className="participant-list__role">
                  <FormattedMessage id="cases.role" values={{ role: p.role }} />
                </span>
                {' · '}
                <FormattedMessage id="cases.participants.since" values={{ when: <DateTime value={p.joinedAt} /> }} />
                {' · '}
                {reasonText(p)}
                {p.addedByName && p.addedBy && !procedureReasons.includes(p.reason) ? (
                  <>
                    {' · '}
                    <FormattedMessage id="people.addedBy" values={{ name: p.addedByName }} />
                  </>
                ) : null}
              </p>
            </div>
            {canManage && !p.isAffectedPerson && data ? (
              <div className="item-list__actions">
                <ConfirmButton
                  busy={busy}
                  onConfirm={() => remove(p)}
                  confirmLabel={<FormattedMessage id="people.remove.confirm" values={{ name: p.displayName }} />}
                >
                  <FormattedMessage id="people.remove" />
                  <span className="visually-hidden"> {p.displayName}</span>
                </ConfirmButton>
              </div>
            ) : null}
          </li>
        ))}
      </ul>

      {data && data.grants.length > 0 ? (
        <>
          <h3 className="card__subtitle">
            <FormattedMessage id="people.grants.title" />
          </h3>
          <ul className="item-list grant-list">
            {data.grants.map((g) => (
              <li key={g.id} className="item-list__item">
                <div className="item-list__main">
                  <p className="item-list__title">{g.displayName}</p>
                  <p className="item-list__meta">
                    <FormattedMessage id="people.grants.until" values={{ when: <DateTime value={g.expiresAt} /> }} />
                    {' · '}
                    <FormattedMessage
                      id="people.grants.by"
                      values={{
                        name: g.grantedByName ?? intl.formatMessage({ id: 'records.someone' }),
                        when: <DateTime value={g.createdAt} />,
                      }}
                    />
                  </p>
                  <p className="item-list__meta">{g.reason}</p>
                </div>
                {canManage ? (
                  <div className="item-list__actions">
                    <ConfirmButton
                      busy={busy}
                      onConfirm={() => revoke(g.id, g.displayName)}
                      confirmLabel={<FormattedMessage id="people.grants.revokeConfirm" values={{ name: g.displayName }} />}
                    >
                      <FormattedMessage id="people.grants.revoke" />
                      <span className="visually-hidden"> {g.displayName}</span>
                    </ConfirmButton>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {canManage && data ? (
        <>
          {open === 'add' ? (
            <AddParticipantForm
              caseId={caseId}
              present={participants}
              onCancel={() => closeForm('add')}
              onDone={(list, name) => {
                setData(list);
                closeForm('add');
                void changed(intl.formatMessage({ id: 'people.added' }, { name }));
              }}
            />
          ) : null}
          {open === 'grant' ? (
            <GrantForm
              caseId={caseId}
              onCancel={() => closeForm('grant')}
              onDone={(name) => {
                closeForm('grant');
                void changed(intl.formatMessage({ id: 'people.grant.done' }, { name }));
              }}
            />
          ) : null}
          {open === null ? (
            <div className="toolbar people-actions">
              <button ref={addButton} type="button" className="button button--secondary" onClick={() => setOpen('add')}>
                <FormattedMessage id="people.add.button" />
              </button>
              <button ref={grantButton} type="button" className="button button--secondary" onClick={() => setOpen('grant')}>
                <FormattedMessage id="people.grant.button" />
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}
