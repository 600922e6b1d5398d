// No password, token, TOTP code, recovery code, reset secret or cookie may reach the logs:
// every request of the sensitive flows runs through an app whose pino logger (with the
// production redact paths) writes to memory at level trace, and the output is searched.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/context.js';
import { drainMailDeliveries } from '../app/mail/send-mail.js';
import { currentTotp } from '../domain/auth/totp.js';
import { logRedactPaths } from '../main.js';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../tests/support/app.js';
import { bearer, browser, login, nextTotp } from '../../tests/support/auth.js';
import { buildOrganisation, buildUser } from '../../tests/support/builders.js';
import { buildApp } from './app.js';

let t: TestApp;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((l) => l.length > 0),
      );
      done();
    },
  });
  const logger = pino({ level: 'trace', redact: { paths: logRedactPaths } }, stream);
  const ctx: AppContext = { ...t.ctx, log: logger };
  app = await buildApp({ ctx, logger });
  await app.ready();
});
afterAll(async () => {
  await drainMailDeliveries();
  await app.close();
  await t.close();
});

/** The log without fields that hold numbers by nature (times, durations, pids). */
function logText(): string {
  return lines
    .map((line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      delete entry.time;
      delete entry.responseTime;
      delete entry.pid;
      return JSON.stringify(entry);
    })
    .join('\n');
}

describe('logs', () => {
  it('never contain a password, token, TOTP or recovery code, reset secret or session cookie', async () => {
    const org = await buildOrganisation(t.ctx);
    const user = await buildUser(t.ctx, { organisationId: org.id });
    const secrets: string[] = [user.password];
    const codes: string[] = [];

    // Login: a wrong password, then the right one.
    const wrongPassword = 'Wrong-Password-Logged?';
    secrets.push(wrongPassword);
    expect((await login(app, { email: user.email, password: wrongPassword })).statusCode).toBe(401);
    const opened = await login(app, user);
    expect(opened.statusCode).toBe(200);
    const sessionValue = opened.cookies.find((c) => c.name === 'rempart_session')?.value ?? '';
    secrets.push(sessionValue);
    const cookie = `rempart_session=${sessionValue}`;
    // A body refused by validation still holds the password.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { origin: TEST_ORIGIN },
          payload: { email: user.email, password: user.password, extra: 1 },
        })
      ).statusCode,
    ).toBe(400);

    // API token: created, used, revoked.
    const created = await browser(app, cookie, 'POST', '/api/v1/tokens', { label: 'CLI' });
    expect(created.statusCode).toBe(201);
    const token = created.json<{ id: string; token: string }>();
    secrets.push(token.token);
    expect((await bearer(app, token.token, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await bearer(app, token.token, 'DELETE', `/api/v1/tokens/${token.id}`)).statusCode).toBe(204);
    expect((await bearer(app, token.token, 'GET', '/api/v1/me')).statusCode).toBe(401);

    // Second factor: enrolment, login with a code and with a recovery code.
    const start = await browser(app, cookie, 'POST', '/api/v1/me/totp');
    const { secret: totpSecret, otpauthUrl } = start.json<{ secret: string; otpauthUrl: string }>();
    secrets.push(totpSecret, otpauthUrl);
    const enrolCode = currentTotp(totpSecret, t.clock.now());
    codes.push(enrolCode);
    const confirmed = await browser(app, cookie, 'POST', '/api/v1/me/totp/confirm', { code: enrolCode });
    const { recoveryCodes } = confirmed.json<{ recoveryCodes: string[] }>();
    secrets.push(...recoveryCodes);
    const loginCode = nextTotp(totpSecret, t.clock);
    codes.push(loginCode);
    expect((await login(app, { ...user, totp: loginCode })).statusCode).toBe(200);
    expect((await login(app, { ...user, totp: recoveryCodes[0] ?? '' })).statusCode).toBe(200);

    // Password change.
    const changed = 'changed password, long enough';
    secrets.push(changed);
    expect(
      (await browser(app, cookie, 'POST', '/api/v1/me/password', { currentPassword: user.password, newPassword: changed })).statusCode,
    ).toBe(204);

    // Password reset by mail.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/password-reset',
          headers: { origin: TEST_ORIGIN },
          payload: { email: user.email },
        })
      ).statusCode,
    ).toBe(202);
    const mail = await t.smtp.waitFor((m) => m.to.includes(user.email) && m.text.includes('#token='));
    const resetSecret = /#token=([\w-]+)/.exec(mail.text)?.[1] ?? '';
    expect(resetSecret).not.toBe('');
    secrets.push(resetSecret);
    const resetPassword = 'password set by the reset link';
    secrets.push(resetPassword);
    const reset = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      headers: { origin: TEST_ORIGIN },
      payload: { token: resetSecret, password: resetPassword },
    });
    expect(reset.statusCode).toBe(204);
    await drainMailDeliveries();

    const text = logText();
    // The flows were logged at all (a silent logger would pass trivially).
    expect(text).toContain('/api/v1/auth/login');
    expect(text).toContain('/api/v1/auth/password-reset/confirm');
    expect(lines.length).toBeGreaterThan(20);
    for (const secret of secrets) expect(text, 'a secret reached the logs').not.toContain(secret);
    for (const code of codes) expect(text, 'a TOTP code reached the logs').not.toMatch(new RegExp(`(?<!\\d)${code}(?!\\d)`));
    // The digest of the reset secret, or of the token, is fine; the secret itself never.
    expect(text).not.toMatch(/#token=/);
  });

  it('redacts credential fields and headers should a body or request ever be logged', () => {
    const out: string[] = [];
    const logger = pino(
      { redact: { paths: logRedactPaths } },
      new Writable({
        write(chunk: Buffer, _e, done) {
          out.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    logger.info({
      body: { email: 'a@example.test', password: 'p4ss', newPassword: 'n3w', currentPassword: 'c0r', totp: '123456', token: 'rmp_x' },
    });
    logger.info({ req: { headers: { authorization: 'Bearer rmp_y', cookie: 'rempart_session=zzz' } } });
    const joined = out.join('');
    for (const s of ['p4ss', 'n3w', 'c0r', '123456', 'rmp_x', 'rmp_y', 'zzz']) expect(joined).not.toContain(s);
    expect(joined).toContain('a@example.test');
  });
});
