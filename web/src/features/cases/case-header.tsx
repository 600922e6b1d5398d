// The top of the case page: reference, status, person, unit, dates, playbook version; the
// status actions the reader may take (viewer.nextStatuses); for the affected person, the way to
// their consents.
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { DateTime } from '../../ui/date-time';
import { casePaths } from './api';
import { CaseStatusBadge } from './badges';
import { useCase } from './case-context';
import { StatusActions } from './status-actions';

export function CaseHeader() {
  const { detail } = useCase();
  return (
    <section className="card case-header" aria-labelledby="case-header-title">
      <h2 id="case-header-title" className="visually-hidden">
        <FormattedMessage id="cases.header.title" />
      </h2>
      <dl className="facts">
        <div>
          <dt>
            <FormattedMessage id="cases.header.status" />
          </dt>
          <dd>
            <CaseStatusBadge status={detail.status} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cases.header.person" />
          </dt>
          <dd>{detail.affectedPersonName}</dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cases.header.unit" />
          </dt>
          <dd>{detail.unitName ?? <FormattedMessage id="cases.header.noUnit" />}</dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cases.header.created" />
          </dt>
          <dd>
            <DateTime value={detail.createdAt} />
          </dd>
        </div>
        {detail.closedAt ? (
          <div>
            <dt>
              <FormattedMessage id="cases.header.closed" />
            </dt>
            <dd>
              <DateTime value={detail.closedAt} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>
            <FormattedMessage id="cases.header.playbook" />
          </dt>
          <dd>
            <FormattedMessage id="cases.header.playbookVersion" values={{ version: detail.playbookVersion }} />
          </dd>
        </div>
      </dl>
      {detail.viewer.access === 'affected' ? (
        <p>
          <Link to={casePaths.consents(detail.id)} className="button button--secondary">
            <FormattedMessage id="cases.header.consents" />
          </Link>
        </p>
      ) : null}
      <StatusActions />
    </section>
  );
}
