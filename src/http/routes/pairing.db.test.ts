// Pairing a capture client: code shown by the client, approved by the signed-in user in the web
// app, token collected once by the client, limited to the capture scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock.js';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { asBrowser, loginCookie } from '../../../tests/support/builders.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';

const clock = new ManualClock('2026-03-03T15:00:00Z');
let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await createTestApp({ clock });
  org = await buildTestOrg(t.ctx);
});
afterAll(async () => {
  await t.close();
});

async function start() {
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/pairings', payload: { clientName: 'Chrome — poste 12', clientKind: 'extension' } });
  expect(r.statusCode).toBe(201);
  return r.json() as { id: string; userCode: string; pollSecret: string; verificationUrl: string };
}

describe('pairing', () => {
  it('gives a scoped token once, after the user approved the code', async () => {
    const p = await start();
    expect(p.userCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(p.verificationUrl).toContain('/appairer?code=');
    const poll = () => t.app.inject({ method: 'POST', url: `/api/v1/pairings/${p.id}/token`, payload: { pollSecret: p.pollSecret } });
    expect((await poll()).json()).toEqual({ status: 'pending' });
    const approve = await t.app.inject({ method: 'POST', url: '/api/v1/pairings/approve', headers: asBrowser(await loginCookie(t.app, org.staffA)), payload: { userCode: p.userCode.toLowerCase().replace('-', ' ') } });
    expect(approve.statusCode).toBe(200);
    const got = await poll();
    expect(got.json()).toMatchObject({ status: 'approved', scopes: ['capture'], userEmail: org.staffA.email });
    expect((await poll()).statusCode).toBe(422); // once only
    const bearer = { authorization: `Bearer ${got.json().token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(200);
    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: bearer, payload: { summary: 'Depuis l’extension' } });
    expect(opened.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${opened.json().id}`, headers: bearer })).statusCode).toBe(200);
    // Outside the capture scope: refused.
    const outside = await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: bearer });
    expect(outside.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/tasks', headers: bearer })).statusCode).toBe(403);
  });

  it('refuses a wrong or expired code, and a wrong poll secret', async () => {
    const cookie = asBrowser(await loginCookie(t.app, org.staffB));
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/pairings/approve', headers: cookie, payload: { userCode: 'AAAA-AAAA' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toMatch(/inconnu ou expiré/);
    const p = await start();
    const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/pairings/${p.id}/token`, payload: { pollSecret: 'x'.repeat(40) } });
    expect(wrong.statusCode).toBe(422);
    clock.advance(11 * 60_000);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/pairings/approve', headers: cookie, payload: { userCode: p.userCode } })).statusCode).toBe(422);
    clock.set('2026-03-03T15:00:00Z');
  });

  it('cannot be approved with a bearer token, only from a browser session', async () => {
    const p = await start();
    const token = (await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: asBrowser(await loginCookie(t.app, org.supA)), payload: { label: 'cli' } })).json().token;
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/pairings/approve', headers: { authorization: `Bearer ${token}` }, payload: { userCode: p.userCode } });
    expect(r.statusCode).toBe(403);
  });
});
