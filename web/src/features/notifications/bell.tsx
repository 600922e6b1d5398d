// The bell in the header: a link to the notifications with the unread count
// (GET /api/v1/notifications/unread-count), read again on every page change, every minute, when
// the window comes back to the front, and when notifications were read here.
import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { NavLink, useLocation } from 'react-router';
import { NOTIFICATIONS_CHANGED, notificationsApi } from './api';

const EVERY_MS = 60_000;

export default function NotificationBell() {
  const intl = useIntl();
  const location = useLocation();
  const [count, setCount] = useState<number | null>(null);

  const refresh = useCallback(async () => {
    try {
      setCount((await notificationsApi.unreadCount()).count);
    } catch {
      // Keep the last count; the bell is a convenience, the list is the truth.
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: count again when the page changes
  useEffect(() => {
    void refresh();
  }, [refresh, location.pathname]);

  useEffect(() => {
    const timer = window.setInterval(() => void refresh(), EVERY_MS);
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    window.addEventListener(NOTIFICATIONS_CHANGED, onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      window.removeEventListener(NOTIFICATIONS_CHANGED, onFocus);
    };
  }, [refresh]);

  const unread = count ?? 0;
  return (
    <NavLink to="/notifications" className="bell" aria-label={intl.formatMessage({ id: 'notifications.bell.label' }, { count: unread })}>
      <svg className="bell__icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
        <path
          d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm-2.8 15.5a2.9 2.9 0 0 0 5.6 0Z"
          fill="currentColor"
        />
      </svg>
      {unread > 0 ? (
        <span className="bell__count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
