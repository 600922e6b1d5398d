// In-app notifications: the bell in the header (unread count) and the list.
import type { Feature } from '../../app/feature';

export const notificationsFeature: Feature = {
  id: 'notifications',
  pages: [{ path: '/notifications', load: () => import('./notifications-page') }],
  headerItems: [{ id: 'bell', load: () => import('./bell'), order: 10 }],
};
