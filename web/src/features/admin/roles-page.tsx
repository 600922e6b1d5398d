// /admin/roles: for every role and scope (a unit's supervisors, an association's union
// representatives, the organisation's HR advisers…), who holds it and who is the primary holder —
// the person who receives the role's tasks when a case is opened. Units without any supervisor
// are listed too: their cases go to general direction.
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useApiData } from '../../api/use-api-data';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { Section } from '../../ui/section';
import { type AdminRole, adminApi, adminRoles, type GrantWithHolder } from './admin-api';
import { AdminPage } from './admin-page';
import { LoadState } from './load-state';
import { type Lookups, useLookups } from './lookups';
import { adminPaths } from './paths';

// Every holder of `staff` is primary of nothing that matters, and there are thousands.
const listedRoles: readonly AdminRole[] = adminRoles.filter((r) => r !== 'staff');

interface Group {
  key: string;
  role: AdminRole;
  unitId: string | null;
  associationId: string | null;
  grants: GrantWithHolder[];
}

function groupGrants(grants: GrantWithHolder[], lookups: Lookups | undefined): Group[] {
  const groups = new Map<string, Group>();
  for (const g of grants) {
    const key = `${g.role}:${g.unitId ?? ''}:${g.associationId ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, role: g.role, unitId: g.unitId, associationId: g.associationId, grants: [] };
      groups.set(key, group);
    }
    group.grants.push(g);
  }
  const scopeName = (group: Group) => lookups?.unitName(group.unitId) ?? lookups?.associationName(group.associationId) ?? '';
  return [...groups.values()].sort(
    (a, b) => listedRoles.indexOf(a.role) - listedRoles.indexOf(b.role) || scopeName(a).localeCompare(scopeName(b), 'fr'),
  );
}

export default function RolesPage() {
  const intl = useIntl();
  const errorText = useErrorText();
  const { lookups } = useLookups();
  const data = useApiData(() => Promise.all(listedRoles.map((role) => adminApi.grants({ role }))).then((lists) => lists.flat()));
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<{ id: string; error: unknown } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function makePrimary(grant: GrantWithHolder) {
    setBusyId(grant.id);
    setError(null);
    setNotice(null);
    try {
      await adminApi.updateGrant(grant.id, true);
      setNotice(intl.formatMessage({ id: 'admin.roles.madePrimary' }, { name: grant.user.displayName }));
      await data.reload();
    } catch (caught) {
      setError({ id: grant.id, error: caught });
    } finally {
      setBusyId(null);
    }
  }

  const groups = data.data ? groupGrants(data.data, lookups) : undefined;
  const supervised = new Set(data.data?.filter((g) => g.role === 'supervisor').map((g) => g.unitId));
  const unitsWithout = lookups?.units.filter((u) => !supervised.has(u.id)) ?? [];

  return (
    <AdminPage title={intl.formatMessage({ id: 'admin.roles.title' })} intro={<FormattedMessage id="admin.roles.intro" />}>
      <p role="status" className="form__status">
        {notice}
      </p>
      {!groups ? (
        <LoadState error={data.error} onRetry={() => void data.reload()} />
      ) : (
        <div className="stack">
          {listedRoles.map((role) => {
            const ofRole = groups.filter((g) => g.role === role);
            return (
              <Section key={role} id={`role-${role}`} title={intl.formatMessage({ id: `role.${role}` })}>
                {ofRole.length === 0 ? (
                  <p className="muted">
                    <FormattedMessage id="admin.roles.nobody" />
                  </p>
                ) : (
                  ofRole.map((group) => {
                    const scope = lookups?.unitName(group.unitId) ?? lookups?.associationName(group.associationId);
                    const hasPrimary = group.grants.some((g) => g.isPrimary);
                    return (
                      <div key={group.key} className="holder-group">
                        <h3 className="holder-group__title">{scope ?? <FormattedMessage id="admin.roles.organisationWide" />}</h3>
                        {!hasPrimary ? (
                          <p className="warning-text">
                            <FormattedMessage id="admin.roles.noPrimary" />
                          </p>
                        ) : null}
                        <ul className="item-list">
                          {group.grants.map((g) => (
                            <li key={g.id} className="item-list__item">
                              <div className="item-list__main">
                                <p className="item-list__title">
                                  <Link to={adminPaths.user(g.userId)}>{g.user.displayName}</Link>
                                  {g.isPrimary ? (
                                    <span className="badge badge--primary">
                                      <FormattedMessage id="admin.grants.primary" />
                                    </span>
                                  ) : null}
                                  {g.user.status === 'disabled' ? (
                                    <span className="badge badge--off">
                                      <FormattedMessage id="admin.users.status.disabled" />
                                    </span>
                                  ) : null}
                                </p>
                                <p className="item-list__meta break">{g.user.email}</p>
                                {error?.id === g.id ? <Alert kind="error" title={errorText(error.error)} /> : null}
                              </div>
                              {!g.isPrimary ? (
                                <div className="item-list__actions">
                                  <button
                                    type="button"
                                    className="button button--secondary button--small"
                                    disabled={busyId === g.id}
                                    onClick={() => void makePrimary(g)}
                                  >
                                    <FormattedMessage id="admin.grants.makePrimary" />
                                    <span className="visually-hidden"> {g.user.displayName}</span>
                                  </button>
                                </div>
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      </div>
                    );
                  })
                )}
                {role === 'supervisor' && unitsWithout.length > 0 ? (
                  <div className="holder-group">
                    <h3 className="holder-group__title">
                      <FormattedMessage id="admin.roles.unitsWithout" values={{ count: unitsWithout.length }} />
                    </h3>
                    <p className="muted">
                      <FormattedMessage id="admin.roles.unitsWithoutHint" />
                    </p>
                    <ul className="plain-list">
                      {unitsWithout.map((u) => (
                        <li key={u.id}>{lookups?.unitName(u.id)}</li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </Section>
            );
          })}
        </div>
      )}
    </AdminPage>
  );
}
