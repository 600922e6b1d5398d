// The first screen after sign-in: who you are, in which organisation, and what each of your
// roles lets you do, in plain words.
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { RoleGrant } from '../../api/auth';
import { paths } from '../../app/paths';
import { useMe } from '../../app/session';
import { FeatureSlots } from '../../app/slots';
import { DateTime } from '../../ui/date-time';
import { Page } from '../shell/page';

function uniqueGrants(grants: readonly RoleGrant[]): RoleGrant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = `${g.role}:${g.unitId ?? ''}:${g.associationId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export default function HomePage() {
  const me = useMe();
  const intl = useIntl();
  const unitName = new Map(me.units.map((u) => [u.id, u.name]));
  const grants = uniqueGrants(me.roles);

  return (
    <Page title={intl.formatMessage({ id: 'home.title' }, { name: me.displayName })}>
      <FeatureSlots place="home" />
      <section className="card" aria-labelledby="home-account">
        <h2 id="home-account" className="card__title">
          <FormattedMessage id="home.account.title" />
        </h2>
        <dl className="facts">
          <div>
            <dt>
              <FormattedMessage id="home.account.name" />
            </dt>
            <dd>{me.displayName}</dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="home.account.email" />
            </dt>
            <dd className="break">{me.email}</dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="home.account.organisation" />
            </dt>
            <dd>{me.organisation.name}</dd>
          </div>
          {me.units.length > 0 ? (
            <div>
              <dt>
                <FormattedMessage id="home.account.units" values={{ count: me.units.length }} />
              </dt>
              <dd>{intl.formatList(me.units.map((u) => u.name))}</dd>
            </div>
          ) : null}
          <div>
            <dt>
              <FormattedMessage id="home.account.today" />
            </dt>
            <dd>
              <DateTime value={new Date()} dateOnly />
            </dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="home-roles">
        <h2 id="home-roles" className="card__title">
          <FormattedMessage id="home.roles.title" values={{ count: grants.length }} />
        </h2>
        {grants.length === 0 ? (
          <p>
            <FormattedMessage id="home.roles.none" />
          </p>
        ) : (
          <ul className="role-list">
            {grants.map((g) => {
              const unit = g.unitId ? unitName.get(g.unitId) : undefined;
              return (
                <li key={`${g.role}:${g.unitId ?? ''}:${g.associationId ?? ''}`} className="role-list__item">
                  <p className="role-list__name">
                    <FormattedMessage id={`role.${g.role}`} />
                    {unit ? <span className="role-list__scope">{unit}</span> : null}
                  </p>
                  <p className="role-list__what">
                    <FormattedMessage id={`role.${g.role}.description`} />
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {!me.totpEnabled ? (
        <section className="card card--soft" aria-labelledby="home-security">
          <h2 id="home-security" className="card__title">
            <FormattedMessage id="home.security.title" />
          </h2>
          <p>
            <FormattedMessage id="home.security.body" />
          </p>
          <p>
            <Link to={paths.totpEnrolment}>
              <FormattedMessage id="home.security.action" />
            </Link>
          </p>
        </section>
      ) : null}
    </Page>
  );
}
