// An organisation with a signed-in administrator, for the directory administration tests.
import type { Role } from '../../src/domain/auth/roles.js';
import type { TestApp } from './app.js';
import { asBrowser, buildOrganisation, buildUser, loginCookie } from './builders.js';

export interface AdminSession {
  organisationId: string;
  slug: string;
  adminId: string;
  cookie: string;
  /** Same-origin browser headers with the admin's session (and an optional Accept-Language). */
  headers(extra?: Record<string, string>): Record<string, string>;
}

export async function signedInAdmin(t: TestApp, options: { locale?: 'fr-CA' | 'en' } = {}): Promise<AdminSession> {
  const org = await buildOrganisation(t.ctx);
  const admin = await buildUser(t.ctx, {
    organisationId: org.id,
    roles: [{ role: 'admin' }],
    ...(options.locale ? { locale: options.locale } : {}),
  });
  const cookie = await loginCookie(t.app, admin);
  return { organisationId: org.id, slug: org.slug, adminId: admin.id, cookie, headers: (extra = {}) => asBrowser(cookie, extra) };
}

export async function signedInUser(t: TestApp, organisationId: string, roles: Array<{ role: Role; unitId?: string }>) {
  const user = await buildUser(t.ctx, { organisationId, roles });
  return { ...user, cookie: await loginCookie(t.app, user) };
}
