// Organisation playbooks: every saved version is kept; a case pins the version it opened under.
import type { Queryable } from './database.js';

export async function latestPlaybook(db: Queryable, organisationId: string) {
  return db.selectFrom('playbooks').selectAll().where('organisation_id', '=', organisationId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function playbookById(db: Queryable, id: string) {
  return db.selectFrom('playbooks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPlaybookVersions(db: Queryable, organisationId: string) {
  return db
    .selectFrom('playbooks')
    .select(['id', 'version', 'created_by', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('version', 'desc')
    .execute();
}

export async function insertPlaybook(db: Queryable, p: { organisationId: string; version: number; definition: unknown; createdBy: string | null; at: Date }) {
  return db
    .insertInto('playbooks')
    .values({ organisation_id: p.organisationId, version: p.version, definition: JSON.stringify(p.definition), created_by: p.createdBy, created_at: p.at })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}
