import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2idHasher } from '../../adapters/crypto/passwords.js';
import { drainMailDeliveries } from '../../app/mail/send-mail.js';
import { loginLimits } from '../../app/auth/login.js';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../../tests/support/app.js';
import { login } from '../../../tests/support/auth.js';
import { asBrowser, buildOrganisation, buildUser, loginCookie } from '../../../tests/support/builders.js';
import { buildApp } from '../app.js';

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

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

describe('POST /api/v1/auth/login', () => {
  it('answers a wrong password and an unknown e-mail alike, in similar time (both verify an argon2id hash)', async () => {
    // Production settings for the hasher, so argon2id dominates the time of both paths.
    const ctx = { ...t.ctx, passwords: argon2idHasher };
    const app = await buildApp({ ctx });
    try {
      const user = await buildUser(ctx, { organisationId });
      const wrong = await login(app, { email: user.email, password: 'not-the-password' }, { remoteAddress: '10.1.0.1' });
      const unknown = await login(
        app,
        { email: `nobody-${user.id}@example.test`, password: 'not-the-password' },
        { remoteAddress: '10.1.0.1' },
      );
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json()).toEqual(wrong.json());
      expect(wrong.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Courriel ou mot de passe incorrect.' } });
      expect(wrong.cookies).toEqual([]);
      expect(unknown.cookies).toEqual([]);

      const known: number[] = [];
      const nobody: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        let start = performance.now();
        await login(app, { email: user.email, password: `wrong-${i}` }, { remoteAddress: '10.1.0.2' });
        known.push(performance.now() - start);
        start = performance.now();
        await login(app, { email: `nobody-${i}-${user.id}@example.test`, password: `wrong-${i}` }, { remoteAddress: '10.1.0.2' });
        nobody.push(performance.now() - start);
      }
      // Loose on purpose (shared CI machines): the same order of magnitude, not a benchmark.
      const ratio = median(known) / median(nobody);
      expect(ratio).toBeGreaterThan(1 / 3);
      expect(ratio).toBeLessThan(3);
    } finally {
      await app.close();
    }
  });

  it('opens a session with an httpOnly SameSite cookie and rotates it on the next login', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const first = await login(t.app, user);
    expect(first.statusCode).toBe(200);
    const cookie = first.cookies.find((c) => c.name === 'rempart_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const second = await login(t.app, user, { cookie: `rempart_session=${cookie?.value}` });
    expect(second.statusCode).toBe(200);
    const old = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `rempart_session=${cookie?.value}` } });
    expect(old.statusCode).toBe(401);
  });

  it('limits failed attempts per e-mail, and a second app instance on the same database sees the same count', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const other = await buildApp({ ctx: t.ctx });
    try {
      // Failures split between the two instances and several client addresses.
      for (let i = 0; i < loginLimits.perEmail.max; i += 1) {
        const app = i % 2 === 0 ? t.app : other;
        const res = await login(app, { email: user.email, password: 'wrong-password' }, { remoteAddress: `10.2.0.${i + 1}` });
        expect(res.statusCode).toBe(401);
      }
      const blocked = await login(other, user, { remoteAddress: '10.2.0.99' });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('rate_limited');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // Even the right password waits for the window to end.
      expect((await login(t.app, user, { remoteAddress: '10.2.0.98' })).statusCode).toBe(429);
      t.clock.advance(loginLimits.perEmail.windowMs + 1000);
      expect((await login(t.app, user, { remoteAddress: '10.2.0.97' })).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('limits attempts per client address across app instances, whatever the e-mail', async () => {
    const other = await buildApp({ ctx: t.ctx });
    const address = '10.3.0.1';
    try {
      for (let i = 0; i < loginLimits.perAddress.max; i += 1) {
        const res = await login(
          i < 25 ? t.app : other,
          { email: `spray-${i}@example.test`, password: 'guess' },
          { remoteAddress: address },
        );
        expect(res.statusCode).toBe(401);
      }
      const user = await buildUser(t.ctx, { organisationId });
      const blocked = await login(other, user, { remoteAddress: address });
      expect(blocked.statusCode).toBe(429);
      expect((await login(t.app, user, { remoteAddress: address })).statusCode).toBe(429);
      // Another address is not affected.
      expect((await login(t.app, user, { remoteAddress: '10.3.0.2' })).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('refuses a login posted from another site (login CSRF)', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: user.email, password: user.password },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('origin_rejected');
  });
});

describe('bad input', () => {
  const post = (payload: string | object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: TEST_ORIGIN, 'content-type': 'application/json', ...headers },
      payload,
    });

  it('answers bad JSON with 400 in French by default and in English with Accept-Language: en', async () => {
    const fr = await post('{"email": ');
    expect(fr.statusCode).toBe(400);
    expect(fr.json()).toEqual({ error: { code: 'invalid_input', message: "Le corps de la requête n'est pas un JSON valide." } });
    const en = await post('{"email": ', { 'accept-language': 'en-CA,en;q=0.9' });
    expect(en.statusCode).toBe(400);
    expect(en.json()).toEqual({ error: { code: 'invalid_input', message: 'The request body is not valid JSON.' } });
  });

  it('answers wrong types with 400 and the fields named, in the caller’s language', async () => {
    const fr = await post({ email: 42, password: true });
    expect(fr.statusCode).toBe(400);
    const body = fr.json();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toBe('Certaines données envoyées sont invalides.');
    expect(body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['email', 'password']);
    expect(body.error.fields[0].message).toBe('Type de valeur invalide.');
    const en = await post({ email: 42, password: true }, { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('Some of the data sent is invalid.');
    expect(en.json().error.fields[0].message).toBe('Invalid value type.');
  });

  it('refuses unknown fields', async () => {
    const res = await post({ email: 'a@example.test', password: 'x', admin: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'admin', message: 'Champ non reconnu : admin.' }]);
  });

  it('answers an oversized body with 413', async () => {
    const res = await post({ email: 'a@example.test', password: 'x'.repeat(1_100_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });
});

describe('sessions', () => {
  it('expire after SESSION_TTL_HOURS', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const cookie = await loginCookie(t.app, user);
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: asBrowser(cookie) });
    expect((await me()).statusCode).toBe(200);
    t.clock.advance(t.config.sessionTtlHours * 3_600_000 - 60_000);
    expect((await me()).statusCode).toBe(200);
    t.clock.advance(2 * 60_000);
    const expired = await me();
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('unauthenticated');
  });
});
