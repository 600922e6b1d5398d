// Queries on role grants, always through the holder's organisation (role_grants has no
// organisation column: the user row carries it).
import { sql } from 'kysely';
import type { Grant, GrantWithHolder } from '../../contract/directory.js';
import type { Role } from '../../domain/auth/roles.js';
import type { Queryable, Tx } from './database.js';

type GrantRow = {
  id: string;
  user_id: string;
  role: string;
  unit_id: string | null;
  association_id: string | null;
  is_primary: boolean;
  created_at: Date;
};

const grantColumns = [
  'role_grants.id',
  'role_grants.user_id',
  'role_grants.role',
  'role_grants.unit_id',
  'role_grants.association_id',
  'role_grants.is_primary',
  'role_grants.created_at',
] as const;

export function toGrant(r: GrantRow): Grant {
  return {
    id: r.id,
    userId: r.user_id,
    role: r.role as Role,
    unitId: r.unit_id,
    associationId: r.association_id,
    isPrimary: r.is_primary,
    createdAt: r.created_at.toISOString(),
  };
}

export async function listGrantsOfUsers(db: Queryable, userIds: string[]): Promise<Map<string, Grant[]>> {
  const byUser = new Map<string, Grant[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('role_grants')
    .select(grantColumns)
    .where('user_id', 'in', userIds)
    .orderBy('role')
    .orderBy('created_at')
    .execute();
  for (const r of rows) byUser.get(r.user_id)?.push(toGrant(r));
  return byUser;
}

export async function findGrant(db: Queryable, organisationId: string, grantId: string): Promise<Grant | undefined> {
  const r = await db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select(grantColumns)
    .where('users.organisation_id', '=', organisationId)
    .where('role_grants.id', '=', grantId)
    .executeTakeFirst();
  return r ? toGrant(r) : undefined;
}

export async function listOrganisationGrants(
  db: Queryable,
  organisationId: string,
  f: { role?: Role | undefined; unitId?: string | undefined; associationId?: string | undefined },
): Promise<GrantWithHolder[]> {
  let q = db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select(grantColumns)
    .select(['users.display_name', 'users.email', 'users.status'])
    .where('users.organisation_id', '=', organisationId);
  if (f.role) q = q.where('role_grants.role', '=', f.role);
  if (f.unitId) q = q.where('role_grants.unit_id', '=', f.unitId);
  if (f.associationId) q = q.where('role_grants.association_id', '=', f.associationId);
  const rows = await q.orderBy('role_grants.role').orderBy('role_grants.is_primary', 'desc').orderBy('users.display_name').execute();
  return rows.map((r) => ({ ...toGrant(r), user: { id: r.user_id, displayName: r.display_name, email: r.email, status: r.status } }));
}

export async function findSameGrant(db: Queryable, userId: string, role: Role, unitId: string | null, associationId: string | null) {
  return db
    .selectFrom('role_grants')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .where(sql<boolean>`unit_id is not distinct from ${unitId}::uuid`)
    .where(sql<boolean>`association_id is not distinct from ${associationId}::uuid`)
    .executeTakeFirst();
}

export async function insertGrant(
  tx: Tx,
  g: { userId: string; role: Role; unitId: string | null; associationId: string | null; isPrimary: boolean; at: Date },
): Promise<Grant> {
  const r = await tx
    .insertInto('role_grants')
    .values({
      user_id: g.userId,
      role: g.role,
      unit_id: g.unitId,
      association_id: g.associationId,
      is_primary: g.isPrimary,
      created_at: g.at,
    })
    .returning(['id', 'user_id', 'role', 'unit_id', 'association_id', 'is_primary', 'created_at'])
    .executeTakeFirstOrThrow();
  return toGrant(r);
}

export async function setGrantPrimary(tx: Tx, grantId: string, isPrimary: boolean): Promise<void> {
  await tx.updateTable('role_grants').set({ is_primary: isPrimary }).where('id', '=', grantId).execute();
}

/** Clears the primary flag of every other grant of the same role and scope in the organisation. */
export async function clearOtherPrimaries(
  tx: Tx,
  organisationId: string,
  g: { id: string; role: Role; unitId: string | null; associationId: string | null },
): Promise<string[]> {
  const rows = await tx
    .updateTable('role_grants')
    .set({ is_primary: false })
    .where('is_primary', '=', true)
    .where('role', '=', g.role)
    .where('id', '!=', g.id)
    .where(sql<boolean>`unit_id is not distinct from ${g.unitId}::uuid`)
    .where(sql<boolean>`association_id is not distinct from ${g.associationId}::uuid`)
    .where('user_id', 'in', (eb) => eb.selectFrom('users').select('id').where('organisation_id', '=', organisationId))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function deleteGrant(tx: Tx, grantId: string): Promise<void> {
  await tx.deleteFrom('role_grants').where('id', '=', grantId).execute();
}

export async function countUserGrantsOfRole(db: Queryable, userId: string, role: Role): Promise<number> {
  const r = await db
    .selectFrom('role_grants')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
