// Sending mail through the outbox table (mail_messages): a message is first recorded (in the
// transaction of the change that causes it, with its Ledger entry), then delivered through
// ctx.mailer after commit, and marked sent or failed. A failed message keeps its template,
// locale and parameters, so retryFailedMail can render and send it again.
import { appendLedger } from '../../adapters/db/ledger.js';
import { findMailMessage, insertMailMessage, markMailFailed, markMailSent, type MailMessageRow } from '../../adapters/db/mail-messages.js';
import type { Tx } from '../../adapters/db/database.js';
import { isLocale, type Locale } from '../../locales/index.js';
import type { AppContext } from '../context.js';
import { meetingInvitationAttachment } from '../records/invitation-attachment.js';
import { isMailTemplateName, type MailParams, type MailTemplateName, renderMail } from './templates.js';

/** A user (address and language read from their login) or an address with its language. */
export type MailRecipient = { userId: string } | { email: string; locale: Locale };

export interface QueueMailInput<T extends MailTemplateName> {
  to: MailRecipient;
  template: T;
  params: MailParams<T>;
  organisationId: string | null;
  /** Who caused the message (null: the system). */
  actorId: string | null;
}

export interface MailOutcome {
  id: string;
  status: 'sent' | 'failed';
  attempts: number;
}

const MAX_ERROR_LENGTH = 500;

async function resolveRecipient(tx: Tx, to: MailRecipient): Promise<{ email: string; locale: Locale }> {
  if ('email' in to) return to;
  const user = await tx
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.email', 'users.preferred_locale', 'organisations.default_locale'])
    .where('users.id', '=', to.userId)
    .executeTakeFirstOrThrow();
  const locale = isLocale(user.preferred_locale) ? user.preferred_locale : isLocale(user.default_locale) ? user.default_locale : 'fr-CA';
  return { email: user.email, locale };
}

/**
 * Records a message in the caller's transaction (status pending) and its Ledger entry. Deliver
 * it after commit with deliverMail or dispatchMail. `transient` parameters (a reset link) are
 * checked here but not stored; pass them again to the delivery.
 */
export async function queueMail<T extends MailTemplateName>(
  tx: Tx,
  ctx: Pick<AppContext, 'clock' | 'config'>,
  input: QueueMailInput<T>,
  transient?: Record<string, string>,
): Promise<{ id: string }> {
  const now = ctx.clock.now();
  const recipient = await resolveRecipient(tx, input.to);
  // Rendering now catches bad parameters before anything is committed.
  const rendered = renderMail(input.template, recipient.locale, input.params, { appUrl: ctx.config.publicUrl, transient });
  const row = await insertMailMessage(tx, {
    organisationId: input.organisationId,
    to: recipient.email,
    template: input.template,
    locale: recipient.locale,
    subject: rendered.subject,
    params: input.params,
    at: now,
  });
  await appendLedger(tx, {
    action: 'mail.queued',
    at: now,
    actorId: input.actorId,
    organisationId: input.organisationId,
    subject: { type: 'mail', id: row.id },
    data: { template: input.template, locale: recipient.locale },
  });
  return row;
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_LENGTH) || 'error';
}

/** One delivery attempt of a pending message: render, send, record the outcome. */
export async function attemptDelivery(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'mailer' | 'log'>,
  row: MailMessageRow,
  transient?: Record<string, string>,
): Promise<MailOutcome> {
  let subject = row.subject;
  let failure: string | undefined;
  try {
    if (!isMailTemplateName(row.template)) throw new Error(`unknown mail template ${row.template}`);
    const locale: Locale = isLocale(row.locale) ? row.locale : 'fr-CA';
    const rendered = renderMail(row.template, locale, row.params, { appUrl: ctx.config.publicUrl, transient });
    subject = rendered.subject;
    // Attachments are built again at every attempt (the outbox keeps only template and params).
    const attachment = row.template === 'meeting_invitation' ? await meetingInvitationAttachment(ctx, row) : undefined;
    await ctx.mailer.send({
      to: row.to_address,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      ...(attachment ? { attachments: [attachment] } : {}),
    });
  } catch (error) {
    failure = errorText(error);
  }
  const at = ctx.clock.now();
  const attempts = await ctx.db.transaction().execute(async (tx) => {
    const n =
      failure === undefined ? await markMailSent(tx, row.id, { at, subject }) : await markMailFailed(tx, row.id, { at, error: failure });
    await appendLedger(tx, {
      action: failure === undefined ? 'mail.sent' : 'mail.failed',
      at,
      actorId: null,
      organisationId: row.organisation_id,
      subject: { type: 'mail', id: row.id },
      data: { template: row.template, attempts: n, ...(row.template === 'meeting_invitation' ? { attachment: 'ics' } : {}) },
    });
    return n;
  });
  if (failure !== undefined) ctx.log.warn({ mailId: row.id, template: row.template, attempts, error: failure }, 'mail delivery failed');
  return { id: row.id, status: failure === undefined ? 'sent' : 'failed', attempts };
}

/** Delivers a message recorded by queueMail (after its transaction committed). */
export async function deliverMail(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'mailer' | 'log'>,
  id: string,
  transient?: Record<string, string>,
): Promise<MailOutcome> {
  const row = await findMailMessage(ctx.db, id);
  if (!row) throw new Error(`mail ${id} not found`);
  if (row.status !== 'pending') return { id, status: row.status === 'sent' ? 'sent' : 'failed', attempts: row.attempts };
  return attemptDelivery(ctx, row, transient);
}

/** Records and delivers a message now; resolves with the outcome (a failure is recorded, not thrown). */
export async function sendMail<T extends MailTemplateName>(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'mailer' | 'log'>,
  input: QueueMailInput<T>,
  transient?: Record<string, string>,
): Promise<MailOutcome> {
  const { id } = await ctx.db.transaction().execute((tx) => queueMail(tx, ctx, input, transient));
  return deliverMail(ctx, id, transient);
}

// Deliveries started by dispatchMail and not yet finished, so shutdown (and tests) can wait.
const inFlight = new Set<Promise<unknown>>();

/**
 * Delivers in the background: the HTTP answer does not wait for the SMTP server, and so does not
 * reveal by its timing whether a mail was sent (password reset for an unknown address).
 */
export function dispatchMail(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'mailer' | 'log'>,
  id: string,
  transient?: Record<string, string>,
): void {
  const p = deliverMail(ctx, id, transient)
    .catch((error: unknown) => ctx.log.error({ mailId: id, error: errorText(error) }, 'mail delivery could not be recorded'))
    .finally(() => inFlight.delete(p));
  inFlight.add(p);
}

/** Waits for background deliveries (before closing the mailer and the database). */
export async function drainMailDeliveries(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
