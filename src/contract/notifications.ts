// In-app notifications of the caller.
import { z } from 'zod';

export const listNotificationsQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    caseId: z.uuid().nullable(),
    caseReference: z.string().nullable(),
    taskId: z.uuid().nullable(),
    stepKey: z.string().nullable(),
    /** The notification as a sentence in the reader's language. */
    text: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

export const listNotificationsResponse = z.object({ items: z.array(notificationSchema), unreadCount: z.number() });

export const unreadCountResponse = z.object({ count: z.number() });

export const markReadBody = z
  .strictObject({
    ids: z.array(z.uuid()).min(1).max(500).optional(),
    all: z.literal(true).optional(),
  })
  .refine((b) => (b.ids !== undefined) !== (b.all !== undefined), { message: 'ids_or_all', path: ['ids'] });

export const markReadResponse = z.object({ updated: z.number() });
