// My notifications (/notifications), newest first: each as a sentence from the server, its time,
// a link to the case; opening one marks it read; "mark all read".
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useApiData } from '../../api/use-api-data';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import { casePaths } from '../cases/api';
import { takedownPaths } from '../takedowns/api';

/** Where a notification leads: the page that answers it, else its case. */
function notificationTarget(kind: string, caseId: string): string {
  if (kind === 'takedown_consent_requested') return takedownPaths.consent(caseId);
  return casePaths.case(caseId);
}
import { Page } from '../shell/page';
import { NOTIFICATIONS_CHANGED, notificationsApi } from './api';

export default function NotificationsPage() {
  const intl = useIntl();
  const errorText = useErrorText();
  const { data, error, loading, reload } = useApiData(() => notificationsApi.list());
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const changed = async () => {
    window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
    await reload();
  };

  async function markAll() {
    setBusy(true);
    setActionError(null);
    try {
      await notificationsApi.markAllRead();
      await changed();
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusy(false);
    }
  }

  const items = data?.items ?? [];
  return (
    <Page title={intl.formatMessage({ id: 'notifications.title' })}>
      {error || actionError ? <Alert kind="error" title={errorText(error ?? actionError)} /> : null}
      {loading && !data ? (
        <p role="status">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {data ? (
        <section className="card" aria-labelledby="notifications-list-title">
          <h2 id="notifications-list-title" className="card__title">
            <FormattedMessage id="notifications.unread" values={{ count: data.unreadCount }} />
          </h2>
          {data.unreadCount > 0 ? (
            <p>
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => void markAll()}>
                <FormattedMessage id="notifications.markAll" />
              </button>
            </p>
          ) : null}
          {items.length === 0 ? (
            <p>
              <FormattedMessage id="notifications.none" />
            </p>
          ) : (
            <ul className="item-list notification-list">
              {items.map((n) => (
                <li key={n.id} className={`item-list__item notification${n.readAt ? '' : ' notification--unread'}`}>
                  <div className="item-list__main">
                    <p className="notification__text">
                      {n.readAt ? null : (
                        <span className="notification__new">
                          <FormattedMessage id="notifications.new" />
                        </span>
                      )}{' '}
                      {n.text}
                    </p>
                    <p className="item-list__meta">
                      <DateTime value={n.createdAt} />
                    </p>
                  </div>
                  {n.caseId ? (
                    <div className="item-list__actions">
                      <Link
                        to={notificationTarget(n.kind, n.caseId)}
                        className="button button--secondary button--small"
                        onClick={() => {
                          if (!n.readAt)
                            void notificationsApi.markRead([n.id]).then(
                              () => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED)),
                              () => undefined,
                            );
                        }}
                      >
                        <FormattedMessage
                          id={n.kind === 'takedown_consent_requested' ? 'notifications.answer' : 'notifications.open'}
                          values={{ reference: n.caseReference ?? '' }}
                        />
                      </Link>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </Page>
  );
}
