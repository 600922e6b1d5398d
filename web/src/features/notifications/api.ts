// In-app notifications (src/http/routes/notifications.ts; shapes from src/contract/notifications.ts).
import type { z } from 'zod';
import type {
  listNotificationsResponse,
  markReadResponse,
  notificationSchema,
  unreadCountResponse,
} from '../../../../src/contract/notifications';
import { api } from '../../api/client';

export type AppNotification = z.infer<typeof notificationSchema>;

/** Fired on window when notifications were read here, so the bell counts again at once. */
export const NOTIFICATIONS_CHANGED = 'rempart:notifications-changed';

export const notificationsApi = {
  list: (unreadOnly = false) =>
    api.get<z.infer<typeof listNotificationsResponse>>(`/api/v1/notifications?limit=100${unreadOnly ? '&unread=true' : ''}`),
  unreadCount: () => api.get<z.infer<typeof unreadCountResponse>>('/api/v1/notifications/unread-count'),
  markRead: (ids: string[]) => api.post<z.infer<typeof markReadResponse>>('/api/v1/notifications/read', { ids }),
  markAllRead: () => api.post<z.infer<typeof markReadResponse>>('/api/v1/notifications/read', { all: true }),
};
