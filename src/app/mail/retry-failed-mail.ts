// One more delivery attempt of a failed message: from an administrator (POST
// /admin/mail/{id}/retry) now, from the retry scheduler later (no actor).
import { appendLedger } from '../../adapters/db/ledger.js';
import { claimFailedMailMessage, findMailMessage } from '../../adapters/db/mail-messages.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { attemptDelivery, type MailOutcome } from './send-mail.js';
import { isRetryable } from './templates.js';

export interface RetryActor {
  userId: string;
  organisationId: string;
}

export async function retryFailedMail(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'mailer' | 'log'>,
  id: string,
  options: { actor?: RetryActor | undefined } = {},
): Promise<MailOutcome> {
  const { actor } = options;
  const existing = await findMailMessage(ctx.db, id);
  // An administrator sees only the mail of their own organisation.
  if (!existing || (actor && existing.organisation_id !== actor.organisationId)) throw new DomainError('not_found');
  if (!isRetryable(existing.template)) throw new DomainError('invalid_transition', { messageKey: 'error.mail_not_retryable' });
  const claimed = await ctx.db.transaction().execute(async (tx) => {
    // The claim (failed → pending) makes two concurrent retries send once.
    const row = await claimFailedMailMessage(tx, id);
    if (!row) return undefined;
    await appendLedger(tx, {
      action: 'mail.retry_requested',
      at: ctx.clock.now(),
      actorId: actor?.userId ?? null,
      organisationId: row.organisation_id,
      subject: { type: 'mail', id: row.id },
      data: { template: row.template, attempts: row.attempts },
    });
    return row;
  });
  if (!claimed) throw new DomainError('invalid_transition', { messageKey: 'error.mail_not_failed' });
  return attemptDelivery(ctx, claimed);
}
