// /admin/comptes/:id: one login. Display name and language; disable (signs the person out
// everywhere) or enable; help them back in (a password-reset link, removing a lost second
// factor); its roles: add one (supervisor needs a unit, union an association),
// remove one, make it the primary holder of its role and scope — with who holds that place now.
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { useMe } from '../../app/session';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { ConfirmButton } from '../../ui/confirm-button';
import { DateTime } from '../../ui/date-time';
import { TextField } from '../../ui/field';
import { Section } from '../../ui/section';
import {
  type AdminLocale,
  type AdminRole,
  adminApi,
  adminLocales,
  adminRoles,
  type Grant,
  type GrantWithHolder,
  type User,
} from './admin-api';
import { AdminPage } from './admin-page';
import { Checkbox, useFocusInvalid, SelectField } from './fields';
import { LoadState } from './load-state';
import { type Lookups, useLookups } from './lookups';
import { adminPaths } from './paths';
import { GrantLabel } from './users-page';

function IdentitySection({ user, onChange }: { user: User; onChange(user: User): void }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [email, setEmail] = useState(user.email);
  const [locale, setLocale] = useState<AdminLocale>(user.locale);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const { ref: form, focusInvalid } = useFocusInvalid();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const newEmail = email.trim().toLowerCase();
      onChange(
        await adminApi.updateUser(user.id, {
          displayName: displayName.trim(),
          locale,
          ...(newEmail !== user.email.toLowerCase() ? { email: newEmail } : {}),
        }),
      );
      setSaved(true);
    } catch (caught) {
      setError(caught);
      focusInvalid();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="identite" title={<FormattedMessage id="admin.user.identity" />}>
      <dl className="facts">
        <div>
          <dt>
            <FormattedMessage id="admin.user.person" />
          </dt>
          <dd>
            {user.personId ? (
              <Link to={adminPaths.person(user.personId)}>
                <FormattedMessage id="admin.user.openPerson" />
              </Link>
            ) : (
              <FormattedMessage id="admin.user.noPerson" />
            )}
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="admin.user.security" />
          </dt>
          <dd>
            <FormattedMessage id={user.hasPassword ? 'admin.user.hasPassword' : 'admin.user.noPassword'} />
            <span className="facts__note">
              <FormattedMessage id={user.totpEnabled ? 'admin.user.totpOn' : 'admin.user.totpOff'} />
            </span>
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="admin.user.lastLogin" />
          </dt>
          <dd>{user.lastLoginAt ? <DateTime value={user.lastLoginAt} /> : <FormattedMessage id="admin.user.neverSignedIn" />}</dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="admin.user.createdAt" />
          </dt>
          <dd>
            <DateTime value={user.createdAt} />
          </dd>
        </div>
      </dl>
      {error && !fieldError(error, 'displayName') && !fieldError(error, 'locale') && !fieldError(error, 'email') ? (
        <Alert kind="error" title={errorText(error)} />
      ) : null}
      <form ref={form} noValidate className="form" onSubmit={(e) => void submit(e)}>
        <TextField
          id="user-email"
          type="email"
          label={intl.formatMessage({ id: 'admin.user.email' })}
          hint={intl.formatMessage({ id: 'admin.user.emailHint' })}
          value={email}
          maxLength={320}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setEmail(e.target.value);
            setSaved(false);
          }}
          error={fieldError(error, 'email')}
          required
        />
        <TextField
          id="user-display-name"
          label={intl.formatMessage({ id: 'admin.user.displayName' })}
          value={displayName}
          maxLength={200}
          autoComplete="off"
          onChange={(e) => {
            setDisplayName(e.target.value);
            setSaved(false);
          }}
          error={fieldError(error, 'displayName')}
          required
        />
        <SelectField
          id="user-locale"
          label={intl.formatMessage({ id: 'admin.user.locale' })}
          hint={intl.formatMessage({ id: 'admin.user.localeHint' })}
          value={locale}
          onChange={(e) => {
            setLocale(e.target.value as AdminLocale);
            setSaved(false);
          }}
          error={fieldError(error, 'locale')}
        >
          {adminLocales.map((l) => (
            <option key={l} value={l}>
              {intl.formatMessage({ id: `admin.locale.${l}` })}
            </option>
          ))}
        </SelectField>
        <div className="form__actions form__actions--inline">
          <button type="submit" className="button button--primary" disabled={busy}>
            <FormattedMessage id="common.save" />
          </button>
          <span role="status" className="form__status">
            {saved ? <FormattedMessage id="admin.saved" /> : null}
          </span>
        </div>
      </form>
    </Section>
  );
}

function StatusSection({ user, onChange }: { user: User; onChange(user: User): void }) {
  const errorText = useErrorText();
  const me = useMe();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function setStatus(status: 'active' | 'disabled') {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      onChange(await adminApi.updateUser(user.id, { status }));
      setDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const active = user.status === 'active';
  return (
    <Section id="statut" title={<FormattedMessage id="admin.user.statusTitle" />}>
      <p>
        <span className={active ? 'state state--on' : 'state state--off'}>
          <FormattedMessage id={active ? 'admin.users.status.active' : 'admin.users.status.disabled'} />
        </span>
      </p>
      <p className="muted">
        <FormattedMessage id={active ? 'admin.user.disableIntro' : 'admin.user.enableIntro'} />
      </p>
      {error ? <Alert kind="error" title={errorText(error)} /> : null}
      <p role="status" className="form__status">
        {done ? <FormattedMessage id={active ? 'admin.user.enabled' : 'admin.user.disabled'} /> : null}
      </p>
      {active ? (
        user.id === me.id ? (
          <p className="muted">
            <FormattedMessage id="admin.user.cannotDisableSelf" />
          </p>
        ) : (
          <ConfirmButton
            busy={busy}
            confirmLabel={<FormattedMessage id="admin.user.disableConfirm" />}
            onConfirm={() => setStatus('disabled')}
          >
            <FormattedMessage id="admin.user.disable" />
          </ConfirmButton>
        )
      ) : (
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void setStatus('active')}>
          <FormattedMessage id="admin.user.enable" />
        </button>
      )}
    </Section>
  );
}

/**
 * Helping someone who cannot sign in: a password-reset link mailed to their own address, and,
 * when their phone is lost, removing their second factor (after your own password and code).
 */
function AccessSection({ user, onChange }: { user: User; onChange(user: User): void }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const me = useMe();
  const [linkError, setLinkError] = useState<unknown>(null);
  const [linkSent, setLinkSent] = useState<{ email: string; validMinutes: number } | null>(null);
  const [linkBusy, setLinkBusy] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [totpError, setTotpError] = useState<unknown>(null);
  const [totpDone, setTotpDone] = useState<{ sessionsRevoked: number; mustEnrol: boolean } | null>(null);
  const [totpBusy, setTotpBusy] = useState(false);
  const [missing, setMissing] = useState<Set<'password' | 'code'>>(new Set());
  const required = intl.formatMessage({ id: 'common.field.required' });
  const self = user.id === me.id;

  async function sendLink() {
    setLinkBusy(true);
    setLinkError(null);
    setLinkSent(null);
    try {
      setLinkSent(await adminApi.sendPasswordReset(user.id));
    } catch (caught) {
      setLinkError(caught);
    } finally {
      setLinkBusy(false);
    }
  }

  async function removeTotp(event: FormEvent) {
    event.preventDefault();
    const empty = new Set<'password' | 'code'>();
    if (!password) empty.add('password');
    if (me.totpEnabled && !code.trim()) empty.add('code');
    setMissing(empty);
    if (empty.size > 0) return;
    setTotpBusy(true);
    setTotpError(null);
    try {
      const done = await adminApi.resetTotp(user.id, { password, ...(code.trim() ? { code: code.trim() } : {}) });
      // The login as it is now, before saying it is done (no flash of the old state).
      onChange(await adminApi.user(user.id).catch(() => ({ ...user, totpEnabled: false })));
      setTotpDone(done);
      setRemoving(false);
      setPassword('');
      setCode('');
    } catch (caught) {
      setTotpError(caught);
    } finally {
      setTotpBusy(false);
    }
  }

  return (
    <Section id="acces" title={<FormattedMessage id="admin.user.access" />} intro={<FormattedMessage id="admin.user.accessIntro" />}>
      <div className="access-part">
        <h3>
          <FormattedMessage id="admin.user.resetLinkTitle" />
        </h3>
        <p className="muted">
          <FormattedMessage id="admin.user.resetLinkIntro" />
        </p>
        {linkError ? <Alert kind="error" title={errorText(linkError)} /> : null}
        <p role="status" className="form__status">
          {linkSent ? (
            <FormattedMessage id="admin.user.resetLinkSent" values={{ email: linkSent.email, minutes: linkSent.validMinutes }} />
          ) : null}
        </p>
        {user.status === 'active' ? (
          <button type="button" className="button button--secondary" disabled={linkBusy} onClick={() => void sendLink()}>
            <FormattedMessage id="admin.user.resetLinkButton" />
          </button>
        ) : (
          <p className="muted">
            <FormattedMessage id="admin.user.resetLinkDisabled" />
          </p>
        )}
      </div>

      <div className="access-part">
        <h3>
          <FormattedMessage id="admin.user.totpResetTitle" />
        </h3>
        <p role="status" className="form__status">
          {totpDone ? (
            <FormattedMessage
              id={totpDone.mustEnrol ? 'admin.user.totpResetDoneEnrol' : 'admin.user.totpResetDone'}
              values={{ sessions: totpDone.sessionsRevoked }}
            />
          ) : null}
        </p>
        {!user.totpEnabled ? (
          <p className="muted">
            <FormattedMessage id="admin.user.totpResetNone" />
          </p>
        ) : self ? (
          <p className="muted">
            <FormattedMessage id="admin.user.totpResetSelf" />
          </p>
        ) : !removing ? (
          <>
            <p className="muted">
              <FormattedMessage id="admin.user.totpResetIntro" />
            </p>
            <button type="button" className="button button--secondary" onClick={() => setRemoving(true)}>
              <FormattedMessage id="admin.user.totpResetButton" />
            </button>
          </>
        ) : (
          <form noValidate className="form" onSubmit={(e) => void removeTotp(e)}>
            <p>
              <FormattedMessage id="admin.user.totpResetConfirmIntro" />
            </p>
            {totpError && !fieldError(totpError, 'password') && !fieldError(totpError, 'code') ? (
              <Alert kind="error" title={errorText(totpError)} />
            ) : null}
            <TextField
              id="totp-reset-password"
              type="password"
              autoComplete="current-password"
              label={intl.formatMessage({ id: 'admin.user.yourPassword' })}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={missing.has('password') ? required : fieldError(totpError, 'password')}
              required
            />
            {me.totpEnabled ? (
              <TextField
                id="totp-reset-code"
                autoComplete="one-time-code"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={32}
                label={intl.formatMessage({ id: 'admin.user.yourCode' })}
                hint={intl.formatMessage({ id: 'profile.totp.codeHint' })}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                error={missing.has('code') ? required : fieldError(totpError, 'code')}
                required
              />
            ) : null}
            <div className="form__actions form__actions--inline">
              <button type="submit" className="button button--danger" disabled={totpBusy}>
                <FormattedMessage id="admin.user.totpResetConfirm" />
              </button>
              <button
                type="button"
                className="button button--ghost"
                onClick={() => {
                  setRemoving(false);
                  setTotpError(null);
                  setMissing(new Set());
                }}
              >
                <FormattedMessage id="common.cancel" />
              </button>
            </div>
          </form>
        )}
      </div>
    </Section>
  );
}

/** Who holds the primary place of each role and scope this login has (not for `staff`). */
function usePrimaryHolders(grants: Grant[]) {
  const scoped = grants.filter((g) => g.role !== 'staff');
  const key = scoped.map((g) => `${g.role}:${g.unitId ?? ''}:${g.associationId ?? ''}`).join('|');
  const data = useApiData(async () => {
    const lists = await Promise.all(
      scoped.map((g) =>
        adminApi.grants({
          role: g.role,
          ...(g.unitId ? { unitId: g.unitId } : {}),
          ...(g.associationId ? { associationId: g.associationId } : {}),
        }),
      ),
    );
    return lists.flat();
  });
  return { holders: data.data, reload: data.reload, key };
}

function primaryOf(holders: GrantWithHolder[] | undefined, grant: Grant): GrantWithHolder | undefined {
  return holders?.find(
    (h) =>
      h.isPrimary &&
      h.role === grant.role &&
      (h.unitId ?? null) === (grant.unitId ?? null) &&
      (h.associationId ?? null) === (grant.associationId ?? null),
  );
}

function GrantsSection({ user, lookups, onChanged }: { user: User; lookups: Lookups | undefined; onChanged(): Promise<void> }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const { holders, reload } = usePrimaryHolders(user.grants);
  const [rowError, setRowError] = useState<{ id: string; error: unknown } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function act(grantId: string, action: () => Promise<unknown>, message: string) {
    setBusyId(grantId);
    setRowError(null);
    setNotice(null);
    try {
      await action();
      setNotice(message);
      await onChanged();
      await reload();
    } catch (caught) {
      setRowError({ id: grantId, error: caught });
    } finally {
      setBusyId(null);
    }
  }

  return (
    <Section id="roles" title={<FormattedMessage id="admin.grants.title" />} intro={<FormattedMessage id="admin.grants.intro" />}>
      <p role="status" className="form__status">
        {notice}
      </p>
      {user.grants.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="admin.grants.none" />
        </p>
      ) : (
        <ul className="item-list">
          {user.grants.map((g) => {
            const primary = primaryOf(holders, g);
            const label = intl.formatMessage({ id: `role.${g.role}` });
            return (
              <li key={g.id} className="item-list__item">
                <div className="item-list__main">
                  <p className="item-list__title">
                    <GrantLabel grant={g} lookups={lookups} />
                  </p>
                  {g.role !== 'staff' && !g.isPrimary ? (
                    <p className="item-list__meta">
                      {primary ? (
                        <FormattedMessage id="admin.grants.primaryIs" values={{ name: primary.user.displayName }} />
                      ) : holders ? (
                        <FormattedMessage id="admin.grants.noPrimary" />
                      ) : null}
                    </p>
                  ) : null}
                  {rowError?.id === g.id ? <Alert kind="error" title={errorText(rowError.error)} /> : null}
                </div>
                <div className="item-list__actions">
                  {g.isPrimary ? (
                    <button
                      type="button"
                      className="button button--ghost button--small"
                      disabled={busyId === g.id}
                      onClick={() =>
                        void act(
                          g.id,
                          () => adminApi.updateGrant(g.id, false),
                          intl.formatMessage({ id: 'admin.grants.unmadePrimary' }, { role: label }),
                        )
                      }
                    >
                      <FormattedMessage id="admin.grants.unmakePrimary" />
                      <span className="visually-hidden"> {label}</span>
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      disabled={busyId === g.id}
                      onClick={() =>
                        void act(
                          g.id,
                          () => adminApi.updateGrant(g.id, true),
                          intl.formatMessage({ id: 'admin.grants.madePrimary' }, { role: label }),
                        )
                      }
                    >
                      <FormattedMessage id="admin.grants.makePrimary" />
                      <span className="visually-hidden"> {label}</span>
                    </button>
                  )}
                  <ConfirmButton
                    busy={busyId === g.id}
                    confirmLabel={<FormattedMessage id="admin.grants.removeConfirm" />}
                    onConfirm={() =>
                      act(g.id, () => adminApi.deleteGrant(g.id), intl.formatMessage({ id: 'admin.grants.removed' }, { role: label }))
                    }
                  >
                    <FormattedMessage id="admin.grants.remove" />
                    <span className="visually-hidden"> {label}</span>
                  </ConfirmButton>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <AddGrantForm
        user={user}
        lookups={lookups}
        onAdded={async (message) => {
          setNotice(message);
          await onChanged();
          await reload();
        }}
      />
    </Section>
  );
}

function AddGrantForm({ user, lookups, onAdded }: { user: User; lookups: Lookups | undefined; onAdded(message: string): Promise<void> }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [role, setRole] = useState<AdminRole | ''>('');
  const [unitId, setUnitId] = useState('');
  const [associationId, setAssociationId] = useState('');
  const [primary, setPrimary] = useState(false);
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { ref: form, focusInvalid } = useFocusInvalid();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const absent = new Set<string>();
    if (!role) absent.add('role');
    if (role === 'supervisor' && !unitId) absent.add('unitId');
    if (role === 'union' && !associationId) absent.add('associationId');
    setMissing(absent);
    if (absent.size > 0 || !role) {
      focusInvalid();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await adminApi.addGrant(user.id, {
        role,
        ...(role === 'supervisor' ? { unitId } : {}),
        ...(role === 'union' ? { associationId } : {}),
        isPrimary: primary,
      });
      const label = intl.formatMessage({ id: `role.${role}` });
      setRole('');
      setUnitId('');
      setAssociationId('');
      setPrimary(false);
      await onAdded(intl.formatMessage({ id: 'admin.grants.added' }, { role: label }));
    } catch (caught) {
      setError(caught);
      focusInvalid();
    } finally {
      setBusy(false);
    }
  }

  const err = (field: string, messageId: string) => (missing.has(field) ? intl.formatMessage({ id: messageId }) : fieldError(error, field));
  const unions = lookups?.associations ?? [];
  return (
    <form ref={form} noValidate className="form form--boxed" onSubmit={(e) => void submit(e)}>
      <h3 className="form__title">
        <FormattedMessage id="admin.grants.add" />
      </h3>
      {error && !['role', 'unitId', 'associationId', 'isPrimary'].some((f) => fieldError(error, f)) ? (
        <Alert kind="error" title={errorText(error)} />
      ) : null}
      <SelectField
        id="grant-role"
        label={intl.formatMessage({ id: 'admin.grants.role' })}
        value={role}
        onChange={(e) => setRole(e.target.value as AdminRole | '')}
        error={err('role', 'admin.grants.roleRequired')}
      >
        <option value="">{intl.formatMessage({ id: 'admin.grants.chooseRole' })}</option>
        {adminRoles.map((r) => (
          <option key={r} value={r}>
            {intl.formatMessage({ id: `role.${r}` })}
          </option>
        ))}
      </SelectField>
      {role === 'supervisor' ? (
        <SelectField
          id="grant-unit"
          label={intl.formatMessage({ id: 'admin.grants.unit' })}
          hint={intl.formatMessage({ id: 'admin.grants.unitHint' })}
          value={unitId}
          onChange={(e) => setUnitId(e.target.value)}
          error={err('unitId', 'admin.grants.unitRequired')}
        >
          <option value="">{intl.formatMessage({ id: 'admin.grants.chooseUnit' })}</option>
          {lookups?.units.map((u) => (
            <option key={u.id} value={u.id}>
              {lookups.unitName(u.id)}
            </option>
          ))}
        </SelectField>
      ) : null}
      {role === 'union' ? (
        <SelectField
          id="grant-association"
          label={intl.formatMessage({ id: 'admin.grants.association' })}
          value={associationId}
          onChange={(e) => setAssociationId(e.target.value)}
          error={err('associationId', 'admin.grants.associationRequired')}
        >
          <option value="">{intl.formatMessage({ id: 'admin.grants.chooseAssociation' })}</option>
          {unions.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <Checkbox
        id="grant-primary"
        label={<FormattedMessage id="admin.grants.primaryLabel" />}
        hint={<FormattedMessage id="admin.grants.primaryHint" />}
        checked={primary}
        onChange={(e) => setPrimary(e.target.checked)}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          <FormattedMessage id="admin.grants.addButton" />
        </button>
      </div>
    </form>
  );
}

/** Keyed by the id: going from one login to another is a fresh screen. */
export default function UserPage() {
  const { id = '' } = useParams();
  return <UserScreen key={id} id={id} />;
}

function UserScreen({ id }: { id: string }) {
  const intl = useIntl();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const data = useApiData(() => adminApi.user(id));
  const [user, setUser] = useState<User | undefined>(undefined);
  const { lookups } = useLookups();
  const current = user ?? data.data;
  const notFound = isApiError(data.error, 'not_found') || isApiError(data.error, 'invalid_input');

  return (
    <AdminPage title={current?.displayName ?? intl.formatMessage({ id: 'admin.user.title' })}>
      <p>
        <Link to={adminPaths.users}>
          <FormattedMessage id="admin.user.back" />
        </Link>
      </p>
      {notFound ? (
        <Alert kind="error" title={<FormattedMessage id="admin.user.notFound" />} />
      ) : !current ? (
        <LoadState error={data.error} onRetry={() => void data.reload()} />
      ) : (
        <div className="stack">
          {created ? <Alert kind="success" title={<FormattedMessage id="admin.user.created" />} /> : null}
          <IdentitySection key={`identity-${current.id}`} user={current} onChange={setUser} />
          <StatusSection user={current} onChange={setUser} />
          <AccessSection user={current} onChange={setUser} />
          <GrantsSection
            user={current}
            lookups={lookups}
            onChanged={async () => {
              setUser(await adminApi.user(current.id));
            }}
          />
        </div>
      )}
    </AdminPage>
  );
}
