// The outbox as administrators see it: their organisation's messages, newest first, so failed
// deliveries are visible and can be retried. The body is never shown (it is not stored).
import { findMailMessage, listMailMessages, type MailMessageRow, type MailStatus } from '../../adapters/db/mail-messages.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { isRetryable } from './templates.js';

export interface MailSummary {
  id: string;
  to: string;
  template: string;
  locale: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  retryable: boolean;
  createdAt: string;
  lastAttemptAt: string | null;
  sentAt: string | null;
}

function toSummary(r: MailMessageRow): MailSummary {
  return {
    id: r.id,
    to: r.to_address,
    template: r.template,
    locale: r.locale,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    retryable: isRetryable(r.template),
    createdAt: r.created_at.toISOString(),
    lastAttemptAt: r.last_attempt_at ? r.last_attempt_at.toISOString() : null,
    sentAt: r.sent_at ? r.sent_at.toISOString() : null,
  };
}

export async function listMail(
  ctx: Pick<AppContext, 'db'>,
  input: { actor: { organisationId: string }; status?: MailStatus | undefined; limit: number },
): Promise<MailSummary[]> {
  const rows = await listMailMessages(ctx.db, { organisationId: input.actor.organisationId, status: input.status, limit: input.limit });
  return rows.map(toSummary);
}

export async function getMail(ctx: Pick<AppContext, 'db'>, input: { actor: { organisationId: string }; id: string }): Promise<MailSummary> {
  const row = await findMailMessage(ctx.db, input.id);
  if (!row || row.organisation_id !== input.actor.organisationId) throw new DomainError('not_found');
  return toSummary(row);
}
