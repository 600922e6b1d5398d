// The procedure through the API: intake, supervisor mail, tasks with business-hour clocks,
// 4.2.2, flags, escalation with a controllable clock, consent, idempotency, concurrent intake,
// hostile input. (The full role × route access matrix is in cases-access.db.test.ts.)
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepTaskClocks } from '../../app/cases/sweep-task-clocks.js';
import { ManualClock } from '../../domain/clock.js';
import { verifyLedger } from '../../adapters/db/ledger.js';
import { buildApp } from '../app.js';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { asBrowser, loginCookie } from '../../../tests/support/builders.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';

// Tuesday 3 March 2026, 10:00 in Toronto.
const clock = new ManualClock('2026-03-03T15:00:00Z');
let t: TestApp;
let org: TestOrg;
const cookies = new Map<string, string>();

async function as(user: { email: string; password: string }): Promise<string> {
  const existing = cookies.get(user.email);
  if (existing) return existing;
  const c = await loginCookie(t.app, user);
  cookies.set(user.email, c);
  return c;
}

async function report(user: { email: string; password: string }, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: asBrowser(await as(user), headers), payload: body });
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  org = await buildTestOrg(t.ctx);
});
afterAll(async () => {
  await t.close();
});

describe('case intake and the procedure', () => {
  let caseId = '';

  it('opens a case from the summary alone, with a yearly reference, locations and the intake tasks', async () => {
    const res = await report(org.staffA, { summary: 'Un parent publie des propos diffamatoires sur moi.', urls: ['https://www.facebook.com/groups/1/posts/2', 'https://x.com/a/status/3'] });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    caseId = body.id;
    expect(body.reference).toMatch(/^RMP-2026-\d{4,}$/);
    expect(body.status).toBe('reported');
    expect(body.affectedPersonId).toBe(org.staffA.personId);
    expect(body.playbookVersion).toBe(1);
    expect(body.locations.map((l: { host: string }) => l.host)).toEqual(['www.facebook.com', 'x.com']);
    const byKey = Object.fromEntries(body.tasks.map((x: { stepKey: string }) => [x.stepKey, x]));
    expect(byKey['4.1.2']).toMatchObject({ status: 'done', completedBySystem: true });
    expect(byKey['4.2.2']).toMatchObject({ status: 'open', assigneeUserId: org.supA.id, dueAt: '2026-03-03T19:00:00.000Z' });
    expect(byKey['4.2.1']).toMatchObject({ status: 'open', dueAt: '2026-03-04T22:00:00.000Z' }); // Wed 17:00 EST
    expect(byKey['4.3.1']).toMatchObject({ status: 'pending', assigneeUserId: null });
    expect(body.tasks.filter((x: { stepKey: string }) => x.stepKey === '4.3.2')).toHaveLength(2);
  });

  it('mails the supervisor the reference and a link, never the summary', async () => {
    await t.runJobs();
    const mail = await t.smtp.waitFor((m) => m.to.includes(org.supA.email));
    expect(mail.text).toMatch(/RMP-2026-/);
    expect(mail.text).not.toMatch(/diffamatoires/);
    expect(mail.text).toContain(`/dossiers/${caseId}`);
  });

  it('shows the supervisor the 4.2.x tasks; 4.2.2 makes DG, HR and IT participants and mails them', async () => {
    const tasks = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/tasks`, headers: asBrowser(await as(org.supA)) })).json();
    const t422 = tasks.find((x: { stepKey: string }) => x.stepKey === '4.2.2');
    const done = await t.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${t422.id}`, headers: asBrowser(await as(org.supA)), payload: { status: 'done' } });
    expect(done.statusCode).toBe(200);
    const view = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: asBrowser(await as(org.dg)) })).json();
    expect(view.participants.map((p: { role: string }) => p.role)).toEqual(expect.arrayContaining(['staff', 'supervisor', 'general_direction', 'hr', 'it']));
    expect(view.tasks.find((x: { stepKey: string }) => x.stepKey === '4.3.1')).toMatchObject({ status: 'open', assigneeUserId: org.it.id });
    await t.runJobs();
    for (const u of [org.dg, org.hr, org.it]) await t.smtp.waitFor((m) => m.to.includes(u.email));
  });

  it('adds and retires tasks when flags change; done tasks stay done', async () => {
    const on = await t.app.inject({ method: 'PATCH', url: `/api/v1/cases/${caseId}`, headers: asBrowser(await as(org.supA)), payload: { flags: { illegalOrSerious: true, studentInvolved: true } } });
    expect(on.statusCode).toBe(200);
    const keysOn = on.json().tasks.filter((x: { status: string }) => x.status === 'open').map((x: { stepKey: string }) => x.stepKey);
    expect(keysOn).toEqual(expect.arrayContaining(['4.1.4', '4.2.4']));
    const off = await t.app.inject({ method: 'PATCH', url: `/api/v1/cases/${caseId}`, headers: asBrowser(await as(org.supA)), payload: { flags: { illegalOrSerious: false } } });
    const t414 = off.json().tasks.find((x: { stepKey: string }) => x.stepKey === '4.1.4');
    expect(t414).toMatchObject({ status: 'not_applicable', naReason: 'condition:flags.illegalOrSerious' });
    expect(off.json().tasks.find((x: { stepKey: string }) => x.stepKey === '4.2.2').status).toBe('done');
  });

  it('escalates an overdue task within 60 s of its due time (moved clock, no sleeping), and survives a restart', async () => {
    // A fresh case: 4.2.2 is due 4 h after intake.
    const res = await report(org.staffA2, { summary: 'Page de moquerie.' });
    const id = res.json().id;
    const due = new Date(res.json().tasks.find((x: { stepKey: string }) => x.stepKey === '4.2.2').dueAt);
    // "Restart": a second app on the same database, nothing kept in memory.
    const other: FastifyInstance = await buildApp({ ctx: t.ctx });
    await other.close();
    clock.set(new Date(due.getTime() - 50 * 60_000));
    const reminded = await sweepTaskClocks(t.ctx);
    expect(reminded.reminders).toBeGreaterThan(0);
    clock.set(new Date(due.getTime() + 30_000));
    const escalated = await sweepTaskClocks(t.ctx);
    expect(escalated.escalations).toBeGreaterThan(0);
    const again = await sweepTaskClocks(t.ctx);
    expect(again.escalations).toBe(0); // never twice
    const notes = await t.ctx.db.selectFrom('notifications').select(['kind', 'user_id']).where('case_id', '=', id).execute();
    expect(notes).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'task_overdue', user_id: org.supA.id })]));
    clock.set('2026-03-03T15:00:00Z');
  });

  it('lets only the affected person give union consent, re-authenticated; the union joins and 4.1.3 is done', async () => {
    const bySupervisor = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/consents`, headers: asBrowser(await as(org.supA)), payload: { purpose: 'union_notice', granted: true, password: org.supA.password } });
    expect(bySupervisor.statusCode).toBe(403);
    const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/consents`, headers: asBrowser(await as(org.staffA)), payload: { purpose: 'union_notice', granted: true, password: 'nope-nope-nope' } });
    expect(wrong.statusCode).toBeGreaterThanOrEqual(400);
    expect(wrong.statusCode).toBeLessThan(500);
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/consents`, headers: asBrowser(await as(org.staffA)), payload: { purpose: 'union_notice', granted: true, password: org.staffA.password } });
    expect(ok.statusCode).toBe(201);
    const unionView = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: asBrowser(await as(org.union)) });
    expect(unionView.statusCode).toBe(200);
    expect(unionView.json().tasks.find((x: { stepKey: string }) => x.stepKey === '4.1.3')).toMatchObject({ status: 'done' });
  });

  it('returns the first answer for a retried Idempotency-Key and creates one case', async () => {
    const headers = { 'idempotency-key': 'retry-123' };
    const a = await report(org.staffB, { summary: 'Compte usurpé.' }, headers);
    const b = await report(org.staffB, { summary: 'Compte usurpé.' }, headers);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: asBrowser(await as(org.staffB)) })).json();
    expect(mine.items.filter((c: { id: string }) => c.id === a.json().id)).toHaveLength(1);
    const reused = await report(org.staffB, { summary: 'Autre chose.' }, headers);
    expect(reused.statusCode).toBe(409);
  });

  it('gives concurrent reports distinct references without gaps', async () => {
    const before = await t.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).where('organisation_id', '=', org.organisationId).executeTakeFirstOrThrow();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => report(org.staffA2, { summary: `Signalement ${i}` })));
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const all = await t.ctx.db.selectFrom('cases').select('reference').where('organisation_id', '=', org.organisationId).execute();
    const numbers = all.map((r) => Number(r.reference.split('-')[2])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: Number(before.n) + 12 }, (_, i) => i + 1));
  });

  it('refuses to close with open tasks and requires a reason to reopen', async () => {
    const sup = asBrowser(await as(org.supA));
    for (const status of ['acknowledged', 'in_progress', 'mitigated']) {
      const r = await t.app.inject({ method: 'PATCH', url: `/api/v1/cases/${caseId}`, headers: sup, payload: { status } });
      expect(r.statusCode).toBe(200);
    }
    const close = await t.app.inject({ method: 'PATCH', url: `/api/v1/cases/${caseId}`, headers: sup, payload: { status: 'closed' } });
    expect(close.statusCode).toBe(409);
    expect(close.json().error.code).toBe('invalid_transition');
    expect(close.json().error.message).toMatch(/ne peut pas être fermé/);
    const skip = await t.app.inject({ method: 'PATCH', url: `/api/v1/cases/${caseId}`, headers: sup, payload: { status: 'reported' } });
    expect(skip.statusCode).toBe(409);
  });

  it('answers hostile input with 4xx and changes nothing', async () => {
    const before = (await verifyLedger(t.ctx.db)).entries;
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ summary: 'x'.repeat(20_001) }, 400],
      [{ summary: '' }, 400],
      [{ summary: 'ok', occurredAt: 'hier' }, 400],
      [{ summary: 'ok', urls: ['javascript:alert(1)'] }, 400],
      [{ summary: 'ok', affectedPersonId: '00000000-0000-4000-8000-000000000000' }, 400],
      [{ summary: 'ok', flags: { nope: true } }, 400],
      [{ summary: 'ok', role: 'admin' }, 400],
    ];
    for (const [payload, status] of cases) {
      const r = await report(org.staffA, payload);
      expect(r.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(status);
      expect(r.json().error.message).toBeTruthy();
    }
    const en = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: asBrowser(await as(org.staffA), { 'accept-language': 'en' }), payload: { summary: '' } });
    expect(en.json().error.message).toBe('Some of the data sent is invalid.');
    const badTask = await t.app.inject({ method: 'PATCH', url: '/api/v1/tasks/not-a-uuid', headers: asBrowser(await as(org.supA)), payload: { status: 'done' } });
    expect(badTask.statusCode).toBe(404);
    const badStatus = await t.app.inject({ method: 'PATCH', url: `/api/v1/cases/${caseId}`, headers: asBrowser(await as(org.supA)), payload: { status: 'archived' } });
    expect(badStatus.statusCode).toBe(400);
    expect((await verifyLedger(t.ctx.db)).entries).toBe(before);
    expect((await verifyLedger(t.ctx.db)).ok).toBe(true);
  });
});
