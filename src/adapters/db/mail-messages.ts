// The mail outbox table: one row per message, rendered again from (template, locale, params)
// at each attempt, so a failed message can be retried later.
import type { Queryable } from './database.js';

export type MailStatus = 'pending' | 'sent' | 'failed';

const columns = [
  'id',
  'organisation_id',
  'to_address',
  'template',
  'locale',
  'subject',
  'params',
  'status',
  'attempts',
  'last_error',
  'created_at',
  'sent_at',
  'last_attempt_at',
] as const;

export async function insertMailMessage(
  db: Queryable,
  m: {
    organisationId: string | null;
    to: string;
    template: string;
    locale: string;
    subject: string;
    params: Record<string, unknown>;
    at: Date;
  },
): Promise<{ id: string }> {
  return db
    .insertInto('mail_messages')
    .values({
      organisation_id: m.organisationId,
      to_address: m.to,
      template: m.template,
      locale: m.locale,
      subject: m.subject,
      params: JSON.stringify(m.params),
      created_at: m.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function findMailMessage(db: Queryable, id: string) {
  return db.selectFrom('mail_messages').select(columns).where('id', '=', id).executeTakeFirst();
}

export type MailMessageRow = NonNullable<Awaited<ReturnType<typeof findMailMessage>>>;

/** Moves a failed message back to pending for one more attempt; undefined if it is not failed. */
export async function claimFailedMailMessage(db: Queryable, id: string) {
  return db
    .updateTable('mail_messages')
    .set({ status: 'pending' })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returning(columns)
    .executeTakeFirst();
}

export async function markMailSent(db: Queryable, id: string, r: { at: Date; subject: string }): Promise<number> {
  const row = await db
    .updateTable('mail_messages')
    .set((eb) => ({
      status: 'sent',
      sent_at: r.at,
      last_attempt_at: r.at,
      subject: r.subject,
      last_error: null,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return row.attempts;
}

export async function markMailFailed(db: Queryable, id: string, r: { at: Date; error: string }): Promise<number> {
  const row = await db
    .updateTable('mail_messages')
    .set((eb) => ({ status: 'failed', last_attempt_at: r.at, last_error: r.error, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return row.attempts;
}

export async function listMailMessages(db: Queryable, q: { organisationId: string; status?: MailStatus | undefined; limit: number }) {
  let query = db.selectFrom('mail_messages').select(columns).where('organisation_id', '=', q.organisationId);
  if (q.status) query = query.where('status', '=', q.status);
  return query.orderBy('created_at', 'desc').orderBy('id').limit(q.limit).execute();
}
