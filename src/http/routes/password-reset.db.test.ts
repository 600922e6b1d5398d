import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainMailDeliveries } from '../../app/mail/send-mail.js';
import { resetLimits } from '../../app/auth/request-password-reset.js';
import { secretDigest } from '../../domain/auth/secrets.js';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../../tests/support/app.js';
import { browser, enrolTotp, ledgerEntries, login, nextTotp } from '../../../tests/support/auth.js';
import { buildOrganisation, buildUser, loginCookie } from '../../../tests/support/builders.js';

let t: TestApp;
let organisationId: string;
let addressCounter = 0;

beforeAll(async () => {
  t = await createTestApp();
  organisationId = (await buildOrganisation(t.ctx)).id;
});
afterAll(async () => {
  await drainMailDeliveries();
  await t.close();
});

/** Each test asks from its own address, so the per-address limit only bites where tested. */
function freshAddress(): string {
  addressCounter += 1;
  return `10.20.${Math.floor(addressCounter / 250)}.${addressCounter % 250}`;
}

function requestReset(email: string, remoteAddress = freshAddress(), headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/password-reset',
    headers: { origin: TEST_ORIGIN, ...headers },
    payload: { email },
    remoteAddress,
  });
}

function confirm(token: string, password: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/password-reset/confirm',
    headers: { origin: TEST_ORIGIN },
    payload: { token, password },
  });
}

/** Waits for the reset mail to `email` and returns the secret from its link. */
async function resetSecret(email: string, nth = 1): Promise<string> {
  await t.smtp.waitFor(
    (m) => m.to.includes(email) && t.smtp.messages.filter((x) => x.to.includes(email) && x.text.includes('#token=')).length >= nth,
  );
  const mails = t.smtp.messages.filter((m) => m.to.includes(email) && m.text.includes('#token='));
  const match = new RegExp(`${TEST_ORIGIN}/reinitialiser#token=([\\w-]+)`).exec(mails[nth - 1]?.text ?? '');
  if (!match?.[1]) throw new Error('no reset link in the mail');
  return match[1];
}

describe('POST /api/v1/auth/password-reset', () => {
  it('answers 202 alike for a known and an unknown address, and mails only the known one', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const unknown = `nobody-${user.id}@example.test`;
    const known = await requestReset(user.email);
    const nobody = await requestReset(unknown);
    expect(known.statusCode).toBe(202);
    expect(nobody.statusCode).toBe(202);
    expect(nobody.body).toBe(known.body);

    const mail = await t.smtp.waitFor((m) => m.to.includes(user.email));
    expect(mail.subject).toBe('Réinitialisation de votre mot de passe Rempart');
    expect(mail.text).toMatch(new RegExp(`${TEST_ORIGIN}/reinitialiser#token=[\\w-]{43}`));
    expect(mail.html).toContain(`href="${TEST_ORIGIN}/reinitialiser#token=`);
    expect(mail.text).toContain('expire dans 60 minutes');
    await drainMailDeliveries();
    expect(t.smtp.messages.some((m) => m.to.includes(unknown))).toBe(false);
  });

  it('stores only the SHA-256 of the link, and no secret in the mail outbox or the Ledger', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    await requestReset(user.email);
    const secret = await resetSecret(user.email);
    const rows = await t.ctx.db.selectFrom('password_resets').selectAll().where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row?.token_hash).toBe(secretDigest(secret));
    expect((row?.expires_at.getTime() ?? 0) - (row?.created_at.getTime() ?? 0)).toBe(3_600_000);
    const outbox = await t.ctx.db.selectFrom('mail_messages').selectAll().where('to_address', '=', user.email).execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ template: 'password_reset', locale: 'fr-CA', params: { validMinutes: 60 } });
    await drainMailDeliveries();
    expect(
      (await t.ctx.db.selectFrom('mail_messages').select('status').where('to_address', '=', user.email).executeTakeFirstOrThrow()).status,
    ).toBe('sent');
    expect(JSON.stringify(outbox)).not.toContain(secret);
    const ledger = await ledgerEntries(t.ctx.db, 'password.reset_requested');
    expect(JSON.stringify(ledger)).not.toContain(secret);
    expect(JSON.stringify(ledger)).not.toContain(user.email);
  });

  it('mails in the user’s language, not the one of the request', async () => {
    const user = await buildUser(t.ctx, { organisationId, locale: 'en' });
    await requestReset(user.email, freshAddress(), { 'accept-language': 'fr-CA' });
    const mail = await t.smtp.waitFor((m) => m.to.includes(user.email));
    expect(mail.subject).toBe('Reset your Rempart password');
    expect(mail.html).toContain('lang="en"');
  });

  it('limits requests per e-mail, whether it exists or not', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    for (const email of [user.email, `ghost-${user.id}@example.test`]) {
      for (let i = 0; i < resetLimits.perEmail.max; i += 1) expect((await requestReset(email)).statusCode).toBe(202);
      const blocked = await requestReset(email.toUpperCase());
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('rate_limited');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('limits requests per client address', async () => {
    const address = freshAddress();
    for (let i = 0; i < resetLimits.perAddress.max; i += 1) {
      expect((await requestReset(`spray-${i}-${address}@example.test`, address)).statusCode).toBe(202);
    }
    const blocked = await requestReset('one-more@example.test', address, { 'accept-language': 'en' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toMatch(/^Too many attempts\. Try again in [\d,]+ seconds\.$/);
  });

  it('refuses a malformed e-mail with 400', async () => {
    const res = await requestReset('not-an-email');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('email');
  });
});

describe('POST /api/v1/auth/password-reset/confirm', () => {
  it('sets the password once, signs every session out, and keeps the second factor', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const cookie = await loginCookie(t.app, user);
    const { secret: totpSecret } = await enrolTotp(t.app, cookie, t.clock);
    await requestReset(user.email);
    const secret = await resetSecret(user.email);
    const password = 'nouveau mot de passe solide';

    const res = await confirm(secret, password);
    expect(res.statusCode).toBe(204);
    expect((await browser(t.app, cookie, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await login(t.app, { email: user.email, password })).json().error.code).toBe('totp_required');
    expect((await login(t.app, { email: user.email, password, totp: nextTotp(totpSecret, t.clock) })).statusCode).toBe(200);
    expect((await login(t.app, user)).statusCode).toBe(401);

    const again = await confirm(secret, 'yet another long password');
    expect(again.statusCode).toBe(422);
    expect(again.json()).toEqual({ error: { code: 'invalid_token', message: 'Ce lien est invalide ou expiré.' } });
    expect((await ledgerEntries(t.ctx.db, 'password.reset')).some((e) => e.subject?.id === user.id && e.data.revokedSessions === 1)).toBe(
      true,
    );
    await t.smtp.waitFor((m) => m.to.includes(user.email) && m.subject === 'Le mot de passe de votre compte Rempart a été changé');
  });

  it('refuses an expired link', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    await requestReset(user.email);
    const secret = await resetSecret(user.email);
    t.clock.advance(60 * 60_000 + 1000);
    const res = await confirm(secret, 'a long enough password');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('invalid_token');
    expect((await login(t.app, user)).statusCode).toBe(200);
  });

  it('refuses an unknown link, and an earlier link once a newer one was sent', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    expect((await confirm('x'.repeat(43), 'a long enough password')).statusCode).toBe(422);
    await requestReset(user.email);
    const first = await resetSecret(user.email, 1);
    await requestReset(user.email);
    const second = await resetSecret(user.email, 2);
    expect(second).not.toBe(first);
    expect((await confirm(first, 'a long enough password')).statusCode).toBe(422);
    expect((await confirm(second, 'a long enough password')).statusCode).toBe(204);
  });

  it('refuses a short password with 400 and leaves the link usable', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    await requestReset(user.email);
    const secret = await resetSecret(user.email);
    const short = await confirm(secret, 'too short');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].path).toBe('password');
    expect((await confirm(secret, 'long enough this time')).statusCode).toBe(204);
  });

  it('lifts the failed-login lock of the e-mail', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    for (let i = 0; i < 5; i += 1) await login(t.app, { email: user.email, password: 'wrong' }, { remoteAddress: '10.30.0.1' });
    expect((await login(t.app, user, { remoteAddress: '10.30.0.2' })).statusCode).toBe(429);
    await requestReset(user.email);
    expect((await confirm(await resetSecret(user.email), 'a brand new password')).statusCode).toBe(204);
    expect((await login(t.app, { email: user.email, password: 'a brand new password' }, { remoteAddress: '10.30.0.3' })).statusCode).toBe(
      200,
    );
  });
});
