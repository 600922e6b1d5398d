import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretDigest } from '../../domain/auth/secrets.js';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../../tests/support/app.js';
import { bearer, browser, ledgerEntries } from '../../../tests/support/auth.js';
import { buildOrganisation, buildUser, loginCookie } from '../../../tests/support/builders.js';

let t: TestApp;
let organisationId: string;

beforeAll(async () => {
  t = await createTestApp();
  organisationId = (await buildOrganisation(t.ctx)).id;
});
afterAll(async () => {
  await t.close();
});

async function signedIn() {
  const user = await buildUser(t.ctx, { organisationId });
  return { user, cookie: await loginCookie(t.app, user) };
}

async function createToken(cookie: string, label = 'Extension — portable') {
  const res = await browser(t.app, cookie, 'POST', '/api/v1/tokens', { label });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string; token: string; label: string; prefix: string; createdAt: string }>();
}

describe('personal API tokens', () => {
  it('creates a token shown once and stores only its SHA-256, with a Ledger entry', async () => {
    const { user, cookie } = await signedIn();
    const created = await createToken(cookie);
    expect(created).toMatchObject({ label: 'Extension — portable', createdAt: t.clock.now().toISOString() });
    expect(created.token).toMatch(/^rmp_[\w-]{40,}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);

    const row = await t.ctx.db.selectFrom('api_tokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(secretDigest(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const [entry] = (await ledgerEntries(t.ctx.db, 'token.created')).filter((e) => e.subject?.id === created.id);
    expect(entry?.actorId).toBe(user.id);
    expect(JSON.stringify(entry)).not.toContain(created.token);
    expect(JSON.stringify(entry)).not.toContain(user.email);
  });

  it('lists my live tokens without their secret', async () => {
    const { cookie } = await signedIn();
    const a = await createToken(cookie, 'CLI');
    const b = await createToken(cookie, 'Intégration');
    const res = await browser(t.app, cookie, 'GET', '/api/v1/tokens');
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: Array<Record<string, unknown>> }>().items;
    expect(items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
    expect(items[0]).toEqual({
      id: expect.any(String),
      label: expect.any(String),
      prefix: expect.any(String),
      createdAt: expect.any(String),
      lastUsedAt: null,
      current: false,
    });
    expect(res.body).not.toContain(a.token);
    expect(res.body).not.toContain(b.token);
  });

  it('authenticates a bearer token on /api/v1/me until it is revoked', async () => {
    const { user, cookie } = await signedIn();
    const created = await createToken(cookie);
    const me = await bearer(t.app, created.token, 'GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: user.id, via: 'token' });

    const list = await bearer(t.app, created.token, 'GET', '/api/v1/tokens');
    expect(list.json().items.find((i: { id: string }) => i.id === created.id)).toMatchObject({
      current: true,
      lastUsedAt: t.clock.now().toISOString(),
    });

    const revoked = await browser(t.app, cookie, 'DELETE', `/api/v1/tokens/${created.id}`);
    expect(revoked.statusCode).toBe(204);
    const after = await bearer(t.app, created.token, 'GET', '/api/v1/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
    expect((await browser(t.app, cookie, 'GET', '/api/v1/tokens')).json().items).toEqual([]);
    expect((await ledgerEntries(t.ctx.db, 'token.revoked')).some((e) => e.subject?.id === created.id && e.actorId === user.id)).toBe(true);
  });

  it('lets a token revoke itself, and refuses a malformed or unknown bearer token', async () => {
    const { cookie } = await signedIn();
    const created = await createToken(cookie);
    expect((await bearer(t.app, created.token, 'DELETE', `/api/v1/tokens/${created.id}`)).statusCode).toBe(204);
    expect((await bearer(t.app, created.token, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await bearer(t.app, 'rmp_not-a-real-token-at-all-xxxxxxxxxxxxxxxx', 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
  });

  it('answers 404 for another user’s token and leaves it working', async () => {
    const owner = await signedIn();
    const intruder = await signedIn();
    const created = await createToken(owner.cookie);
    const res = await browser(t.app, intruder.cookie, 'DELETE', `/api/v1/tokens/${created.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect((await bearer(t.app, created.token, 'GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('does not let a token create more tokens', async () => {
    const { cookie } = await signedIn();
    const created = await createToken(cookie);
    const res = await bearer(t.app, created.token, 'POST', '/api/v1/tokens', { label: 'second' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('validates the label and refuses unknown fields', async () => {
    const { cookie } = await signedIn();
    expect((await browser(t.app, cookie, 'POST', '/api/v1/tokens', { label: '   ' })).statusCode).toBe(400);
    const extra = await browser(t.app, cookie, 'POST', '/api/v1/tokens', { label: 'x', scopes: ['admin'] });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.fields).toEqual([{ path: 'scopes', message: 'Champ non reconnu : scopes.' }]);
  });
});

describe('CSRF: the origin rule on cookie sessions', () => {
  it('refuses a cookie request from another origin and accepts the same origin', async () => {
    const { cookie } = await signedIn();
    const cross = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie, origin: 'https://evil.example' },
      payload: { label: 'x' },
    });
    expect(cross.statusCode).toBe(403);
    expect(cross.json()).toEqual({
      error: { code: 'origin_rejected', message: "Requête refusée : elle ne provient pas de l'application." },
    });
    const crossSite = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
      payload: { label: 'x' },
    });
    expect(crossSite.statusCode).toBe(403);
    // Neither Origin nor Sec-Fetch-Site: the request cannot be shown to come from the app.
    const bare = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie }, payload: { label: 'x' } });
    expect(bare.statusCode).toBe(403);
    expect(bare.json().error.code).toBe('origin_rejected');

    const same = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie, origin: TEST_ORIGIN },
      payload: { label: 'x' },
    });
    expect(same.statusCode).toBe(201);
    const fetchMeta = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
      payload: { label: 'y' },
    });
    expect(fetchMeta.statusCode).toBe(201);
    expect((await t.ctx.db.selectFrom('api_tokens').select('label').where('label', '=', 'x').execute()).length).toBe(1);
  });

  it('lets safe methods through without an Origin header', async () => {
    const { cookie } = await signedIn();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { cookie } })).statusCode).toBe(200);
  });
});
