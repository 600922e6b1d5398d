// An administrator helps a person who cannot sign in: a password-reset link mailed to the
// person's own address, the removal of a lost second factor (after the administrator's own
// password and code), and a new sign-in address. Real SMTP on loopback; TOTP codes from a
// manual clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../../tests/support/app.js';
import { browser, enrolTotp, ledgerEntries, login, nextTotp } from '../../../tests/support/auth.js';
import { type BuiltUser, buildOrganisation, buildUser, loginCookie } from '../../../tests/support/builders.js';
import { ManualClock } from '../../domain/clock.js';

let t: TestApp;
const clock = new ManualClock(new Date('2026-11-27T14:00:00Z'));
let orgId: string;
let admin: BuiltUser;
let adminCookie: string;
let adminSecret: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  orgId = (await buildOrganisation(t.ctx, { requireTotpRoles: ['hr', 'admin'] })).id;
  admin = await buildUser(t.ctx, { organisationId: orgId, roles: [{ role: 'admin' }] });
  // The admin role requires a second factor here: enrol, then sign in with it.
  const first = await loginCookie(t.app, admin);
  adminSecret = (await enrolTotp(t.app, first, clock)).secret;
  adminCookie = await loginCookie(t.app, admin, nextTotp(adminSecret, clock));
});
afterAll(async () => {
  await t.close();
});

const post = (url: string, payload?: object, cookie = adminCookie, lang = 'fr-CA') =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { origin: TEST_ORIGIN, cookie, 'accept-language': lang },
    ...(payload ? { payload } : {}),
  });

describe('password-reset link sent by an administrator', () => {
  it('mails the person a working single-use link to their own address, in their language, and records who sent it', async () => {
    const person = await buildUser(t.ctx, { organisationId: orgId, roles: [{ role: 'staff' }], locale: 'en' });
    const res = await post(`/api/v1/admin/users/${person.id}/password-reset`);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ email: person.email, validMinutes: 60 });
    const mail = await t.smtp.waitFor((m) => m.to.includes(person.email) && m.text.includes('#token='));
    expect(mail.subject).toMatch(/password/i);
    const token = new RegExp(`${TEST_ORIGIN}/reinitialiser#token=([\\w-]+)`).exec(mail.text)?.[1] ?? '';
    expect(token).toHaveLength(43);
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      headers: { origin: TEST_ORIGIN },
      payload: { token, password: 'un nouveau mot de passe' },
    });
    expect(confirm.statusCode, confirm.body).toBe(204);
    expect((await login(t.app, { email: person.email, password: 'un nouveau mot de passe' })).statusCode).toBe(200);
    const sent = (await ledgerEntries(t.ctx.db, 'password.reset_sent')).find((e) => e.subject?.id === person.id);
    expect(sent?.actorId).toBe(admin.id);
    // The administrator never sees the link.
    expect(res.body).not.toContain(token);
  });

  it('refuses a disabled login (409), another organisation’s (404), a non-admin (403), and too many in an hour (429)', async () => {
    const person = await buildUser(t.ctx, { organisationId: orgId, roles: [{ role: 'staff' }] });
    for (let i = 0; i < 5; i += 1) expect((await post(`/api/v1/admin/users/${person.id}/password-reset`)).statusCode).toBe(202);
    const sixth = await post(`/api/v1/admin/users/${person.id}/password-reset`);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.message).toMatch(/Réessayez|réessayer|secondes/i);

    const disabled = await buildUser(t.ctx, { organisationId: orgId, roles: [{ role: 'staff' }] });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${disabled.id}`,
      headers: { origin: TEST_ORIGIN, cookie: adminCookie },
      payload: { status: 'disabled' },
    });
    const refused = await post(`/api/v1/admin/users/${disabled.id}/password-reset`, undefined, adminCookie, 'en');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('This login is disabled: enable it first.');

    const elsewhere = await buildUser(t.ctx, { organisationId: (await buildOrganisation(t.ctx)).id, roles: [{ role: 'staff' }] });
    expect((await post(`/api/v1/admin/users/${elsewhere.id}/password-reset`)).statusCode).toBe(404);
    expect((await post('/api/v1/admin/users/not-a-uuid/password-reset')).statusCode).toBe(400);

    const staffCookie = await loginCookie(t.app, person);
    expect((await post(`/api/v1/admin/users/${person.id}/password-reset`, undefined, staffCookie)).statusCode).toBe(403);
  });
});

describe('second factor removed by an administrator (lost phone)', () => {
  async function personWithTotp(role: 'hr' | 'staff') {
    const person = await buildUser(t.ctx, { organisationId: orgId, roles: [{ role }] });
    const first = await loginCookie(t.app, person);
    const { secret } = await enrolTotp(t.app, first, clock);
    const cookie = await loginCookie(t.app, person, nextTotp(secret, clock));
    return { person, cookie };
  }

  it('needs the administrator’s own password and code, then ends the person’s sessions, mails them and makes them enrol again', async () => {
    const { person, cookie } = await personWithTotp('hr');
    const url = `/api/v1/admin/users/${person.id}/totp/reset`;

    const wrong = await post(url, { password: 'pas le bon', code: nextTotp(adminSecret, clock) });
    expect(wrong.statusCode).toBe(403);
    const noCode = await post(url, { password: admin.password });
    expect(noCode.statusCode).toBe(403);
    // Nothing changed.
    expect((await browser(t.app, cookie, 'GET', '/api/v1/me')).statusCode).toBe(200);

    const res = await post(url, { password: admin.password, code: nextTotp(adminSecret, clock) });
    expect(res.statusCode, res.body).toBe(200);
    // Both of the person's sessions (the one they enrolled in, and the one signed in with the code).
    expect(res.json()).toEqual({ sessionsRevoked: 2, mustEnrol: true });
    expect((await browser(t.app, cookie, 'GET', '/api/v1/me')).statusCode).toBe(401);
    const row = await t.ctx.db
      .selectFrom('users')
      .select(['totp_enabled_at', 'totp_secret'])
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ totp_enabled_at: null, totp_secret: null });
    const mail = await t.smtp.waitFor((m) => m.to.includes(person.email) && m.subject.includes('double authentification'));
    expect(mail.subject).toBe('Un administrateur a retiré la double authentification de votre compte Rempart');
    const entry = (await ledgerEntries(t.ctx.db, 'totp.reset_by_admin')).find((e) => e.subject?.id === person.id);
    expect(entry).toMatchObject({ actorId: admin.id, data: { sessionsRevoked: 2, mustEnrol: true } });

    // Signing in again works with the password alone, and the role makes them enrol at once.
    const again = await loginCookie(t.app, person);
    const me = await browser(t.app, again, 'GET', '/api/v1/me');
    expect(me.json()).toMatchObject({ mustEnrolTotp: true });
  });

  it('refuses yourself, a person without a second factor, and another organisation, with no change', async () => {
    const code = () => nextTotp(adminSecret, clock);
    const self = await post(`/api/v1/admin/users/${admin.id}/totp/reset`, { password: admin.password, code: code() });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toBe('Pour votre propre compte, passez par votre profil.');
    const plain = await buildUser(t.ctx, { organisationId: orgId, roles: [{ role: 'staff' }] });
    expect((await post(`/api/v1/admin/users/${plain.id}/totp/reset`, { password: admin.password, code: code() })).statusCode).toBe(409);
    const elsewhere = await buildUser(t.ctx, { organisationId: (await buildOrganisation(t.ctx)).id, roles: [{ role: 'staff' }] });
    expect((await post(`/api/v1/admin/users/${elsewhere.id}/totp/reset`, { password: admin.password, code: code() })).statusCode).toBe(404);
    const bad = await post(`/api/v1/admin/users/${plain.id}/totp/reset`, { password: '' });
    expect(bad.statusCode).toBe(400);
    const { person } = await personWithTotp('staff');
    const row = await t.ctx.db.selectFrom('users').select('totp_enabled_at').where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).not.toBeNull();
  });
});

describe('a new sign-in address', () => {
  const patch = (userId: string, payload: object, lang = 'fr-CA') =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${userId}`,
      headers: { origin: TEST_ORIGIN, cookie: adminCookie, 'accept-language': lang },
      payload,
    });

  it('moves the login to the new address, tells both addresses, and voids a reset link sent to the old one', async () => {
    const person = await buildUser(t.ctx, { organisationId: orgId, roles: [{ role: 'staff' }] });
    // A link is on its way to the old address.
    expect((await post(`/api/v1/admin/users/${person.id}/password-reset`)).statusCode).toBe(202);
    const link = await t.smtp.waitFor((m) => m.to.includes(person.email) && m.text.includes('#token='));
    const token = /#token=([\w-]+)/.exec(link.text)?.[1] ?? '';

    const res = await patch(person.id, { email: 'Nouvelle.Adresse@Example.TEST' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().email).toBe('nouvelle.adresse@example.test');
    for (const address of [person.email, 'nouvelle.adresse@example.test']) {
      const told = await t.smtp.waitFor((m) => m.to.includes(address) && m.subject.includes('adresse de connexion'));
      expect(told.subject).toBe("L'adresse de connexion de votre compte Rempart a changé");
    }
    expect((await login(t.app, { email: 'nouvelle.adresse@example.test', password: person.password })).statusCode).toBe(200);
    expect((await login(t.app, { email: person.email, password: person.password })).statusCode).toBe(401);
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      headers: { origin: TEST_ORIGIN },
      payload: { token, password: 'un mot de passe volé ici' },
    });
    expect(confirm.statusCode).toBe(422);
    const entry = (await ledgerEntries(t.ctx.db, 'user.updated')).find((e) => e.subject?.id === person.id);
    expect(entry?.data).toEqual({ fields: ['email'] });
    // The Ledger names no address.
    expect(JSON.stringify(entry)).not.toContain('nouvelle.adresse');
  });

  it('refuses an address another login uses (409, in the caller’s language) and a malformed one (400), changing nothing', async () => {
    const a = await buildUser(t.ctx, { organisationId: orgId, roles: [{ role: 'staff' }] });
    const b = await buildUser(t.ctx, { organisationId: (await buildOrganisation(t.ctx)).id, roles: [{ role: 'staff' }] });
    const taken = await patch(a.id, { email: b.email.toUpperCase() }, 'en');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toMatch(/already/i);
    expect((await patch(a.id, { email: 'pas une adresse' })).statusCode).toBe(400);
    const row = await t.ctx.db.selectFrom('users').select('email').where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.email).toBe(a.email);
  });
});
