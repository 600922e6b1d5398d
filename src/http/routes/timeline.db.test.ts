// The case timeline (Ledger entries, dated records, reminders with their recipients, in time
// order, in French and English, without other people's private notes) and the caller's
// notifications (list, unread count, mark read, access re-checked).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepTaskClocks } from '../../app/cases/sweep-task-clocks.js';
import { ManualClock } from '../../domain/clock.js';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { asBrowser, type BuiltUser, loginCookie } from '../../../tests/support/builders.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';

const T0 = Date.parse('2026-03-03T15:00:00Z'); // Tuesday, 10:00 in Toronto
const HOUR = 3_600_000;
const clock = new ManualClock(new Date(T0));
let t: TestApp;
let org: TestOrg;
let caseId = '';
let reference = '';
let privateNoteId = '';
let meetingId = '';
const cookies = new Map<string, string>();

async function as(u: BuiltUser, extra: Record<string, string> = {}) {
  const c = cookies.get(u.email) ?? (await loginCookie(t.app, u));
  cookies.set(u.email, c);
  return asBrowser(c, extra);
}
const post = async (u: BuiltUser, url: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: await as(u), payload });
const get = async (u: BuiltUser, url: string, extra: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: await as(u, extra) });
const nameOf = async (u: BuiltUser) =>
  (await t.ctx.db.selectFrom('users').select('display_name').where('id', '=', u.id).executeTakeFirstOrThrow()).display_name;

interface Entry {
  at: string;
  kind: string;
  text: string;
  actor?: { id: string; name: string };
  stepKey?: string;
  recordId?: string;
  taskId?: string;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  org = await buildTestOrg(t.ctx);
  const opened = await post(org.staffA, '/api/v1/cases', { summary: 'Chronologie' });
  caseId = opened.json().id;
  reference = opened.json().reference;
  clock.set(new Date(T0 + HOUR));
  const t422 = opened.json().tasks.find((x: { stepKey: string }) => x.stepKey === '4.2.2');
  await t.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${t422.id}`, headers: await as(org.supA), payload: { status: 'done' } });
  clock.set(new Date(T0 + 2 * HOUR));
  const meeting = await post(org.supA, `/api/v1/cases/${caseId}/records`, {
    type: 'meeting',
    data: {
      occurredAt: new Date(T0 + 1.5 * HOUR).toISOString(),
      attendees: ['Direction', 'Personne visée'],
      eapReminderGiven: true,
      outcome: 'Soutien',
    },
  });
  meetingId = meeting.json().id;
  clock.set(new Date(T0 + 3 * HOUR));
  await post(org.staffA, `/api/v1/cases/${caseId}/consents`, { purpose: 'union_notice', granted: true, password: org.staffA.password });
  clock.set(new Date(T0 + 4 * HOUR));
  const note = await post(org.supA, `/api/v1/cases/${caseId}/records`, {
    type: 'note',
    data: { text: 'Impression personnelle' },
    private: true,
  });
  privateNoteId = note.json().id;
});
afterAll(async () => {
  await t.close();
});

describe('timeline', () => {
  it('merges Ledger entries and dated records in time order, as French sentences', async () => {
    const res = await get(org.supA, `/api/v1/cases/${caseId}/timeline`);
    expect(res.statusCode).toBe(200);
    const { items, truncated } = res.json() as { items: Entry[]; truncated: boolean };
    expect(truncated).toBe(false);
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort());
    const sup = await nameOf(org.supA);
    const staff = await nameOf(org.staffA);
    const index = (pred: (e: Entry) => boolean) => items.findIndex(pred);
    const opened = index((e) => e.kind === 'case.opened');
    const done422 = index((e) => e.kind === 'task.done' && e.stepKey === '4.2.2');
    const held = index((e) => e.kind === 'record.occurred' && e.recordId === meetingId);
    const recorded = index((e) => e.kind === 'record.created' && e.recordId === meetingId);
    const consent = index((e) => e.kind === 'consent.granted');
    expect(opened).toBe(0);
    expect([opened, done422, held, recorded, consent].every((i, n, all) => i >= 0 && (n === 0 || i > (all[n - 1] ?? -1)))).toBe(true);
    expect(items[opened]?.text).toBe(`${staff} a signalé la situation : dossier ${reference} ouvert`);
    expect(items[opened]?.actor).toEqual({ id: org.staffA.id, name: staff });
    expect(items[done422]?.text).toBe(`${sup} a terminé l'étape 4.2.2`);
    expect(items[held]).toMatchObject({
      at: new Date(T0 + 1.5 * HOUR).toISOString(),
      text: "Rencontre avec 2 participants, rappel du programme d'aide aux employés fait",
    });
    expect(items[recorded]?.text).toBe(`${sup} a consigné une rencontre`);
    expect(items[consent]?.text).toBe(`${staff} a donné son consentement : avis au syndicat`);
    const hr = await nameOf(org.hr);
    expect(items.some((e) => e.kind === 'participant.added' && e.text === `${hr} se joint au dossier (ressources humaines)`)).toBe(true);
    expect(
      items.some((e) => e.kind === 'task.done' && e.stepKey === '4.1.2' && e.text === "L'étape 4.1.2 a été faite automatiquement"),
    ).toBe(true);
    // Its own private note shows to its author.
    expect(items.find((e) => e.recordId === privateNoteId)?.text).toBe(`${sup} a ajouté une note privée`);
    // Never the text typed, nor a raw key.
    expect(JSON.stringify(items)).not.toMatch(/Impression personnelle|Soutien|timeline\./);
  });

  it('says the same in English', async () => {
    const fr = (await get(org.supA, `/api/v1/cases/${caseId}/timeline`)).json().items as Entry[];
    const en = (await get(org.supA, `/api/v1/cases/${caseId}/timeline`, { 'accept-language': 'en' })).json().items as Entry[];
    expect(en.map((e) => [e.kind, e.at])).toEqual(fr.map((e) => [e.kind, e.at]));
    const sup = await nameOf(org.supA);
    expect(en.find((e) => e.kind === 'task.done' && e.stepKey === '4.2.2')?.text).toBe(`${sup} completed step 4.2.2`);
    expect(en.find((e) => e.kind === 'record.occurred')?.text).toBe('Meeting with 2 attendees, Employee Assistance Program reminder given');
    expect(en.find((e) => e.kind === 'consent.granted')?.text).toMatch(/gave consent: union notice$/);
    expect(en.find((e) => e.kind === 'case.opened')?.text).toBe(
      `${await nameOf(org.staffA)} reported the situation: case ${reference} opened`,
    );
  });

  it('leaves out other people’s private notes — for the affected person and everyone else', async () => {
    for (const who of [org.staffA, org.hr, org.dg, org.union]) {
      const res = await get(who, `/api/v1/cases/${caseId}/timeline`);
      expect(res.statusCode).toBe(200);
      const items = res.json().items as Entry[];
      expect(items.some((e) => e.recordId === privateNoteId)).toBe(false);
      expect(items.some((e) => /note privée/.test(e.text))).toBe(false);
    }
    for (const who of [org.staffB, org.legal, org.committee])
      expect((await get(who, `/api/v1/cases/${caseId}/timeline`)).statusCode).toBe(404);
  });

  it('logs reading the timeline for everyone but the affected person', async () => {
    const rows = await t.ctx.db
      .selectFrom('case_access_log')
      .select(['user_id'])
      .where('case_id', '=', caseId)
      .where('action', '=', 'timeline.view')
      .execute();
    const readers = new Set(rows.map((r) => r.user_id));
    expect(readers.has(org.supA.id)).toBe(true);
    expect(readers.has(org.union.id)).toBe(true);
    expect(readers.has(org.staffA.id)).toBe(false);
  });

  it('shows reminders and escalations with who was notified', async () => {
    const due = (await get(org.supA, `/api/v1/cases/${caseId}/tasks`)).json().find((x: { stepKey: string }) => x.stepKey === '4.2.1')
      .dueAt as string;
    clock.set(new Date(Date.parse(due) + 30_000));
    await sweepTaskClocks(t.ctx);
    cookies.clear(); // a day later, the sessions have gone idle: sign in again
    const items = (await get(org.supA, `/api/v1/cases/${caseId}/timeline`)).json().items as Entry[];
    const sup = await nameOf(org.supA);
    const reminded = items.filter((e) => (e.kind === 'task.reminded' || e.kind === 'task.escalated') && e.stepKey === '4.2.1');
    expect(reminded.length).toBeGreaterThan(0);
    expect(reminded.some((e) => e.text.includes(sup))).toBe(true);
    expect(reminded.every((e) => e.taskId)).toBe(true);
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort());
  });
});

describe('notifications', () => {
  it('lists my notifications with the case reference and a sentence in my language', async () => {
    const res = await get(org.supA, '/api/v1/notifications');
    expect(res.statusCode).toBe(200);
    const { items, unreadCount } = res.json() as {
      items: Array<{ id: string; kind: string; text: string; caseReference: string; readAt: string | null }>;
      unreadCount: number;
    };
    const reported = items.find((n) => n.kind === 'case_reported');
    expect(reported).toMatchObject({ caseReference: reference, readAt: null });
    expect(reported?.text).toMatch(new RegExp(`^Nouveau signalement : dossier ${reference}`));
    expect(items.some((n) => n.kind === 'task_reminder' || n.kind === 'task_overdue')).toBe(true);
    expect(unreadCount).toBe(items.filter((n) => n.readAt === null).length);
    const en = (await get(org.supA, '/api/v1/notifications', { 'accept-language': 'en' })).json();
    expect(en.items.find((n: { kind: string }) => n.kind === 'case_reported').text).toMatch(new RegExp(`^New report: case ${reference}`));
    const hrNotes = (await get(org.hr, '/api/v1/notifications')).json().items;
    expect(hrNotes.find((n: { kind: string }) => n.kind === 'direction_notified').text).toBe(
      `Vous êtes avisé du dossier ${reference} (étape 4.2.2).`,
    );
  });

  it('counts unread ones and marks them read (by id, then all)', async () => {
    const count = async () => (await get(org.supA, '/api/v1/notifications/unread-count')).json().count as number;
    const start = await count();
    expect(start).toBeGreaterThan(1);
    const first = (await get(org.supA, '/api/v1/notifications?unread=true&limit=1')).json().items;
    expect(first).toHaveLength(1);
    const one = await post(org.supA, '/api/v1/notifications/read', { ids: [first[0].id] });
    expect(one.json()).toEqual({ updated: 1 });
    expect(await count()).toBe(start - 1);
    const unread = (await get(org.supA, '/api/v1/notifications?unread=true')).json().items;
    expect(unread.some((n: { id: string }) => n.id === first[0].id)).toBe(false);
    // Someone else's notification is not mine to mark.
    const hrNote = (await get(org.hr, '/api/v1/notifications')).json().items[0];
    expect((await post(org.supA, '/api/v1/notifications/read', { ids: [hrNote.id] })).json()).toEqual({ updated: 0 });
    expect((await get(org.hr, '/api/v1/notifications')).json().items[0].readAt).toBeNull();
    const all = await post(org.supA, '/api/v1/notifications/read', { all: true });
    expect(all.json()).toEqual({ updated: start - 1 });
    expect(await count()).toBe(0);
    const entry = await t.ctx.db
      .selectFrom('ledger_entries')
      .select('body')
      .where('action', '=', 'notifications.read')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.body).toMatchObject({ actorId: org.supA.id, data: { count: start - 1, all: true } });
  });

  it('stops listing a notification once its case is out of reach', async () => {
    const added = await post(org.supA, `/api/v1/cases/${caseId}/participants`, { userId: org.legal.id, role: 'legal', reason: 'Conseil' });
    expect(added.statusCode).toBe(201);
    const before = (await get(org.legal, '/api/v1/notifications')).json();
    expect(before.items.map((n: { kind: string }) => n.kind)).toEqual(['participant_added']);
    expect(before.items[0].text).toBe(`Vous avez été ajouté au dossier ${reference}.`);
    expect((await get(org.legal, '/api/v1/notifications/unread-count')).json().count).toBe(1);
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/cases/${caseId}/participants/${org.legal.id}/legal`,
      headers: await as(org.supA),
    });
    expect((await get(org.legal, '/api/v1/notifications')).json()).toEqual({ items: [], unreadCount: 0 });
    expect((await get(org.legal, '/api/v1/notifications/unread-count')).json().count).toBe(0);
  });

  it('refuses malformed requests with 400', async () => {
    for (const payload of [{}, { ids: [], all: true }, { all: false }, { ids: ['x'] }, { ids: [] }, { all: true, extra: 1 }]) {
      const r = await post(org.supA, '/api/v1/notifications/read', payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
    }
    for (const q of ['limit=0', 'limit=500', 'unread=yes', 'other=1'])
      expect((await get(org.supA, `/api/v1/notifications?${q}`)).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });
});
