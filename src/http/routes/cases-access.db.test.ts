// Participation-based access (DESIGN.md §7) as a matrix: every role × every case route.
// A user who may not see the case gets 404 (its existence stays hidden) and does not find it in
// lists; a participant who may see but not do something gets 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock.js';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { asBrowser, type BuiltUser, loginCookie } from '../../../tests/support/builders.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';

let t: TestApp;
let org: TestOrg;
let caseId = '';
let taskId = '';
const cookies = new Map<string, string>();
const as = async (u: BuiltUser) => {
  const c = cookies.get(u.email) ?? (await loginCookie(t.app, u));
  cookies.set(u.email, c);
  return asBrowser(c);
};

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-03-03T15:00:00Z') });
  org = await buildTestOrg(t.ctx);
  const opened = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: await as(org.staffA), payload: { summary: 'Matrice', urls: ['https://example.org/p/1'] } });
  caseId = opened.json().id;
  const t422 = opened.json().tasks.find((x: { stepKey: string }) => x.stepKey === '4.2.2');
  await t.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${t422.id}`, headers: await as(org.supA), payload: { status: 'done' } });
  await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/consents`, headers: await as(org.staffA), payload: { purpose: 'union_notice', granted: true, password: org.staffA.password } });
  taskId = opened.json().tasks.find((x: { stepKey: string }) => x.stepKey === '4.2.1').id;
});
afterAll(async () => {
  await t.close();
});

type Who = keyof Omit<TestOrg, 'organisationId' | 'unitA' | 'unitB' | 'unionId'>;
// After 4.2.2 and the union consent: who sees the case.
const sees: Record<Who, boolean> = {
  staffA: true,
  supA: true,
  dg: true,
  hr: true,
  it: true,
  union: true,
  staffA2: false,
  staffB: false,
  supB: false,
  legal: false,
  committee: false,
  admin: false,
};
// Who may change the summary (affected person, supervisor, general direction, HR).
const editsFacts: Who[] = ['staffA', 'supA', 'dg', 'hr'];
// Who may complete 4.2.1 (the supervisor's step): the supervisor only.
const completes421: Who[] = ['supA'];

describe('case access matrix', () => {
  for (const who of Object.keys(sees) as Who[]) {
    it(`${who}: ${sees[who] ? 'sees' : 'does not see'} the case through every route`, async () => {
      const h = await as(org[who]);
      const get = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: h });
      expect(get.statusCode).toBe(sees[who] ? 200 : 404);
      const tasks = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/tasks`, headers: h });
      expect(tasks.statusCode).toBe(sees[who] ? 200 : 404);
      const list = (await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: h })).json();
      expect(list.items.some((c: { id: string }) => c.id === caseId)).toBe(sees[who]);
      const search = (await t.app.inject({ method: 'GET', url: '/api/v1/cases?q=Matrice', headers: h })).json();
      expect(search.items.some((c: { id: string }) => c.id === caseId)).toBe(sees[who]);
      const myTasks = (await t.app.inject({ method: 'GET', url: '/api/v1/me/tasks', headers: h })).json();
      if (!sees[who]) expect(myTasks.some((x: { caseId: string }) => x.caseId === caseId)).toBe(false);

      const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/cases/${caseId}`, headers: h, payload: { summary: `Matrice (${who})` } });
      expect(patch.statusCode).toBe(!sees[who] ? 404 : editsFacts.includes(who) ? 200 : 403);
      const task = await t.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${taskId}`, headers: h, payload: { status: 'not_applicable', note: 'test' } });
      expect(task.statusCode).toBe(!sees[who] ? 404 : completes421.includes(who) ? 200 : 403);
      if (task.statusCode === 200) {
        await t.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${taskId}`, headers: h, payload: { status: 'open' } });
      }
      const consent = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/consents`, headers: h, payload: { purpose: 'takedown', granted: false, password: org[who].password } });
      expect(consent.statusCode).toBe(!sees[who] ? 404 : who === 'staffA' ? 201 : 403);
      const status = await t.app.inject({ method: 'PATCH', url: `/api/v1/cases/${caseId}`, headers: h, payload: { status: 'closed' } });
      expect(status.statusCode).toBe(!sees[who] ? 404 : ['supA', 'dg'].includes(who) ? 409 : 403);
    });
  }

  it('logs reads by others in the access log, not the affected person’s own', async () => {
    const rows = await t.ctx.db.selectFrom('case_access_log').select(['user_id']).where('case_id', '=', caseId).execute();
    const readers = new Set(rows.map((r) => r.user_id));
    expect(readers.has(org.supA.id)).toBe(true);
    expect(readers.has(org.staffA.id)).toBe(false);
    expect(readers.has(org.staffB.id)).toBe(false);
  });

  it('answers an unknown or malformed case id with 404, like a hidden one', async () => {
    const h = await as(org.supA);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'abc', '1%27%20or%201=1']) {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: h })).statusCode).toBe(404);
    }
  });
});
