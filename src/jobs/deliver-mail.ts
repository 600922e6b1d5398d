// Delivers a message recorded in mail_messages by queueMail. A failed attempt is recorded on the
// message (visible to admins) and retried by the queue with back-off (graphile-worker waits
// exp(min(attempt, 10)) seconds); after the last attempt an admin can retry it by hand.
import { z } from 'zod';
import { findMailMessage } from '../adapters/db/mail-messages.js';
import { attemptDelivery } from '../app/mail/send-mail.js';
import { isRetryable } from '../app/mail/templates.js';
import { defineJob } from './definitions.js';

export const deliverMailJob = defineJob({
  name: 'deliver-mail',
  version: 1,
  payload: z.object({ mailId: z.uuid() }),
  maxAttempts: 8,
  async handler(ctx, { mailId }) {
    const row = await findMailMessage(ctx.db, mailId);
    if (!row || row.status === 'sent') return;
    if (row.status === 'failed' && !isRetryable(row.template)) return;
    const outcome = await attemptDelivery(ctx, row);
    if (outcome.status === 'failed') throw new Error(`mail ${mailId} not delivered (attempt ${outcome.attempts})`);
  },
});
