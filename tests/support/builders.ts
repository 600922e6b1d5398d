// Test data builders: each test makes its own rows with unique values (no shared seed).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/app/context.js';
import type { Role } from '../../src/domain/auth/roles.js';
import { TEST_ORIGIN } from './app.js';

const uniq = () => randomBytes(4).toString('hex');

export async function buildOrganisation(ctx: Pick<AppContext, 'db' | 'clock'>, overrides: { name?: string; requireTotpRoles?: string[] } = {}) {
  const u = uniq();
  return ctx.db
    .insertInto('organisations')
    .values({
      name: overrides.name ?? `Centre de services ${u}`,
      slug: `org-${u}`,
      created_at: ctx.clock.now(),
      ...(overrides.requireTotpRoles ? { require_totp_roles: overrides.requireTotpRoles } : {}),
    })
    .returning(['id', 'name', 'slug'])
    .executeTakeFirstOrThrow();
}

export async function buildUnit(ctx: Pick<AppContext, 'db' | 'clock'>, organisationId: string, overrides: { name?: string; kind?: 'school' | 'service' } = {}) {
  const u = uniq();
  return ctx.db
    .insertInto('units')
    .values({ organisation_id: organisationId, name: overrides.name ?? `École ${u}`, kind: overrides.kind ?? 'school', code: u, created_at: ctx.clock.now() })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

export interface BuiltUser {
  id: string;
  email: string;
  password: string;
  personId: string;
  organisationId: string;
}

export async function buildUser(
  ctx: Pick<AppContext, 'db' | 'clock' | 'passwords'>,
  options: {
    organisationId: string;
    roles?: Array<{ role: Role; unitId?: string; associationId?: string; isPrimary?: boolean }>;
    unitId?: string;
    email?: string;
    password?: string;
    locale?: 'fr-CA' | 'en';
  },
): Promise<BuiltUser> {
  const u = uniq();
  const email = options.email ?? `user-${u}@example.test`;
  const password = options.password ?? `pw-${u}-${u}`;
  const now = ctx.clock.now();
  const person = await ctx.db
    .insertInto('persons')
    .values({ organisation_id: options.organisationId, unit_id: options.unitId ?? null, full_name: `Personne ${u}`, email, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await ctx.db
    .insertInto('users')
    .values({
      organisation_id: options.organisationId,
      person_id: person.id,
      email,
      display_name: `Personne ${u}`,
      password_hash: await ctx.passwords.hash(password),
      preferred_locale: options.locale ?? 'fr-CA',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const r of options.roles ?? [{ role: 'staff' as Role }]) {
    await ctx.db
      .insertInto('role_grants')
      .values({ user_id: user.id, role: r.role, unit_id: r.unitId ?? null, association_id: r.associationId ?? null, is_primary: r.isPrimary ?? false, created_at: now })
      .execute();
  }
  return { id: user.id, email, password, personId: person.id, organisationId: options.organisationId };
}

/** Logs in through the API and returns the Cookie header value for later requests. */
export async function loginCookie(app: FastifyInstance, user: { email: string; password: string }, totp?: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin: TEST_ORIGIN },
    payload: { email: user.email, password: user.password, ...(totp ? { totp } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'rempart_session');
  if (!cookie) throw new Error('no session cookie');
  return `rempart_session=${cookie.value}`;
}

/** Headers of a same-origin browser request with a session. */
export function asBrowser(cookie: string, extra: Record<string, string> = {}): Record<string, string> {
  return { cookie, origin: TEST_ORIGIN, ...extra };
}
