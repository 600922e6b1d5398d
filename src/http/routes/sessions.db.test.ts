import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainMailDeliveries } from '../../app/mail/send-mail.js';
import { createTestApp, type TestApp } from '../../../tests/support/app.js';
import { browser, ledgerEntries, login } from '../../../tests/support/auth.js';
import { buildOrganisation, buildUser, loginCookie } from '../../../tests/support/builders.js';

let t: TestApp;
let organisationId: string;

beforeAll(async () => {
  t = await createTestApp();
  organisationId = (await buildOrganisation(t.ctx)).id;
});
afterAll(async () => {
  await drainMailDeliveries();
  await t.close();
});

interface SessionItem {
  id: string;
  current: boolean;
  userAgent: string;
  expiresAt: string;
}

async function sessions(cookie: string): Promise<SessionItem[]> {
  const res = await browser(t.app, cookie, 'GET', '/api/v1/me/sessions');
  expect(res.statusCode).toBe(200);
  return res.json<{ items: SessionItem[] }>().items;
}

describe('GET /api/v1/me/sessions', () => {
  it('lists my live sessions by a short public id, the current one marked', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const laptop = await loginCookie(t.app, user);
    const phone = await loginCookie(t.app, user);
    const other = await buildUser(t.ctx, { organisationId });
    await loginCookie(t.app, other);

    const items = await sessions(laptop);
    expect(items).toHaveLength(2);
    for (const s of items) expect(s.id).toMatch(/^[0-9a-f]{16}$/);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    const full = await t.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    const body = JSON.stringify(items);
    for (const row of full) expect(body).not.toContain(row.id);
    const currentFromPhone = (await sessions(phone)).find((s) => s.current);
    expect(currentFromPhone?.id).not.toBe(items.find((s) => s.current)?.id);
  });
});

describe('DELETE /api/v1/me/sessions/:id', () => {
  it('signs another of my sessions out, with a Ledger entry', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const laptop = await loginCookie(t.app, user);
    const phone = await loginCookie(t.app, user);
    const phoneId = (await sessions(phone)).find((s) => s.current)?.id ?? '';

    const res = await browser(t.app, laptop, 'DELETE', `/api/v1/me/sessions/${phoneId}`);
    expect(res.statusCode).toBe(204);
    const after = await browser(t.app, phone, 'GET', '/api/v1/me');
    expect(after.statusCode).toBe(401);
    expect((await browser(t.app, laptop, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await sessions(laptop)).map((s) => s.id)).not.toContain(phoneId);
    expect((await ledgerEntries(t.ctx.db, 'session.revoked')).some((e) => e.actorId === user.id && e.data.session === phoneId)).toBe(true);
    // Twice: gone.
    expect((await browser(t.app, laptop, 'DELETE', `/api/v1/me/sessions/${phoneId}`)).statusCode).toBe(404);
  });

  it('revoking the current session signs me out', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const cookie = await loginCookie(t.app, user);
    const id = (await sessions(cookie))[0]?.id ?? '';
    const res = await browser(t.app, cookie, 'DELETE', `/api/v1/me/sessions/${id}`);
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'rempart_session')?.value).toBe('');
    expect((await browser(t.app, cookie, 'GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('answers 404 for another user’s session and 400 for a malformed id', async () => {
    const owner = await buildUser(t.ctx, { organisationId });
    const ownerCookie = await loginCookie(t.app, owner);
    const ownerSession = (await sessions(ownerCookie))[0]?.id ?? '';
    const intruder = await loginCookie(t.app, await buildUser(t.ctx, { organisationId }));
    expect((await browser(t.app, intruder, 'DELETE', `/api/v1/me/sessions/${ownerSession}`)).statusCode).toBe(404);
    expect((await browser(t.app, ownerCookie, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await browser(t.app, intruder, 'DELETE', '/api/v1/me/sessions/abc%25')).statusCode).toBe(400);
  });

  it('lists no expired session', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const old = await loginCookie(t.app, user);
    t.clock.advance(t.config.sessionTtlHours * 3_600_000 - 1000);
    const fresh = await loginCookie(t.app, user);
    expect(await sessions(fresh)).toHaveLength(2);
    t.clock.advance(2000);
    expect((await browser(t.app, old, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect(await sessions(fresh)).toHaveLength(1);
  });
});

describe('POST /api/v1/me/password', () => {
  it('changes the password and signs my other sessions out, keeping this one', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const here = await loginCookie(t.app, user);
    const elsewhere = await loginCookie(t.app, user);
    const newPassword = 'une phrase de passe assez longue';

    const res = await browser(t.app, here, 'POST', '/api/v1/me/password', { currentPassword: user.password, newPassword });
    expect(res.statusCode).toBe(204);
    expect((await browser(t.app, here, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await browser(t.app, elsewhere, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await login(t.app, user)).statusCode).toBe(401);
    expect((await login(t.app, { email: user.email, password: newPassword })).statusCode).toBe(200);

    const [entry] = (await ledgerEntries(t.ctx.db, 'password.changed')).filter((e) => e.subject?.id === user.id);
    expect(entry?.data).toEqual({ revokedSessions: 1 });
    const mail = await t.smtp.waitFor((m) => m.to.includes(user.email));
    expect(mail.subject).toBe('Le mot de passe de votre compte Rempart a été changé');
    expect(mail.text).not.toContain(newPassword);
  });

  it('refuses a wrong current password (403) and a short new one (400)', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const cookie = await loginCookie(t.app, user);
    const wrong = await browser(t.app, cookie, 'POST', '/api/v1/me/password', {
      currentPassword: 'nope',
      newPassword: 'a long enough password',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toEqual({ error: { code: 'reauthentication_failed', message: 'Mot de passe incorrect.' } });
    const short = await browser(t.app, cookie, 'POST', '/api/v1/me/password', { currentPassword: user.password, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].path).toBe('newPassword');
    expect((await login(t.app, user)).statusCode).toBe(200);
  });
});
