// Queries on a case's participants as people (add/remove by hand), its explicit access grants
// and its access log. (Participation by the procedure is in cases.ts.)
import type { Queryable } from './database.js';

/** A user of the organisation with their role grants, or undefined (unknown, other organisation). */
export async function findOrganisationUser(db: Queryable, organisationId: string, userId: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'person_id', 'display_name', 'status'])
    .where('id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!user) return undefined;
  const roles = await db.selectFrom('role_grants').select(['role', 'unit_id', 'association_id']).where('user_id', '=', userId).execute();
  return { ...user, roles };
}

export async function listParticipantsWithAdders(db: Queryable, caseId: string) {
  return db
    .selectFrom('case_participants')
    .innerJoin('users', 'users.id', 'case_participants.user_id')
    .select([
      'case_participants.user_id',
      'case_participants.role',
      'case_participants.joined_at',
      'case_participants.reason',
      'case_participants.added_by',
      'users.display_name',
      'users.person_id',
    ])
    .where('case_participants.case_id', '=', caseId)
    .where('case_participants.removed_at', 'is', null)
    .orderBy('case_participants.joined_at')
    .orderBy('case_participants.role')
    .execute();
}

export async function isActiveParticipant(db: Queryable, caseId: string, userId: string, role: string): Promise<boolean> {
  const r = await db
    .selectFrom('case_participants')
    .select('user_id')
    .where('case_id', '=', caseId)
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return r !== undefined;
}

export async function removeParticipant(db: Queryable, caseId: string, userId: string, role: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('case_participants')
    .set({ removed_at: at })
    .where('case_id', '=', caseId)
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** How many distinct users take part in any of `roles`. */
export async function countActiveInRoles(db: Queryable, caseId: string, roles: readonly string[]): Promise<number> {
  const r = await db
    .selectFrom('case_participants')
    .select((eb) => eb.fn.count<string>('user_id').distinct().as('n'))
    .where('case_id', '=', caseId)
    .where('role', 'in', [...roles])
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertAccessGrant(
  db: Queryable,
  g: { caseId: string; userId: string; grantedBy: string; reason: string; at: Date; expiresAt: Date },
) {
  return db
    .insertInto('case_access_grants')
    .values({ case_id: g.caseId, user_id: g.userId, granted_by: g.grantedBy, reason: g.reason, created_at: g.at, expires_at: g.expiresAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A grant of a case in the organisation (the case's organisation is checked here). */
export async function findAccessGrant(db: Queryable, organisationId: string, id: string) {
  return db
    .selectFrom('case_access_grants')
    .innerJoin('cases', 'cases.id', 'case_access_grants.case_id')
    .selectAll('case_access_grants')
    .where('case_access_grants.id', '=', id)
    .where('cases.organisation_id', '=', organisationId)
    .executeTakeFirst();
}

export async function revokeAccessGrant(db: Queryable, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('case_access_grants')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listActiveGrants(db: Queryable, caseId: string, now: Date) {
  return db
    .selectFrom('case_access_grants')
    .innerJoin('users', 'users.id', 'case_access_grants.user_id')
    .selectAll('case_access_grants')
    .select('users.display_name')
    .where('case_access_grants.case_id', '=', caseId)
    .where('case_access_grants.revoked_at', 'is', null)
    .where('case_access_grants.expires_at', '>', now)
    .orderBy('case_access_grants.created_at')
    .execute();
}

/** Newest first; `beforeId` is the id of the last entry of the previous page. */
export async function listAccessLog(db: Queryable, caseId: string, page: { limit: number; beforeId?: string | undefined }) {
  let q = db
    .selectFrom('case_access_log')
    .innerJoin('users', 'users.id', 'case_access_log.user_id')
    .select(['case_access_log.id', 'case_access_log.user_id', 'case_access_log.action', 'case_access_log.at', 'users.display_name'])
    .where('case_access_log.case_id', '=', caseId);
  if (page.beforeId) q = q.where('case_access_log.id', '<', page.beforeId);
  return q.orderBy('case_access_log.id', 'desc').limit(page.limit).execute();
}

/** Every role each user ever held in the case (removed ones too), for the access log. */
export async function participantRolesEver(db: Queryable, caseId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('case_participants')
    .select(['user_id', 'role'])
    .where('case_id', '=', caseId)
    .where('user_id', 'in', [...userIds])
    .execute();
}

export async function usersWithGrantsEver(db: Queryable, caseId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('case_access_grants')
    .select('user_id')
    .where('case_id', '=', caseId)
    .where('user_id', 'in', [...userIds])
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
