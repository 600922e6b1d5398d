// Above the report form opened from a share: what was received, or what was not.
import { FormattedMessage, useIntl } from 'react-intl';
import { Alert } from '../../ui/alert';
import type { ShareNotice } from './use-share';

export function ShareNoticeAlert({ notice }: { notice: ShareNotice }) {
  const intl = useIntl();
  if (notice.kind === 'received') {
    return (
      <Alert kind="info" title={intl.formatMessage({ id: 'app.share.receivedTitle' })}>
        <p>
          <FormattedMessage id="app.share.received" values={{ files: notice.files }} />
        </p>
        {notice.skipped > 0 ? (
          <p>
            <FormattedMessage id="app.share.skipped" values={{ count: notice.skipped }} />
          </p>
        ) : null}
      </Alert>
    );
  }
  if (notice.kind === 'filesLost') {
    return (
      <Alert kind="warning" title={intl.formatMessage({ id: 'app.share.receivedTitle' })}>
        <p>
          <FormattedMessage id="app.share.filesLost" values={{ count: notice.files }} />
        </p>
      </Alert>
    );
  }
  return (
    <Alert kind="warning" title={intl.formatMessage({ id: notice.kind === 'gone' ? 'app.share.goneTitle' : 'app.share.failedTitle' })}>
      <p>
        <FormattedMessage id={notice.kind === 'gone' ? 'app.share.gone' : 'app.share.failed'} />
      </p>
    </Alert>
  );
}
