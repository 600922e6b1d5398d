// "Que faire maintenant ?": the procedure's own advice to the staff member (section 3 and steps
// 4.1.1–4.1.4, 4.2.1), in its words where possible, in the order a frightened person needs it.
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { casePaths } from '../cases/api';

const phone = {
  emergency: (chunks: ReactNode[]) => <a href="tel:911">{chunks}</a>,
  sq: (chunks: ReactNode[]) => <a href="tel:310-4141">{chunks}</a>,
};

export function WhatNow({ caseId, serious }: { caseId: string; serious: boolean }) {
  const items = ['noAnswer', 'keep', 'support', 'union', 'police'] as const;
  return (
    <section className="card what-now" aria-labelledby="what-now-title">
      <h2 id="what-now-title" className="card__title">
        <FormattedMessage id="report.whatNow.title" />
      </h2>
      {serious ? (
        <div className="alert alert--warning" role="note">
          <p className="alert__title">
            <FormattedMessage id="report.whatNow.dangerTitle" />
          </p>
          <div className="alert__body">
            <p>
              <FormattedMessage id="report.flags.danger" values={phone} />
            </p>
          </div>
        </div>
      ) : null}
      <ol className="what-now__list">
        {items.map((item) => (
          <li key={item} className="what-now__item">
            <h3 className="what-now__title">
              <FormattedMessage id={`report.whatNow.${item}.title`} />
            </h3>
            <p className="what-now__quote">
              <FormattedMessage id={`report.whatNow.${item}.quote`} />
            </p>
            <p>
              <FormattedMessage id={`report.whatNow.${item}.body`} values={phone} />
            </p>
            {item === 'union' ? (
              <p>
                <Link to={casePaths.consents(caseId)}>
                  <FormattedMessage id="report.whatNow.union.action" />
                </Link>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <p>
        <Link to="/prevention">
          <FormattedMessage id="report.whatNow.prevention" />
        </Link>
      </p>
    </section>
  );
}
