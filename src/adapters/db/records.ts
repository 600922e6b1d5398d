// Queries on case records (typed journal entries) and their versions.
import { sql } from 'kysely';
import type { Queryable } from './database.js';

export async function insertRecord(
  db: Queryable,
  r: { caseId: string; type: string; data: Record<string, unknown>; private: boolean; authorUserId: string; at: Date },
) {
  return db
    .insertInto('case_records')
    .values({
      case_id: r.caseId,
      type: r.type,
      data: JSON.stringify(r.data),
      private: r.private,
      author_user_id: r.authorUserId,
      created_at: r.at,
      updated_at: r.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Keeps one version; a version already kept is left as it is. */
export async function insertRecordVersion(
  db: Queryable,
  v: { recordId: string; version: number; data: Record<string, unknown>; authorUserId: string; at: Date },
) {
  await db
    .insertInto('case_record_versions')
    .values({ record_id: v.recordId, version: v.version, data: JSON.stringify(v.data), author_user_id: v.authorUserId, created_at: v.at })
    .onConflict((oc) => oc.columns(['record_id', 'version']).doNothing())
    .execute();
}

/** The case a record belongs to (to load and lock the case before the record). */
export async function findRecordCaseId(db: Queryable, id: string): Promise<string | undefined> {
  return (await db.selectFrom('case_records').select('case_id').where('id', '=', id).executeTakeFirst())?.case_id;
}

export async function findRecord(db: Queryable, id: string) {
  return db.selectFrom('case_records').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockRecord(db: Queryable, id: string) {
  return db.selectFrom('case_records').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listCaseRecords(db: Queryable, caseId: string, type?: string) {
  let q = db.selectFrom('case_records').selectAll().where('case_id', '=', caseId);
  if (type) q = q.where('type', '=', type);
  return q.orderBy('created_at').orderBy('id').execute();
}

export async function updateRecordData(db: Queryable, id: string, set: { data: Record<string, unknown>; version: number; at: Date }) {
  return db
    .updateTable('case_records')
    .set({ data: JSON.stringify(set.data), version: set.version, updated_at: set.at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listRecordVersions(db: Queryable, recordId: string) {
  return db.selectFrom('case_record_versions').selectAll().where('record_id', '=', recordId).orderBy('version').execute();
}

export async function recordOfTypeInCase(db: Queryable, caseId: string, id: string, type: string): Promise<boolean> {
  const r = await db
    .selectFrom('case_records')
    .select('id')
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .where('type', '=', type)
    .executeTakeFirst();
  return r !== undefined;
}

/** The meeting whose invitation a mail is (from the case's Ledger entry that sent it), if any. */
export async function findInvitationRecordId(db: Queryable, input: { caseId: string; mailId: string }): Promise<string | undefined> {
  const { mailId } = input;
  const row = await db
    .selectFrom('ledger_entries')
    .select(sql<string>`body->'subject'->>'id'`.as('record_id'))
    .where('case_id', '=', input.caseId)
    .where('action', '=', 'record.invitation_sent')
    .where(sql<boolean>`body->'data'->'mailIds' ? ${mailId}`)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.record_id ?? undefined;
}
