import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainMailDeliveries } from '../../app/mail/send-mail.js';
import { currentTotp } from '../../domain/auth/totp.js';
import { createTestApp, type TestApp } from '../../../tests/support/app.js';
import { browser, enrolTotp, ledgerEntries, login, loginWithTotp, nextTotp } from '../../../tests/support/auth.js';
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

async function signedIn(options: { organisationId?: string; roles?: Parameters<typeof buildUser>[1]['roles'] } = {}) {
  const user = await buildUser(t.ctx, {
    organisationId: options.organisationId ?? organisationId,
    ...(options.roles ? { roles: options.roles } : {}),
  });
  return { user, cookie: await loginCookie(t.app, user) };
}

describe('TOTP enrolment', () => {
  it('keeps the new secret pending until a code confirms it, then returns ten recovery codes once', async () => {
    const { user, cookie } = await signedIn();
    const start = await browser(t.app, cookie, 'POST', '/api/v1/me/totp');
    expect(start.statusCode).toBe(200);
    const { secret, otpauthUrl, qrSvg } = start.json<{ secret: string; otpauthUrl: string; qrSvg: string }>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Rempart:/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);

    const pending = await t.ctx.db
      .selectFrom('users')
      .select(['totp_secret', 'totp_enabled_at'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(pending).toEqual({ totp_secret: secret, totp_enabled_at: null });
    // A pending secret does not change login.
    expect((await login(t.app, user)).statusCode).toBe(200);

    const wrong = await browser(t.app, cookie, 'POST', '/api/v1/me/totp/confirm', {
      code: currentTotp(secret, new Date(t.clock.now().getTime() + 3_600_000)),
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('totp_invalid');

    const ok = await browser(t.app, cookie, 'POST', '/api/v1/me/totp/confirm', { code: currentTotp(secret, t.clock.now()) });
    expect(ok.statusCode).toBe(200);
    const { recoveryCodes } = ok.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    const stored = await t.ctx.db
      .selectFrom('users')
      .select(['recovery_code_hashes', 'totp_enabled_at'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.totp_enabled_at).not.toBeNull();
    expect(stored.recovery_code_hashes).toHaveLength(10);
    for (const code of recoveryCodes) expect(stored.recovery_code_hashes).not.toContain(code);

    expect((await browser(t.app, cookie, 'GET', '/api/v1/me')).json()).toMatchObject({ totpEnabled: true, mustEnrolTotp: false });
    expect((await ledgerEntries(t.ctx.db, 'totp.enabled')).some((e) => e.subject?.id === user.id)).toBe(true);
    // Enrolling again needs turning it off first.
    const again = await browser(t.app, cookie, 'POST', '/api/v1/me/totp');
    expect(again.statusCode).toBe(409);
    // Confirming twice is refused too.
    expect((await browser(t.app, cookie, 'POST', '/api/v1/me/totp/confirm', { code: nextTotp(secret, t.clock) })).statusCode).toBe(409);
  });

  it('refuses to confirm without a started enrolment, and a malformed code', async () => {
    const { cookie } = await signedIn();
    expect((await browser(t.app, cookie, 'POST', '/api/v1/me/totp/confirm', { code: '123456' })).statusCode).toBe(409);
    expect((await browser(t.app, cookie, 'POST', '/api/v1/me/totp/confirm', { code: '12345a' })).statusCode).toBe(400);
  });
});

describe('login with a second factor', () => {
  it('asks for the code, accepts it once, and accepts the next one', async () => {
    const { user, cookie } = await signedIn();
    const { secret } = await enrolTotp(t.app, cookie, t.clock);

    const noCode = await login(t.app, user);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('totp_required');

    const bad = await login(t.app, { ...user, totp: '000000' === currentTotp(secret, t.clock.now()) ? '111111' : '000000' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toMatchObject({ code: 'invalid_credentials', message: "Le code d'authentification est incorrect." });

    const code = nextTotp(secret, t.clock);
    const first = await login(t.app, { ...user, totp: code });
    expect(first.statusCode).toBe(200);
    // The same code again (replayed) is refused.
    const replay = await login(t.app, { ...user, totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('invalid_credentials');
    expect((await login(t.app, { ...user, totp: nextTotp(secret, t.clock) })).statusCode).toBe(200);

    const opened = (await ledgerEntries(t.ctx.db, 'session.opened')).filter((e) => e.subject?.id === user.id);
    expect(opened.at(-1)?.data.secondFactor).toBe('totp');
  });

  it('accepts each recovery code once', async () => {
    const { user, cookie } = await signedIn();
    const { recoveryCodes } = await enrolTotp(t.app, cookie, t.clock);
    const code = recoveryCodes[3] ?? '';
    const first = await login(t.app, { ...user, totp: code.toUpperCase() });
    expect(first.statusCode).toBe(200);
    const again = await login(t.app, { ...user, totp: code });
    expect(again.statusCode).toBe(401);
    const row = await t.ctx.db.selectFrom('users').select('recovery_code_hashes').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.recovery_code_hashes).toHaveLength(9);
    expect((await login(t.app, { ...user, totp: recoveryCodes[4] ?? '' })).statusCode).toBe(200);
    const opened = (await ledgerEntries(t.ctx.db, 'session.opened')).filter((e) => e.subject?.id === user.id);
    expect(opened.at(-1)?.data.secondFactor).toBe('recovery_code');
  });
});

describe('turning the second factor off', () => {
  it('needs the password and a code, then logs in without a code and tells the user by mail', async () => {
    const { user, cookie } = await signedIn();
    const { secret } = await enrolTotp(t.app, cookie, t.clock);

    const wrongPassword = await browser(t.app, cookie, 'DELETE', '/api/v1/me/totp', {
      password: 'not-my-password',
      code: nextTotp(secret, t.clock),
    });
    expect(wrongPassword.statusCode).toBe(403);
    expect(wrongPassword.json().error.code).toBe('reauthentication_failed');
    const wrongCode = await browser(t.app, cookie, 'DELETE', '/api/v1/me/totp', { password: user.password, code: 'zzzz-zzzz-zzzz' });
    expect(wrongCode.statusCode).toBe(403);
    const missing = await browser(t.app, cookie, 'DELETE', '/api/v1/me/totp', { password: user.password });
    expect(missing.statusCode).toBe(400);

    const ok = await browser(t.app, cookie, 'DELETE', '/api/v1/me/totp', { password: user.password, code: nextTotp(secret, t.clock) });
    expect(ok.statusCode).toBe(204);
    expect((await login(t.app, user)).statusCode).toBe(200);
    expect((await ledgerEntries(t.ctx.db, 'totp.disabled')).some((e) => e.subject?.id === user.id)).toBe(true);
    const mail = await t.smtp.waitFor((m) => m.to.includes(user.email) && m.subject.includes('double authentification'));
    expect(mail.text).toContain('désactivée');
  });

  it('accepts a recovery code when the phone is lost', async () => {
    const { user, cookie } = await signedIn();
    const { recoveryCodes } = await enrolTotp(t.app, cookie, t.clock);
    const ok = await browser(t.app, cookie, 'DELETE', '/api/v1/me/totp', { password: user.password, code: recoveryCodes[0] ?? '' });
    expect(ok.statusCode).toBe(204);
  });

  it('limits wrong passwords per user', async () => {
    const { user, cookie } = await signedIn();
    const { secret } = await enrolTotp(t.app, cookie, t.clock);
    for (let i = 0; i < 5; i += 1) {
      expect((await browser(t.app, cookie, 'DELETE', '/api/v1/me/totp', { password: `guess-${i}`, code: '123456' })).statusCode).toBe(403);
    }
    const blocked = await browser(t.app, cookie, 'DELETE', '/api/v1/me/totp', { password: user.password, code: nextTotp(secret, t.clock) });
    expect(blocked.statusCode).toBe(429);
  });
});

describe('organisation requiring a second factor for a role', () => {
  it('holds a supervisor to enrolment, then lets them in, and refuses turning it off', async () => {
    const org = await buildOrganisation(t.ctx, { requireTotpRoles: ['supervisor'] });
    const { user, cookie } = await signedIn({ organisationId: org.id, roles: [{ role: 'staff' }, { role: 'supervisor' }] });

    const blocked = await browser(t.app, cookie, 'GET', '/api/v1/tokens');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toEqual({
      error: { code: 'totp_enrolment_required', message: 'Votre rôle exige une double authentification : activez-la dans votre profil.' },
    });
    expect((await browser(t.app, cookie, 'GET', '/api/v1/me/sessions')).statusCode).toBe(403);
    expect((await browser(t.app, cookie, 'GET', '/api/v1/me')).json()).toMatchObject({ mustEnrolTotp: true, totpEnabled: false });

    const { secret } = await enrolTotp(t.app, cookie, t.clock);
    expect((await browser(t.app, cookie, 'GET', '/api/v1/tokens')).statusCode).toBe(200);

    const refused = await browser(t.app, cookie, 'DELETE', '/api/v1/me/totp', { password: user.password, code: nextTotp(secret, t.clock) });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    // A later login asks for the code like for anyone enrolled.
    expect((await login(t.app, user)).json().error.code).toBe('totp_required');
    expect(await loginWithTotp(t.app, user, secret, t.clock)).toMatch(/^rempart_session=/);
  });

  it('does not hold users whose roles are not listed', async () => {
    const org = await buildOrganisation(t.ctx, { requireTotpRoles: ['admin'] });
    const { cookie } = await signedIn({ organisationId: org.id, roles: [{ role: 'staff' }] });
    expect((await browser(t.app, cookie, 'GET', '/api/v1/tokens')).statusCode).toBe(200);
  });
});
