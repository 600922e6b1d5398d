// The first thing on the home page: one tap to report.
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';

export default function ReportHomePanel() {
  return (
    <section className="card card--calm report-cta" aria-labelledby="report-cta-title">
      <h2 id="report-cta-title" className="card__title">
        <FormattedMessage id="report.home.title" />
      </h2>
      <p>
        <FormattedMessage id="report.home.body" />
      </p>
      <p className="report-cta__action">
        <Link to="/signaler" className="button button--primary button--large button--block">
          <FormattedMessage id="report.home.action" />
        </Link>
      </p>
      <p className="report-cta__aside">
        <Link to="/prevention">
          <FormattedMessage id="report.home.prevention" />
        </Link>
      </p>
    </section>
  );
}
