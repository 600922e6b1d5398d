// Queries behind a case's timeline: its Ledger entries and the task notifications (reminders,
// escalations) with their recipients.
import type { Queryable } from './database.js';

/** The newest `limit` Ledger entries of the case, oldest first, and whether older ones exist. */
export async function caseLedgerEntries(db: Queryable, caseId: string, limit: number) {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['seq', 'at', 'action', 'body'])
    .where('case_id', '=', caseId)
    .orderBy('seq', 'desc')
    .limit(limit + 1)
    .execute();
  const truncated = rows.length > limit;
  return { entries: rows.slice(0, limit).reverse(), truncated };
}

export async function caseTaskNotifications(db: Queryable, caseId: string) {
  return db
    .selectFrom('notifications')
    .select(['task_id', 'user_id', 'kind', 'params', 'created_at'])
    .where('case_id', '=', caseId)
    .where('task_id', 'is not', null)
    .where('kind', 'in', ['task_reminder', 'task_overdue', 'task_unassigned'])
    .execute();
}

export async function organisationTimeZone(db: Queryable, organisationId: string): Promise<string> {
  const r = await db.selectFrom('organisations').select('time_zone').where('id', '=', organisationId).executeTakeFirst();
  return r?.time_zone ?? 'America/Toronto';
}
