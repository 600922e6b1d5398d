// Queries on cases, their roles, participants, grants, locations and the access log.
import { sql } from 'kysely';
import type { Queryable } from './database.js';
import { recogniseProviderId } from './providers.js';

export async function nextCaseSequence(db: Queryable, organisationId: string, year: number): Promise<number> {
  const r = await sql<{ last_value: number }>`
    insert into case_reference_counters (organisation_id, year, last_value) values (${organisationId}, ${year}, 1)
    on conflict (organisation_id, year) do update set last_value = case_reference_counters.last_value + 1
    returning last_value`.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error('reference counter returned nothing');
  return row.last_value;
}

export async function findCase(db: Queryable, organisationId: string, id: string) {
  return db.selectFrom('cases').selectAll().where('id', '=', id).where('organisation_id', '=', organisationId).executeTakeFirst();
}

export async function lockCase(db: Queryable, organisationId: string, id: string) {
  return db.selectFrom('cases').selectAll().where('id', '=', id).where('organisation_id', '=', organisationId).forUpdate().executeTakeFirst();
}

export async function participantRolesOf(db: Queryable, caseId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_participants')
    .select('role')
    .where('case_id', '=', caseId)
    .where('user_id', '=', userId)
    .where('removed_at', 'is', null)
    .execute();
  return rows.map((r) => r.role);
}

export async function hasActiveGrant(db: Queryable, caseId: string, userId: string, now: Date): Promise<boolean> {
  const r = await db
    .selectFrom('case_access_grants')
    .select('id')
    .where('case_id', '=', caseId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return r !== undefined;
}

export async function joinedRoles(db: Queryable, caseId: string): Promise<string[]> {
  return (await db.selectFrom('case_roles').select('role').where('case_id', '=', caseId).execute()).map((r) => r.role);
}

export async function addCaseRole(db: Queryable, caseId: string, role: string, at: Date): Promise<boolean> {
  const r = await db
    .insertInto('case_roles')
    .values({ case_id: caseId, role, joined_at: at })
    .onConflict((oc) => oc.columns(['case_id', 'role']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function addParticipant(
  db: Queryable,
  p: { caseId: string; userId: string; role: string; at: Date; addedBy: string | null; reason: string },
): Promise<boolean> {
  const r = await db
    .insertInto('case_participants')
    .values({ case_id: p.caseId, user_id: p.userId, role: p.role, joined_at: p.at, added_by: p.addedBy, reason: p.reason })
    .onConflict((oc) => oc.columns(['case_id', 'user_id', 'role']).doUpdateSet({ removed_at: null, joined_at: p.at, reason: p.reason, added_by: p.addedBy }).where('case_participants.removed_at', 'is not', null))
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function removeParticipantsInRole(db: Queryable, caseId: string, role: string, at: Date): Promise<string[]> {
  const rows = await db
    .updateTable('case_participants')
    .set({ removed_at: at })
    .where('case_id', '=', caseId)
    .where('role', '=', role)
    .where('removed_at', 'is', null)
    .returning('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

export async function listParticipants(db: Queryable, caseId: string) {
  return db
    .selectFrom('case_participants')
    .innerJoin('users', 'users.id', 'case_participants.user_id')
    .select(['case_participants.user_id', 'case_participants.role', 'case_participants.joined_at', 'case_participants.reason', 'users.display_name'])
    .where('case_participants.case_id', '=', caseId)
    .where('case_participants.removed_at', 'is', null)
    .orderBy('case_participants.joined_at')
    .execute();
}

export async function listLocations(db: Queryable, caseId: string) {
  return db.selectFrom('locations').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('url').execute();
}

export async function insertLocation(db: Queryable, l: { caseId: string; url: string; host: string; createdBy: string | null; at: Date }) {
  return db
    .insertInto('locations')
    // The provider, recognised from the URL by the directory (Takedown issue; null until it is loaded).
    .values({ case_id: l.caseId, url: l.url, host: l.host, provider_id: await recogniseProviderId(db, l.url), created_by: l.createdBy, created_at: l.at, first_seen_at: l.at })
    .onConflict((oc) => oc.columns(['case_id', 'url']).doNothing())
    .returning(['id', 'url'])
    .executeTakeFirst();
}

/**
 * Logs a read. The same reader doing the same read of the same case within a minute (a page
 * polling a running capture, previews) is one line, not one per request.
 */
export async function logCaseAccess(db: Queryable, caseId: string, userId: string, action: string, at: Date): Promise<void> {
  const since = new Date(at.getTime() - 60_000);
  await sql`insert into case_access_log (case_id, user_id, action, at)
    select ${caseId}, ${userId}, ${action}, ${at}
    where not exists (
      select 1 from case_access_log
      where case_id = ${caseId} and user_id = ${userId} and action = ${action} and at > ${since} and at <= ${at})`.execute(db);
}

/** Users holding `role` in the organisation, optionally limited to a unit or an association scope. */
export async function roleHolders(
  db: Queryable,
  organisationId: string,
  role: string,
  scope: { unitId?: string | null; associationId?: string | null } = {},
) {
  let q = db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select(['users.id as userId', 'role_grants.is_primary as isPrimary', 'users.person_id as personId'])
    .where('users.organisation_id', '=', organisationId)
    .where('users.status', '=', 'active')
    .where('role_grants.role', '=', role);
  if (scope.unitId !== undefined) q = q.where('role_grants.unit_id', scope.unitId === null ? 'is' : '=', scope.unitId);
  if (scope.associationId !== undefined) q = q.where('role_grants.association_id', scope.associationId === null ? 'is' : '=', scope.associationId);
  return q.orderBy('role_grants.is_primary', 'desc').orderBy('role_grants.created_at').execute();
}

export async function latestConsents(db: Queryable, caseId: string) {
  return db
    .selectFrom('consents')
    .select(['purpose', 'granted', 'recorded_at'])
    .distinctOn('purpose')
    .where('case_id', '=', caseId)
    .orderBy('purpose')
    .orderBy('recorded_at', 'desc')
    .execute();
}

export async function instigatorKinds(db: Queryable, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('case_records').select('data').where('case_id', '=', caseId).where('type', '=', 'instigator').execute();
  return rows.map((r) => String((r.data as { kind?: unknown }).kind ?? 'unknown'));
}
