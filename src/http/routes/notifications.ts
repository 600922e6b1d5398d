// The caller's in-app notifications.
import { listMyNotifications, unreadNotificationCount } from '../../app/notifications/list-notifications.js';
import { markNotificationsReadFor } from '../../app/notifications/mark-read.js';
import { errorResponse } from '../../contract/common.js';
import {
  listNotificationsQuery,
  listNotificationsResponse,
  markReadBody,
  markReadResponse,
  unreadCountResponse,
} from '../../contract/notifications.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

export function notificationRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first (only about cases I can still see)',
        querystring: listNotificationsQuery,
        response: { 200: listNotificationsResponse, 400: errorResponse },
      },
    },
    async (request) =>
      listMyNotifications(ctx, {
        actor: requirePrincipal(request),
        unreadOnly: request.query.unread === 'true',
        limit: request.query.limit,
        locale: request.locale,
      }),
  );

  app.get(
    '/api/v1/notifications/unread-count',
    { schema: { tags: ['notifications'], summary: 'How many of my notifications are unread', response: { 200: unreadCountResponse } } },
    async (request) => unreadNotificationCount(ctx, { actor: requirePrincipal(request) }),
  );

  app.post(
    '/api/v1/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark my notifications read: `{ids}` or `{all: true}`',
        body: markReadBody,
        response: { 200: markReadResponse, 400: errorResponse },
      },
    },
    async (request) => markNotificationsReadFor(ctx, { actor: requirePrincipal(request), body: request.body }),
  );
}
