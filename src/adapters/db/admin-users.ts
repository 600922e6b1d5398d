// Queries on logins for the administration screens (users.ts holds the sign-in queries).
import { sql } from 'kysely';
import type { User } from '../../contract/directory.js';
import type { Role } from '../../domain/auth/roles.js';
import type { Queryable, Tx } from './database.js';
import { listGrantsOfUsers } from './grants.js';
import type { PageRequest, PageRows } from './persons.js';
import { containsPattern, foldSql } from './text-search.js';

const userColumns = [
  'users.id',
  'users.email',
  'users.display_name',
  'users.status',
  'users.preferred_locale',
  'users.person_id',
  'users.password_hash',
  'users.totp_enabled_at',
  'users.last_login_at',
  'users.created_at',
] as const;

type UserRow = {
  id: string;
  email: string;
  display_name: string;
  status: 'active' | 'disabled';
  preferred_locale: string;
  person_id: string | null;
  password_hash: string | null;
  totp_enabled_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
};

async function withGrants(db: Queryable, rows: UserRow[]): Promise<User[]> {
  const grants = await listGrantsOfUsers(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    status: r.status,
    locale: r.preferred_locale === 'en' ? 'en' : 'fr-CA',
    personId: r.person_id,
    hasPassword: r.password_hash !== null,
    totpEnabled: r.totp_enabled_at !== null,
    lastLoginAt: r.last_login_at ? r.last_login_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
    grants: grants.get(r.id) ?? [],
  }));
}

export interface UserFilters {
  q?: string | undefined;
  role?: Role | undefined;
  status?: 'active' | 'disabled' | undefined;
}

function filtered(db: Queryable, organisationId: string, f: UserFilters) {
  let q = db.selectFrom('users').where('users.organisation_id', '=', organisationId);
  if (f.status) q = q.where('users.status', '=', f.status);
  if (f.role) {
    const role = f.role;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grants')
          .select('role_grants.id')
          .whereRef('role_grants.user_id', '=', 'users.id')
          .where('role_grants.role', '=', role),
      ),
    );
  }
  if (f.q) {
    const pattern = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb(foldSql('users.display_name'), 'like', pattern), eb(sql<string>`lower(users.email)`, 'like', pattern)]));
  }
  return q;
}

export async function listUsers(db: Queryable, organisationId: string, f: UserFilters, page: PageRequest): Promise<PageRows<User>> {
  const sortKey = foldSql('users.display_name');
  let q = filtered(db, organisationId, f).select(userColumns).select(sortKey.as('sort_key'));
  if (page.after) q = q.where(sql<boolean>`(${sortKey}, users.id) > (${page.after.key}, ${page.after.id}::uuid)`);
  q = q
    .orderBy(sortKey)
    .orderBy('users.id')
    .limit(page.limit + 1);
  if (page.offset) q = q.offset(page.offset);
  const [rows, count] = await Promise.all([
    q.execute(),
    filtered(db, organisationId, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const more = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  const lastRow = pageRows.at(-1);
  return {
    items: await withGrants(db, pageRows),
    total: Number(count.n),
    last: more && lastRow ? { key: lastRow.sort_key, id: lastRow.id } : null,
  };
}

export async function findUserInOrganisation(db: Queryable, organisationId: string, id: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .select(userColumns)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? (await withGrants(db, [row]))[0] : undefined;
}

export async function findUserOfPerson(db: Queryable, personId: string) {
  return db.selectFrom('users').select(['id']).where('person_id', '=', personId).executeTakeFirst();
}

export async function insertUser(
  tx: Tx,
  u: {
    organisationId: string;
    personId: string | null;
    email: string;
    displayName: string;
    passwordHash: string | null;
    locale: 'fr-CA' | 'en';
    at: Date;
  },
): Promise<{ id: string }> {
  return tx
    .insertInto('users')
    .values({
      organisation_id: u.organisationId,
      person_id: u.personId,
      email: u.email,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      preferred_locale: u.locale,
      created_at: u.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateUser(
  tx: Tx,
  organisationId: string,
  id: string,
  patch: { displayName?: string; email?: string; status?: 'active' | 'disabled'; locale?: 'fr-CA' | 'en' },
): Promise<void> {
  const set = {
    ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
    ...(patch.email !== undefined ? { email: patch.email } : {}),
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    ...(patch.locale !== undefined ? { preferred_locale: patch.locale } : {}),
  };
  if (Object.keys(set).length === 0) return;
  await tx.updateTable('users').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function setUserPasswordHash(tx: Tx, userId: string, passwordHash: string): Promise<void> {
  await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

/** Every login of the organisation with its roles, for `rempart user list`. */
export async function listAllUsers(db: Queryable, organisationId: string): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .select(userColumns)
    .where('organisation_id', '=', organisationId)
    .orderBy('users.email')
    .execute();
  return withGrants(db, rows);
}
