// Participants, explicit grants and the access log through the API: counsel added then
// removed (access follows), who may manage, roles that never join, union without consent, grant
// expiry with a controllable clock, revocation, and who may read the access log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../adapters/db/ledger.js';
import { ManualClock } from '../../domain/clock.js';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { asBrowser, type BuiltUser, buildOrganisation, buildUser, loginCookie } from '../../../tests/support/builders.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';

const START = '2026-03-03T15:00:00Z';
const clock = new ManualClock(START);
let t: TestApp;
let org: TestOrg;
let caseId = '';
const cookies = new Map<string, string>();
const DAY = 86_400_000;

async function as(u: BuiltUser, extra: Record<string, string> = {}) {
  const c = cookies.get(u.email) ?? (await loginCookie(t.app, u));
  cookies.set(u.email, c);
  return asBrowser(c, extra);
}
const post = async (u: BuiltUser, url: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: await as(u), payload });
const get = async (u: BuiltUser, url: string, extra: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: await as(u, extra) });
const del = async (u: BuiltUser, url: string) => t.app.inject({ method: 'DELETE', url, headers: await as(u) });
const ledgerCount = async () => (await verifyLedger(t.ctx.db)).entries;
const caseLedger = async (action: string) =>
  t.ctx.db
    .selectFrom('ledger_entries')
    .select(['body'])
    .where('case_id', '=', caseId)
    .where('action', '=', action)
    .orderBy('seq')
    .execute();

async function openCase(summary: string, notifyDirection = true): Promise<string> {
  const opened = await post(org.staffA, '/api/v1/cases', { summary });
  expect(opened.statusCode).toBe(201);
  if (notifyDirection) {
    const t422 = opened.json().tasks.find((x: { stepKey: string }) => x.stepKey === '4.2.2');
    const done = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tasks/${t422.id}`,
      headers: await as(org.supA),
      payload: { status: 'done' },
    });
    expect(done.statusCode).toBe(200);
  }
  return opened.json().id;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  org = await buildTestOrg(t.ctx);
  caseId = await openCase('Participants');
  // Everyone signs in first: a sign-in is itself a Ledger entry.
  for (const u of [org.staffA, org.staffB, org.supA, org.dg, org.hr, org.it, org.union, org.legal, org.committee, org.admin]) await as(u);
});
afterAll(async () => {
  await t.close();
});

describe('participants', () => {
  it('lists participants with their role, reason (translated) and who added them', async () => {
    const res = await get(org.supA, `/api/v1/cases/${caseId}/participants`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.canManage).toBe(true);
    const byRole = Object.fromEntries(body.participants.map((p: { role: string }) => [p.role, p]));
    expect(byRole.staff).toMatchObject({ userId: org.staffA.id, isAffectedPerson: true, reason: 'intake', reasonLabel: 'Au signalement' });
    expect(byRole.hr).toMatchObject({ userId: org.hr.id, reason: 'step_4.2.2', addedBy: org.supA.id });
    const en = (await get(org.hr, `/api/v1/cases/${caseId}/participants`, { 'accept-language': 'en' })).json();
    expect(en.canManage).toBe(false);
    expect(en.participants.find((p: { role: string }) => p.role === 'hr').reasonLabel).toBe(
      'Notified by the school or service head (step 4.2.2)',
    );
    expect((await get(org.legal, `/api/v1/cases/${caseId}/participants`)).statusCode).toBe(404);
  });

  it('adds counsel (legal sees the case, with a Ledger entry and a mail), then removes them (404 again)', async () => {
    expect((await get(org.legal, `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    const added = await post(org.supA, `/api/v1/cases/${caseId}/participants`, {
      userId: org.legal.id,
      role: 'legal',
      reason: 'Avis sur une mise en demeure',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().participants.find((p: { role: string }) => p.role === 'legal')).toMatchObject({
      userId: org.legal.id,
      reason: 'Avis sur une mise en demeure',
      addedBy: org.supA.id,
    });
    const view = await get(org.legal, `/api/v1/cases/${caseId}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().viewer).toMatchObject({ access: 'participant', roles: ['legal'] });
    const entry = (await caseLedger('participant.added')).at(-1);
    expect(entry?.body).toMatchObject({
      actorId: org.supA.id,
      subject: { type: 'user', id: org.legal.id },
      data: { role: 'legal', reason: 'manual' },
    });
    expect(JSON.stringify(entry?.body)).not.toContain('mise en demeure');
    expect((await caseLedger('case.role_joined')).some((e) => (e.body as { data: { role: string } }).data.role === 'legal')).toBe(true);
    await t.runJobs();
    const mail = await t.smtp.waitFor((m) => m.to.includes(org.legal.email));
    expect(mail.subject).toMatch(/vous y avez maintenant accès/);

    const removed = await del(org.dg, `/api/v1/cases/${caseId}/participants/${org.legal.id}/legal`);
    expect(removed.statusCode).toBe(204);
    expect((await get(org.legal, `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await caseLedger('participant.removed')).at(-1)?.body).toMatchObject({
      actorId: org.dg.id,
      subject: { id: org.legal.id },
      data: { role: 'legal' },
    });
    expect((await caseLedger('case.role_left')).length).toBe(1);
    // Gone: a second removal finds nothing.
    expect((await del(org.dg, `/api/v1/cases/${caseId}/participants/${org.legal.id}/legal`)).statusCode).toBe(404);
  });

  it('lets only the supervisor or general direction manage participants', async () => {
    for (const who of [org.hr, org.it, org.union, org.staffA]) {
      const r = await post(who, `/api/v1/cases/${caseId}/participants`, { userId: org.legal.id, role: 'legal', reason: 'x' });
      expect(r.statusCode, who.email).toBe(who === org.union ? 404 : 403);
    }
    expect(
      (await post(org.staffB, `/api/v1/cases/${caseId}/participants`, { userId: org.legal.id, role: 'legal', reason: 'x' })).statusCode,
    ).toBe(404);
    expect((await del(org.hr, `/api/v1/cases/${caseId}/participants/${org.it.id}/it`)).statusCode).toBe(403);
  });

  it('never adds committee or admin, nor a role the user does not hold, nor someone of another organisation', async () => {
    const before = await ledgerCount();
    const url = `/api/v1/cases/${caseId}/participants`;
    const outsiderOrg = await buildOrganisation(t.ctx);
    const outsider = await buildUser(t.ctx, { organisationId: outsiderOrg.id, roles: [{ role: 'legal', isPrimary: true }] });
    const attempts: Array<[Record<string, unknown>, number]> = [
      [{ userId: org.committee.id, role: 'committee', reason: 'x' }, 400],
      [{ userId: org.admin.id, role: 'admin', reason: 'x' }, 400],
      [{ userId: org.committee.id, role: 'legal', reason: 'x' }, 400],
      [{ userId: org.admin.id, role: 'it', reason: 'x' }, 400],
      [{ userId: org.staffA.id, role: 'supervisor', reason: 'x' }, 400],
      [{ userId: outsider.id, role: 'legal', reason: 'x' }, 400],
      [{ userId: '00000000-0000-4000-8000-000000000000', role: 'legal', reason: 'x' }, 400],
      [{ userId: org.legal.id, role: 'legal', reason: '' }, 400],
      [{ userId: org.legal.id, role: 'legal', reason: 'x'.repeat(2001) }, 400],
      [{ userId: org.legal.id, role: 'legal', reason: 'x', expiresAt: '2026-04-01T00:00:00Z' }, 400],
      [{ userId: org.hr.id, role: 'hr', reason: 'déjà là' }, 409],
    ];
    for (const [payload, status] of attempts) {
      const r = await post(org.supA, url, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      expect(r.json().error.message).toBeTruthy();
    }
    const refused = await post(org.supA, url, { userId: org.committee.id, role: 'legal', reason: 'x' });
    expect(refused.json().error.fields).toEqual([{ path: 'userId', message: "Cette personne n'a pas ce rôle dans l'organisation." }]);
    expect((await get(org.committee, `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect(await ledgerCount()).toBe(before);
  });

  it('adds a union representative only with the staff member’s consent', async () => {
    const fresh = await openCase('Sans consentement', false);
    const r = await post(org.supA, `/api/v1/cases/${fresh}/participants`, { userId: org.union.id, role: 'union', reason: 'Soutien' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('consent_required');
    expect((await get(org.union, `/api/v1/cases/${fresh}`)).statusCode).toBe(404);
  });

  it('never removes the affected person, nor the last supervisor or general direction', async () => {
    const affected = await del(org.supA, `/api/v1/cases/${caseId}/participants/${org.staffA.id}/staff`);
    expect(affected.statusCode).toBe(409);
    expect(affected.json().error.message).toMatch(/personne concernée/);
    const fresh = await openCase('Direction seule', false);
    const last = await del(org.supA, `/api/v1/cases/${fresh}/participants/${org.supA.id}/supervisor`);
    expect(last.statusCode).toBe(409);
    expect((await get(org.supA, `/api/v1/cases/${fresh}`)).statusCode).toBe(200);
    expect((await del(org.supA, `/api/v1/cases/${caseId}/participants/not-a-uuid/it`)).statusCode).toBe(404);
  });
});

describe('access grants', () => {
  it('gives time-limited read access: 200 before expiry, 404 after (controllable clock)', async () => {
    // Two hours (sessions stay open across the moves of the clock).
    const expiresAt = new Date(Date.parse(START) + 2 * 3_600_000).toISOString();
    const granted = await post(org.dg, `/api/v1/cases/${caseId}/grants`, {
      userId: org.staffB.id,
      reason: 'Enquête RH externe',
      expiresAt,
    });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({ userId: org.staffB.id, grantedBy: org.dg.id, expiresAt });
    const grantEntry = (await caseLedger('access_grant.issued')).at(-1);
    expect(grantEntry?.body).toMatchObject({ actorId: org.dg.id, data: { userId: org.staffB.id, expiresAt } });
    expect(JSON.stringify(grantEntry?.body)).not.toContain('Enquête');

    const view = await get(org.staffB, `/api/v1/cases/${caseId}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().viewer.access).toBe('grant');
    // A grant reads; it does not write.
    expect((await post(org.staffB, `/api/v1/cases/${caseId}/records`, { type: 'note', data: { text: 'x' } })).statusCode).toBe(403);
    const listed = (await get(org.supA, `/api/v1/cases/${caseId}/participants`)).json();
    expect(listed.grants).toEqual([
      expect.objectContaining({
        id: granted.json().id,
        userId: org.staffB.id,
        reason: 'Enquête RH externe',
        grantedByName: expect.any(String),
      }),
    ]);

    clock.set(new Date(Date.parse(expiresAt) - 1000));
    expect((await get(org.staffB, `/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    clock.set(new Date(Date.parse(expiresAt) + 1000));
    expect((await get(org.staffB, `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await get(org.supA, `/api/v1/cases/${caseId}/participants`)).json().grants).toEqual([]);
    expect((await del(org.dg, `/api/v1/grants/${granted.json().id}`)).statusCode).toBe(409); // expired already
    // The clock stays here: time never goes back (the expired grant would come back to life).
  });

  it('revokes a grant before it expires', async () => {
    const expiresAt = new Date(clock.now().getTime() + 2 * DAY).toISOString();
    const granted = await post(org.supA, `/api/v1/cases/${caseId}/grants`, { userId: org.it.id, reason: 'x', expiresAt });
    expect(granted.statusCode).toBe(201);
    const other = await post(org.supA, `/api/v1/cases/${caseId}/grants`, { userId: org.staffB.id, reason: 'Lecture', expiresAt });
    expect((await get(org.staffB, `/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    expect((await del(org.hr, `/api/v1/grants/${other.json().id}`)).statusCode).toBe(403);
    expect((await del(org.staffB, `/api/v1/grants/${other.json().id}`)).statusCode).toBe(403);
    expect((await del(org.supA, `/api/v1/grants/${other.json().id}`)).statusCode).toBe(204);
    expect((await get(org.staffB, `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await del(org.supA, `/api/v1/grants/${other.json().id}`)).statusCode).toBe(409);
    expect((await caseLedger('access_grant.revoked')).at(-1)?.body).toMatchObject({
      actorId: org.supA.id,
      subject: { type: 'access_grant', id: other.json().id },
    });
    expect((await del(org.supA, '/api/v1/grants/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('refuses grants beyond 30 days, in the past, to committee/admin-only users, by non-managers', async () => {
    const before = await ledgerCount();
    const url = `/api/v1/cases/${caseId}/grants`;
    const at = (days: number) => new Date(clock.now().getTime() + days * DAY).toISOString();
    for (const [payload, status, path] of [
      [{ userId: org.staffB.id, reason: 'x', expiresAt: at(31) }, 400, 'expiresAt'],
      [{ userId: org.staffB.id, reason: 'x', expiresAt: at(-1) }, 400, 'expiresAt'],
      [{ userId: org.staffB.id, reason: 'x', expiresAt: 'bientôt' }, 400, 'expiresAt'],
      [{ userId: org.committee.id, reason: 'x', expiresAt: at(3) }, 400, 'userId'],
      [{ userId: org.admin.id, reason: 'x', expiresAt: at(3) }, 400, 'userId'],
      [{ userId: org.staffA.id, reason: 'x', expiresAt: at(3) }, 400, 'userId'],
      [{ userId: '00000000-0000-4000-8000-000000000000', reason: 'x', expiresAt: at(3) }, 400, 'userId'],
    ] as Array<[Record<string, unknown>, number, string]>) {
      const r = await post(org.supA, url, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      expect(r.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    expect((await post(org.hr, url, { userId: org.staffB.id, reason: 'x', expiresAt: at(3) })).statusCode).toBe(403);
    expect(await ledgerCount()).toBe(before);
  });
});

describe('access log', () => {
  it('shows who read the case to the affected person, the supervisor and general direction only', async () => {
    await get(org.hr, `/api/v1/cases/${caseId}`);
    await get(org.staffA, `/api/v1/cases/${caseId}`);
    const mine = await get(org.staffA, `/api/v1/cases/${caseId}/access-log`);
    expect(mine.statusCode).toBe(200);
    const items = mine.json().items as Array<{
      userId: string;
      roles: string[];
      action: string;
      actionLabel: string;
      viaGrant: boolean;
      at: string;
    }>;
    expect(
      items.some(
        (i) => i.userId === org.hr.id && i.action === 'case.view' && i.roles.includes('hr') && i.actionLabel === 'A consulté le dossier',
      ),
    ).toBe(true);
    expect(items.some((i) => i.userId === org.staffB.id && i.viaGrant)).toBe(true);
    expect(items.some((i) => i.userId === org.legal.id && i.roles.includes('legal'))).toBe(true);
    expect(items.some((i) => i.userId === org.staffA.id)).toBe(false);
    expect([...items].sort((a, b) => (a.at < b.at ? 1 : -1)).map((i) => i.at)).toEqual(items.map((i) => i.at));

    for (const who of [org.supA, org.dg]) expect((await get(who, `/api/v1/cases/${caseId}/access-log`)).statusCode).toBe(200);
    for (const who of [org.hr, org.it]) {
      const r = await get(who, `/api/v1/cases/${caseId}/access-log`);
      expect(r.statusCode).toBe(403);
    }
    for (const who of [org.staffB, org.legal, org.committee, org.admin])
      expect((await get(who, `/api/v1/cases/${caseId}/access-log`)).statusCode).toBe(404);
    // Reading the log is logged too (not the affected person's own reading).
    const again = (await get(org.staffA, `/api/v1/cases/${caseId}/access-log`)).json().items as Array<{ userId: string; action: string }>;
    expect(again.some((i) => i.userId === org.supA.id && i.action === 'access_log.view')).toBe(true);
  });

  it('pages with a cursor', async () => {
    const first = (await get(org.staffA, `/api/v1/cases/${caseId}/access-log?limit=2`)).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toMatch(/^\d+$/);
    const second = (await get(org.staffA, `/api/v1/cases/${caseId}/access-log?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(2);
    expect(second.items[0].at <= first.items[1].at).toBe(true);
    expect((await get(org.staffA, `/api/v1/cases/${caseId}/access-log?limit=0`)).statusCode).toBe(400);
    expect((await get(org.staffA, `/api/v1/cases/${caseId}/access-log?cursor=abc`)).statusCode).toBe(400);
  });
});
