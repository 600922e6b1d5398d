// Delivers a meeting invitation recorded in mail_messages by inviteToMeeting, right after its
// transaction commits. The delivery is the outbox's own (attemptDelivery): the message marked
// sent or failed with its Ledger entry, and the meeting's calendar file (.ics, in the
// recipient's language) attached — built again at each attempt, so the queue's retries and an
// administrator's retry (POST /api/v1/admin/mail/{id}/retry) send it too.
import { findMailMessage } from '../../adapters/db/mail-messages.js';
import type { AppContext } from '../context.js';
import { attemptDelivery } from '../mail/send-mail.js';

export async function deliverInvitation(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'mailer' | 'log'>,
  input: { mailId: string },
): Promise<'sent' | 'failed'> {
  const mail = await findMailMessage(ctx.db, input.mailId);
  if (!mail) throw new Error(`mail ${input.mailId} not found`);
  if (mail.status !== 'pending') return mail.status === 'sent' ? 'sent' : 'failed';
  return (await attemptDelivery(ctx, mail)).status;
}
