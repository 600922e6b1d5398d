// /admin/comptes: logins (users) with their roles, searched by name or e-mail, filtered by role
// and status, one page at a time. Each leads to its page (status, language, roles).
import { type FormEvent, useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { TextField } from '../../ui/field';
import { type AdminRole, adminApi, adminRoles, type User } from './admin-api';
import { AdminPage } from './admin-page';
import { SelectField } from './fields';
import { LoadState } from './load-state';
import { type Lookups, useLookups } from './lookups';
import { PAGE_SIZE, Pager, ResultsStatus, useCursorPages } from './paged-list';
import { adminPaths } from './paths';

/** "Direction d'établissement — École des Érables (principal)" */
export function GrantLabel({ grant, lookups }: { grant: User['grants'][number]; lookups: Lookups | undefined }) {
  const intl = useIntl();
  const scope = lookups?.unitName(grant.unitId) ?? lookups?.associationName(grant.associationId);
  return (
    <>
      {intl.formatMessage({ id: `role.${grant.role}` })}
      {scope ? <span className="grant__scope"> — {scope}</span> : null}
      {grant.isPrimary ? (
        <span className="badge badge--primary">
          <FormattedMessage id="admin.grants.primary" />
        </span>
      ) : null}
    </>
  );
}

export default function UsersPage() {
  const intl = useIntl();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const role = (params.get('role') ?? '') as AdminRole | '';
  const status = (params.get('statut') ?? '') as 'active' | 'disabled' | '';
  const [text, setText] = useState(q);
  const { lookups } = useLookups();
  const list = useCursorPages(
    (cursor, signal) =>
      adminApi.users({ q: q || undefined, role: role || undefined, status: status || undefined, limit: PAGE_SIZE, cursor }, signal),
    JSON.stringify([q, role, status]),
  );
  const { page, pageIndex, loading, error } = list;
  const filtered = Boolean(q || role || status);

  function updateParam(name: string, value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  }

  useEffect(() => {
    if (text.trim() === q) return;
    const timer = window.setTimeout(() => updateParam('q', text.trim()), 350);
    return () => window.clearTimeout(timer);
  });

  function search(event: FormEvent) {
    event.preventDefault();
    updateParam('q', text.trim());
  }

  return (
    <AdminPage title={intl.formatMessage({ id: 'admin.users.title' })} intro={<FormattedMessage id="admin.users.intro" />}>
      <div className="toolbar">
        <Link to={adminPaths.newUser} className="button button--primary">
          <FormattedMessage id="admin.users.new" />
        </Link>
        <Link to={adminPaths.roles} className="button button--secondary">
          <FormattedMessage id="admin.users.primaryHolders" />
        </Link>
      </div>
      <search className="card filters" aria-label={intl.formatMessage({ id: 'admin.users.searchLabel' })}>
        <form noValidate className="filters__form" onSubmit={search}>
          <TextField
            id="users-q"
            type="search"
            className="filters__search"
            label={intl.formatMessage({ id: 'admin.users.search' })}
            value={text}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
          />
          <SelectField
            id="users-role"
            label={intl.formatMessage({ id: 'admin.users.role' })}
            value={role}
            onChange={(e) => updateParam('role', e.target.value)}
          >
            <option value="">{intl.formatMessage({ id: 'admin.users.allRoles' })}</option>
            {adminRoles.map((r) => (
              <option key={r} value={r}>
                {intl.formatMessage({ id: `role.${r}` })}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="users-status"
            label={intl.formatMessage({ id: 'admin.users.status' })}
            value={status}
            onChange={(e) => updateParam('statut', e.target.value)}
          >
            <option value="">{intl.formatMessage({ id: 'admin.users.allStatuses' })}</option>
            <option value="active">{intl.formatMessage({ id: 'admin.users.status.active' })}</option>
            <option value="disabled">{intl.formatMessage({ id: 'admin.users.status.disabled' })}</option>
          </SelectField>
          <div className="filters__actions">
            <button type="submit" className="button button--primary">
              <FormattedMessage id="admin.persons.searchButton" />
            </button>
            {filtered ? (
              <button
                type="button"
                className="button button--ghost"
                onClick={() => {
                  setText('');
                  setParams(new URLSearchParams(), { replace: true });
                }}
              >
                <FormattedMessage id="admin.persons.clear" />
              </button>
            ) : null}
          </div>
        </form>
      </search>

      <section className="card" aria-labelledby="users-results">
        <h2 className="card__title" id="users-results" ref={list.heading} tabIndex={-1}>
          <FormattedMessage id="admin.users.results" />
        </h2>
        <ResultsStatus
          page={page}
          pageIndex={pageIndex}
          loading={loading}
          rangeId="admin.users.range"
          emptyId={filtered ? 'admin.users.noMatch' : 'admin.users.empty'}
        />
        {error ? page ? <Alert kind="error" title={errorText(error)} /> : <LoadState error={error} onRetry={list.reload} /> : null}
        {page && page.items.length > 0 ? (
          <ul className="item-list" aria-busy={loading || undefined}>
            {page.items.map((user) => (
              <li key={user.id} className="item-list__item">
                <div className="item-list__main">
                  <p className="item-list__title">
                    <Link to={adminPaths.user(user.id)}>{user.displayName}</Link>
                    {user.status === 'disabled' ? (
                      <span className="badge badge--off">
                        <FormattedMessage id="admin.users.status.disabled" />
                      </span>
                    ) : null}
                  </p>
                  <p className="item-list__meta break">{user.email}</p>
                  {user.grants.length > 0 ? (
                    <ul className="grant-chips">
                      {user.grants.map((g) => (
                        <li key={g.id}>
                          <GrantLabel grant={g} lookups={lookups} />
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="item-list__meta">
                      <FormattedMessage id="admin.users.noRole" />
                    </p>
                  )}
                  {!user.hasPassword ? (
                    <p className="item-list__meta">
                      <FormattedMessage id="admin.users.noPassword" />
                    </p>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        ) : null}
        <Pager page={page} pageIndex={pageIndex} loading={loading} onPrevious={list.previous} onNext={list.next} />
      </section>
    </AdminPage>
  );
}
