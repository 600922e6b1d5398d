// Watches need a search engine configured on the server: SearXNG (self-hosted, SEARXNG_URL) or
// the Brave Search API (BRAVE_SEARCH_API_KEY). Without one, creating a watch answers 409; this says
// what the administrator must do, and that URLs found by hand can still be added.
import { FormattedMessage, useIntl } from 'react-intl';
import { Alert } from '../../ui/alert';

export function NotConfigured({ serverMessage }: { serverMessage?: string }) {
  const intl = useIntl();
  return (
    <Alert kind="warning" title={intl.formatMessage({ id: 'watches.notConfigured.title' })}>
      {serverMessage ? <p>{serverMessage}</p> : null}
      <p>
        <FormattedMessage id="watches.notConfigured.body" values={{ searx: <code>SEARXNG_URL</code>, brave: <code>BRAVE_SEARCH_API_KEY</code> }} />
      </p>
      <p>
        <FormattedMessage id="watches.notConfigured.meanwhile" />
      </p>
    </Alert>
  );
}
