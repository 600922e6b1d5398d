import { z } from 'zod';
import { isoDateTime } from './common.js';

export const mailStatus = z.enum(['pending', 'sent', 'failed']);

export const mailListQuery = z.strictObject({
  status: mailStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const mailMessageSchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    template: z.string(),
    locale: z.string(),
    subject: z.string(),
    status: mailStatus,
    attempts: z.number().int(),
    /** The mail server's answer at the last failure. */
    lastError: z.string().nullable(),
    /** False for messages carrying a one-time link (password reset): the user asks again. */
    retryable: z.boolean(),
    createdAt: isoDateTime,
    lastAttemptAt: isoDateTime.nullable(),
    sentAt: isoDateTime.nullable(),
  })
  .meta({ id: 'MailMessage' });

export const mailListResponse = z.object({ items: z.array(mailMessageSchema) });
