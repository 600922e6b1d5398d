// 404, 403 and the last-resort page when a route fails to load (typically a stale page after an
// update whose script files no longer exist: reloading fixes it).
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { Page } from './page';

export function NotFoundPage() {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage({ id: 'shell.notFound.title' })} narrow>
      <p>
        <FormattedMessage id="shell.notFound.body" />
      </p>
      <p>
        <Link to={paths.home} className="button">
          <FormattedMessage id="shell.notFound.home" />
        </Link>
      </p>
    </Page>
  );
}

export function ForbiddenPage() {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage({ id: 'shell.forbidden.title' })} narrow>
      <p>
        <FormattedMessage id="shell.forbidden.body" />
      </p>
      <p>
        <Link to={paths.home} className="button">
          <FormattedMessage id="shell.notFound.home" />
        </Link>
      </p>
    </Page>
  );
}

export function RouteErrorPage() {
  return (
    <main id="main" className="status-screen">
      <h1 className="page__title">
        <FormattedMessage id="shell.routeError.title" />
      </h1>
      <p>
        <FormattedMessage id="shell.routeError.body" />
      </p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        <FormattedMessage id="shell.routeError.reload" />
      </button>
    </main>
  );
}
