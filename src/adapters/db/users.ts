// Queries on logins and their role grants.
import type { Queryable } from './database.js';
import type { Role, RoleGrant } from '../../domain/auth/roles.js';

export async function findUserByEmail(db: Queryable, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
}

export async function findUserById(db: Queryable, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listRoleGrants(db: Queryable, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('role_grants')
    .select(['role', 'unit_id', 'association_id', 'is_primary'])
    .where('user_id', '=', userId)
    .orderBy('role')
    .execute();
  return rows.map((r) => ({ role: r.role as Role, unitId: r.unit_id, associationId: r.association_id, isPrimary: r.is_primary }));
}

export async function recordLogin(db: Queryable, userId: string, at: Date): Promise<void> {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', userId).execute();
}
