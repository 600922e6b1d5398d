// Queries on a user's in-app notifications. A notification about a case is listed only while
// the user may still see that case — the same rule as caseAccess (domain/cases/access.ts): the
// affected person, a participant in a role other than committee/admin, or an unexpired,
// unrevoked grant.
import { sql } from 'kysely';
import type { Queryable } from './database.js';

export interface NotificationReader {
  userId: string;
  personId: string | null;
  organisationId: string;
}

function stillVisible(reader: NotificationReader, now: Date) {
  return sql<boolean>`(notifications.case_id is null or exists (
    select 1 from cases c
    where c.id = notifications.case_id and c.organisation_id = ${reader.organisationId}
      and (
        c.affected_person_id = ${reader.personId}
        or exists (select 1 from case_participants p
                   where p.case_id = c.id and p.user_id = ${reader.userId} and p.removed_at is null
                     and p.role not in ('committee', 'admin'))
        or exists (select 1 from case_access_grants g
                   where g.case_id = c.id and g.user_id = ${reader.userId} and g.revoked_at is null and g.expires_at > ${now})
      )))`;
}

export async function listNotifications(db: Queryable, reader: NotificationReader, q: { unreadOnly: boolean; limit: number; now: Date }) {
  let query = db
    .selectFrom('notifications')
    .leftJoin('cases', 'cases.id', 'notifications.case_id')
    .leftJoin('tasks', 'tasks.id', 'notifications.task_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.case_id',
      'notifications.task_id',
      'notifications.params',
      'notifications.created_at',
      'notifications.read_at',
      'cases.reference',
      'tasks.step_key',
    ])
    .where('notifications.user_id', '=', reader.userId)
    .where(stillVisible(reader, q.now));
  if (q.unreadOnly) query = query.where('notifications.read_at', 'is', null);
  return query.orderBy('notifications.created_at', 'desc').orderBy('notifications.id').limit(q.limit).execute();
}

export async function countUnreadNotifications(db: Queryable, reader: NotificationReader, now: Date): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('notifications.user_id', '=', reader.userId)
    .where('notifications.read_at', 'is', null)
    .where(stillVisible(reader, now))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks the user's own notifications read (all unread, or those ids); returns how many changed. */
export async function markNotificationsRead(
  db: Queryable,
  userId: string,
  which: { ids: readonly string[] } | { all: true },
  at: Date,
): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
  if ('ids' in which) q = q.where('id', 'in', [...which.ids]);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
