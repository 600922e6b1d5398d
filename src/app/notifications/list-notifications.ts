// GET /notifications and /notifications/unread-count: the caller's in-app notifications, newest
// first, each as a sentence in the reader's language (src/locales/<locale>/notifications.json,
// `notification.<kind>` with the parameters stored in notifications.params). A notification
// about a case the caller can no longer see is not listed nor counted (access re-checked in the
// query, adapters/db/notifications.ts).
import type { z } from 'zod';
import { countUnreadNotifications, listNotifications } from '../../adapters/db/notifications.js';
import type { listNotificationsResponse, notificationSchema } from '../../contract/notifications.js';
import { hasMessage, type Locale, t } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';

type NotificationJson = z.infer<typeof notificationSchema>;

const reader = (actor: Principal) => ({ userId: actor.userId, personId: actor.personId, organisationId: actor.organisationId });

export function notificationText(
  locale: Locale,
  kind: string,
  params: Record<string, unknown>,
  reference: string | null,
  stepKey: string | null,
): string {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string' || typeof v === 'number') values[k] = v;
  values.reference = typeof params.reference === 'string' ? params.reference : (reference ?? '');
  values.stepKey = typeof params.stepKey === 'string' ? params.stepKey : (stepKey ?? '');
  values.via = typeof params.via === 'string' ? params.via : 'participant';
  values.level = typeof params.level === 'number' ? params.level : 0;
  for (const k of ['date', 'time']) if (values[k] === undefined) values[k] = '';
  const roleKey = `timeline.role.${String(params.role ?? '')}`;
  values.role = hasMessage(locale, roleKey) ? t(locale, roleKey) : String(params.role ?? '');
  const key = `notification.${kind}`;
  try {
    if (hasMessage(locale, key)) return t(locale, key, values);
  } catch {
    // A stored notification lacking a parameter its sentence needs: the generic sentence.
  }
  return t(locale, 'notification.other', values);
}

export async function listMyNotifications(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; unreadOnly: boolean; limit: number; locale: Locale },
): Promise<z.infer<typeof listNotificationsResponse>> {
  const now = ctx.clock.now();
  const [rows, unreadCount] = await Promise.all([
    listNotifications(ctx.db, reader(input.actor), { unreadOnly: input.unreadOnly, limit: input.limit, now }),
    countUnreadNotifications(ctx.db, reader(input.actor), now),
  ]);
  const items: NotificationJson[] = rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    caseId: n.case_id,
    caseReference: n.reference,
    taskId: n.task_id,
    stepKey: n.step_key ?? (typeof n.params.stepKey === 'string' ? n.params.stepKey : null),
    text: notificationText(input.locale, n.kind, n.params, n.reference, n.step_key),
    createdAt: n.created_at.toISOString(),
    readAt: n.read_at ? n.read_at.toISOString() : null,
  }));
  return { items, unreadCount };
}

export async function unreadNotificationCount(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal },
): Promise<{ count: number }> {
  return { count: await countUnreadNotifications(ctx.db, reader(input.actor), ctx.clock.now()) };
}
