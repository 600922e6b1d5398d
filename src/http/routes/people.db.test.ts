import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { asBrowser, loginCookie } from '../../../tests/support/builders.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await createTestApp();
  org = await buildTestOrg(t.ctx);
});
afterAll(async () => {
  await t.close();
});

describe('people pickers', () => {
  it('lets a supervisor find only the staff of their unit, and report for them', async () => {
    const h = asBrowser(await loginCookie(t.app, org.supA));
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/persons?q=', headers: h });
    expect(r.statusCode).toBe(200);
    const ids = r.json().items.map((p: { id: string }) => p.id);
    expect(ids).toContain(org.staffA.personId);
    expect(ids).not.toContain(org.staffB.personId);
    expect(Object.keys(r.json().items[0]).sort()).toEqual(['fullName', 'id', 'jobTitle', 'unitName']);
    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: h, payload: { summary: 'Pour elle', affectedPersonId: org.staffA.personId } });
    expect(opened.statusCode).toBe(201);
    expect(opened.json().affectedPersonId).toBe(org.staffA.personId);
    const other = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: h, payload: { summary: 'Pas mon unité', affectedPersonId: org.staffB.personId } });
    expect(other.statusCode).toBe(403);
  });

  it('lets HR search the whole directory and refuses staff', async () => {
    const hr = await t.app.inject({ method: 'GET', url: '/api/v1/persons?q=Personne', headers: asBrowser(await loginCookie(t.app, org.hr)) });
    expect(hr.json().items.length).toBeGreaterThanOrEqual(3);
    const staff = await t.app.inject({ method: 'GET', url: '/api/v1/persons', headers: asBrowser(await loginCookie(t.app, org.staffA)) });
    expect(staff.statusCode).toBe(403);
  });

  it('lists counsel for a supervisor adding a participant', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/people/holders?role=legal', headers: asBrowser(await loginCookie(t.app, org.supA)) });
    expect(r.json().items.map((x: { userId: string }) => x.userId)).toEqual([org.legal.id]);
  });
});
