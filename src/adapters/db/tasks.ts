// Queries on tasks (playbook steps instantiated for a case).
import type { Queryable } from './database.js';
import type { TasksTable } from './schema-cases.js';
import type { Insertable, Updateable } from 'kysely';

export async function listCaseTasks(db: Queryable, caseId: string) {
  return db.selectFrom('tasks').selectAll().where('case_id', '=', caseId).orderBy('step_key').orderBy('occurrence').execute();
}

export async function findTask(db: Queryable, id: string) {
  return db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTask(db: Queryable, row: Insertable<TasksTable>) {
  return db.insertInto('tasks').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export async function updateTask(db: Queryable, id: string, set: Updateable<TasksTable>) {
  await db.updateTable('tasks').set(set).where('id', '=', id).execute();
}

/** Open tasks whose clock needs attention, locked so that concurrent sweepers skip them. */
export async function claimDueTaskClocks(db: Queryable, now: Date, limit: number) {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('status', '=', 'open')
    .where('next_check_at', '<=', now)
    .orderBy('next_check_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}
