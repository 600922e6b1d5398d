// Records through the API: every type created, listed and corrected (versions, stale version),
// who may write what, private notes, instigators driving the procedure, communication drafts
// and their approval, the meeting's calendar file and its invitation by mail, hostile input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../adapters/db/ledger.js';
import type { Mailer } from '../../app/mail/ports.js';
import { retryFailedMail } from '../../app/mail/retry-failed-mail.js';
import { ManualClock } from '../../domain/clock.js';
import { parseIcs, unescapeIcsText } from '../../domain/records/ics.js';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { asBrowser, type BuiltUser, buildOrganisation, buildUser, loginCookie } from '../../../tests/support/builders.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';

// Tuesday 3 March 2026, 10:00 in Toronto.
const clock = new ManualClock('2026-03-03T15:00:00Z');
let t: TestApp;
let org: TestOrg;
let caseId = '';
let reference = '';
const cookies = new Map<string, string>();

async function as(u: BuiltUser, extra: Record<string, string> = {}) {
  const c = cookies.get(u.email) ?? (await loginCookie(t.app, u));
  cookies.set(u.email, c);
  return asBrowser(c, extra);
}
async function post(u: BuiltUser, url: string, payload: unknown, extra: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, headers: await as(u, extra), payload: payload as Record<string, unknown> });
}
async function get(u: BuiltUser, url: string, extra: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url, headers: await as(u, extra) });
}
async function patch(u: BuiltUser, url: string, payload: unknown) {
  return t.app.inject({ method: 'PATCH', url, headers: await as(u), payload: payload as Record<string, unknown> });
}
const ledgerCount = async () => (await verifyLedger(t.ctx.db)).entries;

/** A case of staffA after 4.2.2 (DG, HR, IT take part) and the union notice consent. */
async function openFullCase(
  summary: string,
): Promise<{ id: string; reference: string; tasks: Array<{ id: string; stepKey: string; status: string }> }> {
  const opened = await post(org.staffA, '/api/v1/cases', { summary, urls: ['https://example.org/p/1'] });
  expect(opened.statusCode).toBe(201);
  const body = opened.json();
  const t422 = body.tasks.find((x: { stepKey: string }) => x.stepKey === '4.2.2');
  expect((await patch(org.supA, `/api/v1/tasks/${t422.id}`, { status: 'done' })).statusCode).toBe(200);
  const consent = await post(org.staffA, `/api/v1/cases/${body.id}/consents`, {
    purpose: 'union_notice',
    granted: true,
    password: org.staffA.password,
  });
  expect(consent.statusCode).toBe(201);
  return body;
}

const samples = {
  meeting: {
    occurredAt: '2026-03-04T09:00:00-05:00',
    attendees: ['Directrice', 'Enseignante visée'],
    eapReminderGiven: true,
    outcome: 'Soutien offert.',
    location: 'Bureau de la direction',
  },
  instigator: { kind: 'parent', name: 'M. Tremblay', relation: 'Parent d’un élève de 5e' },
  parent_contact: { occurredAt: '2026-03-04T16:00:00Z', means: 'phone', summary: 'Appel aux parents de l’élève.' },
  police_report: { service: 'SPVM', fileNumber: '26-000123', officer: 'Agente Roy', reportedAt: '2026-03-04' },
  legal_consultation: { counsel: 'Me Gagnon', occurredAt: '2026-03-05T13:00:00Z', summary: 'Avis sur la diffamation.' },
  communication_draft: { audience: 'press', title: 'Communiqué', body: 'Le centre de services soutient son personnel.' },
  note: { text: 'Suivi téléphonique fait.' },
} as const;

const corrections: Record<keyof typeof samples, Record<string, unknown>> = {
  meeting: { ...samples.meeting, outcome: 'Soutien offert; PAE rappelé.' },
  instigator: { ...samples.instigator, relation: 'Parent' },
  parent_contact: { ...samples.parent_contact, means: 'meeting' },
  police_report: { ...samples.police_report, fileNumber: '26-000124' },
  legal_consultation: { ...samples.legal_consultation, summary: 'Avis révisé.' },
  communication_draft: { ...samples.communication_draft, title: 'Communiqué (v2)' },
  note: { text: 'Suivi téléphonique fait, rappel prévu.' },
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  org = await buildTestOrg(t.ctx);
  const c = await openFullCase('Dossier des consignations');
  caseId = c.id;
  reference = c.reference;
});
afterAll(async () => {
  await t.close();
});

describe('records', () => {
  const ids: Record<string, string> = {};

  for (const type of Object.keys(samples) as Array<keyof typeof samples>) {
    it(`creates, lists and corrects a ${type} record (each correction a new version)`, async () => {
      const before = await ledgerCount();
      const created = await post(org.supA, `/api/v1/cases/${caseId}/records`, { type, data: samples[type] });
      expect(created.statusCode, created.body).toBe(201);
      const rec = created.json();
      ids[type] = rec.id;
      expect(rec).toMatchObject({ type, version: 1, private: false, authorUserId: org.supA.id, canEdit: true });
      // Date-times are stored in UTC.
      const sent: Record<string, unknown> = { ...samples[type] };
      if (typeof sent.occurredAt === 'string') sent.occurredAt = new Date(sent.occurredAt).toISOString();
      expect(rec.data).toEqual(sent);
      const listed = (await get(org.supA, `/api/v1/cases/${caseId}/records?type=${type}`)).json();
      expect(listed.map((r: { id: string }) => r.id)).toContain(rec.id);
      expect(listed.every((r: { type: string }) => r.type === type)).toBe(true);

      const updated = await patch(org.supA, `/api/v1/records/${rec.id}`, { data: corrections[type], version: 1 });
      expect(updated.statusCode, updated.body).toBe(200);
      expect(updated.json()).toMatchObject({ version: 2 });
      const versions = (await get(org.supA, `/api/v1/records/${rec.id}/versions`)).json();
      expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      // One entry for the creation, one for the correction (plus the procedure's for an instigator).
      const entries = await t.ctx.db
        .selectFrom('ledger_entries')
        .select(['action', 'body'])
        .where('case_id', '=', caseId)
        .where('seq', '>', String(before))
        .execute();
      const actions = entries.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['record.created', 'record.updated']));
      // The Ledger holds ids, enums and digests — never the text typed.
      expect(JSON.stringify(entries.map((e) => e.body))).not.toMatch(/Tremblay|Soutien|SPVM|Gagnon|Communiqué|téléphonique/);
    });
  }

  it('refuses a correction based on an old version (409 stale_version) and changes nothing', async () => {
    await as(org.hr); // signing in is itself in the Ledger
    const before = await ledgerCount();
    const stale = await patch(org.hr, `/api/v1/records/${ids.meeting}`, { data: samples.meeting, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    expect(await ledgerCount()).toBe(before);
    expect((await get(org.supA, `/api/v1/records/${ids.meeting}`)).json().version).toBe(2);
  });

  it('never deletes a record (403) and hides its existence from outsiders (404)', async () => {
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/records/${ids.note}`, headers: await as(org.supA) });
    expect(del.statusCode).toBe(403);
    expect(del.json().error.message).toMatch(/jamais supprimée/);
    const outsider = await t.app.inject({ method: 'DELETE', url: `/api/v1/records/${ids.note}`, headers: await as(org.staffB) });
    expect(outsider.statusCode).toBe(404);
    expect((await get(org.staffB, `/api/v1/records/${ids.note}`)).statusCode).toBe(404);
    expect((await get(org.legal, `/api/v1/cases/${caseId}/records`)).statusCode).toBe(404);
  });

  it('shows a private note to its author only — not to the affected person, not to the supervisor', async () => {
    const created = await post(org.hr, `/api/v1/cases/${caseId}/records`, {
      type: 'note',
      data: { text: 'Note privée des RH' },
      private: true,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json().private).toBe(true);
    const mine = (await get(org.hr, `/api/v1/cases/${caseId}/records?type=note`)).json();
    expect(mine.map((r: { id: string }) => r.id)).toContain(id);
    for (const other of [org.staffA, org.supA, org.dg, org.union]) {
      const list = (await get(other, `/api/v1/cases/${caseId}/records`)).json();
      expect(list.map((r: { id: string }) => r.id)).not.toContain(id);
      expect((await get(other, `/api/v1/records/${id}`)).statusCode).toBe(404);
      expect((await patch(other, `/api/v1/records/${id}`, { data: { text: 'x' }, version: 1 })).statusCode).toBe(404);
    }
    // Only a note may be private.
    const privateMeeting = await post(org.supA, `/api/v1/cases/${caseId}/records`, {
      type: 'meeting',
      data: samples.meeting,
      private: true,
    });
    expect(privateMeeting.statusCode).toBe(400);
  });

  it('lets the union add notes but not meetings, and hides privileged records from it', async () => {
    const meeting = await post(org.union, `/api/v1/cases/${caseId}/records`, { type: 'meeting', data: samples.meeting });
    expect(meeting.statusCode).toBe(403);
    const note = await post(org.union, `/api/v1/cases/${caseId}/records`, { type: 'note', data: { text: 'Le syndicat suit le dossier.' } });
    expect(note.statusCode).toBe(201);
    const types = new Set((await get(org.union, `/api/v1/cases/${caseId}/records`)).json().map((r: { type: string }) => r.type));
    expect(types.has('meeting')).toBe(true);
    expect(types.has('legal_consultation')).toBe(false);
    expect(types.has('communication_draft')).toBe(false);
    // Nobody but its author corrects a note.
    expect((await patch(org.supA, `/api/v1/records/${note.json().id}`, { data: { text: 'x' }, version: 1 })).statusCode).toBe(403);
  });

  it('lets the affected person add notes and police reports only', async () => {
    expect(
      (await post(org.staffA, `/api/v1/cases/${caseId}/records`, { type: 'police_report', data: samples.police_report })).statusCode,
    ).toBe(201);
    expect((await post(org.staffA, `/api/v1/cases/${caseId}/records`, { type: 'note', data: { text: 'Ma note' } })).statusCode).toBe(201);
    expect((await post(org.staffA, `/api/v1/cases/${caseId}/records`, { type: 'meeting', data: samples.meeting })).statusCode).toBe(403);
    expect(
      (await post(org.staffA, `/api/v1/cases/${caseId}/records`, { type: 'communication_draft', data: samples.communication_draft }))
        .statusCode,
    ).toBe(403);
  });

  it('makes 4.2.3 appear for a known instigator and 4.2.4 for a student (also on correction)', async () => {
    const c = await openFullCase('Instigateurs');
    const open = async () =>
      new Set(
        (await get(org.supA, `/api/v1/cases/${c.id}/tasks`))
          .json()
          .filter((x: { status: string }) => x.status === 'open')
          .map((x: { stepKey: string }) => x.stepKey),
      );
    expect((await open()).has('4.2.3')).toBe(false);
    expect((await open()).has('4.2.4')).toBe(false);
    const unknown = await post(org.supA, `/api/v1/cases/${c.id}/records`, { type: 'instigator', data: { kind: 'unknown' } });
    expect(unknown.statusCode).toBe(201);
    expect((await open()).has('4.2.3')).toBe(false);
    const student = await patch(org.supA, `/api/v1/records/${unknown.json().id}`, {
      data: { kind: 'student', relation: 'Élève de 3e secondaire' },
      version: 1,
    });
    expect(student.statusCode).toBe(200);
    const now = await open();
    expect(now.has('4.2.3')).toBe(true);
    expect(now.has('4.2.4')).toBe(true);
    const created = await post(org.supA, `/api/v1/cases/${c.id}/records`, { type: 'instigator', data: { kind: 'student' } });
    expect(created.statusCode).toBe(201);
    // A meeting with an instigator points to an instigator record of the same case.
    const meeting = await post(org.supA, `/api/v1/cases/${c.id}/records`, {
      type: 'meeting',
      data: { ...samples.meeting, withInstigator: created.json().id },
    });
    expect(meeting.statusCode).toBe(201);
    const elsewhere = await post(org.supA, `/api/v1/cases/${caseId}/records`, {
      type: 'meeting',
      data: { ...samples.meeting, withInstigator: created.json().id },
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.fields[0].path).toBe('data.withInstigator');
  });

  it('keeps every version of a communication draft; general direction alone approves one', async () => {
    const created = await post(org.hr, `/api/v1/cases/${caseId}/records`, {
      type: 'communication_draft',
      data: samples.communication_draft,
    });
    const id = created.json().id;
    expect(created.json()).toMatchObject({ approved: false, approval: null });
    const v2 = await patch(org.hr, `/api/v1/records/${id}`, { data: { ...samples.communication_draft, body: 'Version 2' }, version: 1 });
    expect(v2.json().version).toBe(2);
    for (const who of [org.supA, org.hr, org.it]) {
      const refused = await post(who, `/api/v1/records/${id}/approve`, { version: 2 });
      expect(refused.statusCode).toBe(403);
    }
    expect((await post(org.union, `/api/v1/records/${id}/approve`, { version: 2 })).statusCode).toBe(404);
    const stale = await post(org.dg, `/api/v1/records/${id}/approve`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    const approved = await post(org.dg, `/api/v1/records/${id}/approve`, { version: 2 });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      approved: true,
      version: 2,
      approval: { version: 2, approvedBy: org.dg.id, approvedAt: '2026-03-03T15:00:00.000Z' },
    });
    expect((await post(org.dg, `/api/v1/records/${id}/approve`, { version: 2 })).statusCode).toBe(409);
    const entry = await t.ctx.db
      .selectFrom('ledger_entries')
      .select('body')
      .where('action', '=', 'record.approved')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(entry.body).toMatchObject({ actorId: org.dg.id, data: { version: 2 } });

    // Editing after approval: a new version, not approved; the approval of v2 stays on record.
    const v3 = await patch(org.hr, `/api/v1/records/${id}`, { data: { ...samples.communication_draft, body: 'Version 3' }, version: 2 });
    expect(v3.json()).toMatchObject({ version: 3, approved: false, approval: { version: 2 } });
    expect(v3.json().data).not.toHaveProperty('approvedVersion');
    const versions = (await get(org.dg, `/api/v1/records/${id}/versions`)).json();
    expect(
      versions.map((v: { version: number; approved: boolean; data: { body: string } }) => [v.version, v.approved, v.data.body]),
    ).toEqual([
      [1, false, samples.communication_draft.body],
      [2, true, 'Version 2'],
      [3, false, 'Version 3'],
    ]);
  });
});

describe('meeting calendar file and invitation', () => {
  let meetingId = '';

  beforeAll(async () => {
    const created = await post(org.supA, `/api/v1/cases/${caseId}/records`, {
      type: 'meeting',
      data: {
        occurredAt: '2026-03-05T14:30:00-05:00',
        attendees: ['Mme Secrète'],
        eapReminderGiven: true,
        outcome: 'Résultat confidentiel',
        location: 'Bureau 204, école Des Pins',
      },
    });
    meetingId = created.json().id;
  });

  it('exports a minimal ICS in the reader’s language: reference, UTC start, place — no case facts', async () => {
    const fr = await get(org.supA, `/api/v1/records/${meetingId}/ics`);
    expect(fr.statusCode).toBe(200);
    expect(fr.headers['content-type']).toMatch(/^text\/calendar/);
    expect(fr.headers['content-disposition']).toBe(`attachment; filename="rencontre-${reference}.ics"`);
    const props = parseIcs(fr.body);
    const value = (name: string) => props.find((p) => p.name === name)?.value;
    expect(props[0]).toMatchObject({ name: 'BEGIN', value: 'VCALENDAR' });
    expect(value('VERSION')).toBe('2.0');
    expect(value('DTSTART')).toBe('20260305T193000Z');
    expect(value('UID')).toBe(`${meetingId}@rempart.test`);
    expect(unescapeIcsText(value('SUMMARY') ?? '')).toBe(`Rencontre — dossier ${reference}`);
    expect(unescapeIcsText(value('LOCATION') ?? '')).toBe('Bureau 204, école Des Pins');
    expect(fr.body).not.toMatch(/Secrète|confidentiel|Consignations/);
    const en = await get(org.supA, `/api/v1/records/${meetingId}/ics`, { 'accept-language': 'en' });
    expect(unescapeIcsText(parseIcs(en.body).find((p) => p.name === 'SUMMARY')?.value ?? '')).toBe(`Meeting — case ${reference}`);
    // Downloading it is a read of the case.
    const log = await t.ctx.db
      .selectFrom('case_access_log')
      .select('action')
      .where('case_id', '=', caseId)
      .where('user_id', '=', org.supA.id)
      .execute();
    expect(log.map((l) => l.action)).toContain('record.ics');
    // Not a meeting: no calendar file.
    const note = (await get(org.supA, `/api/v1/cases/${caseId}/records?type=note`)).json()[0];
    expect((await get(org.supA, `/api/v1/records/${note.id}/ics`)).statusCode).toBe(404);
  });

  it('mails the invitation to participants with the .ics attached (loopback SMTP)', async () => {
    const res = await post(org.supA, `/api/v1/records/${meetingId}/invite`, { userIds: [org.staffA.id, org.dg.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().invited).toEqual([
      { userId: org.staffA.id, status: 'sent' },
      { userId: org.dg.id, status: 'sent' },
    ]);
    const mail = await t.smtp.waitFor((m) => m.to.includes(org.staffA.email) && m.subject.includes('Rencontre'));
    expect(mail.subject).toBe(`Rencontre le 2026-03-05 à 14:30 : dossier ${reference}`);
    expect(mail.text).not.toMatch(/Secrète|confidentiel|Bureau 204/);
    const attachment = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar');
    expect(attachment).toBeDefined();
    const ics = attachment?.content.toString('utf8') ?? '';
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(parseIcs(ics).find((p) => p.name === 'DTSTART')?.value).toBe('20260305T193000Z');
    expect(parseIcs(ics).find((p) => p.name === 'UID')?.value).toBe(`${meetingId}@rempart.test`);
    const sent = await t.ctx.db.selectFrom('mail_messages').select(['status']).where('template', '=', 'meeting_invitation').execute();
    expect(sent.every((m) => m.status === 'sent')).toBe(true);
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'meeting_invitation')
      .where('case_id', '=', caseId)
      .execute();
    expect(notes.map((n) => n.user_id).sort()).toEqual([org.staffA.id, org.dg.id].sort());
  });

  it('sends the .ics again when a failed invitation is retried (the outbox keeps no attachment)', async () => {
    // The relay is down for the first send.
    const mailer = t.ctx.mailer;
    (t.ctx as { mailer: Mailer }).mailer = {
      kind: 'smtp',
      async send() {
        throw new Error('connect ECONNREFUSED 127.0.0.1:25');
      },
      async close() {},
    };
    let failedId = '';
    try {
      const res = await post(org.supA, `/api/v1/records/${meetingId}/invite`, { userIds: [org.dg.id] });
      expect(res.json().invited).toEqual([{ userId: org.dg.id, status: 'failed' }]);
      const failed = await t.ctx.db
        .selectFrom('mail_messages')
        .select('id')
        .where('template', '=', 'meeting_invitation')
        .where('status', '=', 'failed')
        .executeTakeFirstOrThrow();
      failedId = failed.id;
    } finally {
      (t.ctx as { mailer: Mailer }).mailer = mailer;
    }
    const seen = t.smtp.messages.length;
    expect((await retryFailedMail(t.ctx, failedId)).status).toBe('sent');
    const mail = await t.smtp.waitFor((m) => t.smtp.messages.indexOf(m) >= seen && m.to.includes(org.dg.email));
    const ics = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar')?.content.toString('utf8') ?? '';
    expect(parseIcs(ics).find((p) => p.name === 'UID')?.value).toBe(`${meetingId}@rempart.test`);
    expect(mail.parsed.attachments.find((a) => a.contentType === 'text/calendar')?.filename).toBe(`rencontre-${reference}.ics`);
  });

  it('refuses to invite someone outside the case, or from the union, and sends nothing', async () => {
    const mailsBefore = (await t.ctx.db.selectFrom('mail_messages').select('id').execute()).length;
    const before = await ledgerCount();
    const outsider = await post(org.supA, `/api/v1/records/${meetingId}/invite`, { userIds: [org.dg.id, org.staffB.id] });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.fields).toEqual([{ path: 'userIds.1', message: 'Cette personne ne participe pas au dossier.' }]);
    expect((await post(org.union, `/api/v1/records/${meetingId}/invite`, { userIds: [org.dg.id] })).statusCode).toBe(403);
    expect((await t.ctx.db.selectFrom('mail_messages').select('id').execute()).length).toBe(mailsBefore);
    expect(await ledgerCount()).toBe(before);
  });
});

describe('hostile input', () => {
  it('answers 4xx with field paths and writes nothing', async () => {
    const other = await buildOrganisation(t.ctx);
    const stranger = await buildUser(t.ctx, { organisationId: other.id, roles: [{ role: 'general_direction', isPrimary: true }] });
    await as(stranger);
    const before = await ledgerCount();
    const recordsBefore = (await t.ctx.db.selectFrom('case_records').select('id').where('case_id', '=', caseId).execute()).length;
    const url = `/api/v1/cases/${caseId}/records`;
    const cases: Array<[unknown, number, string?]> = [
      [{ type: 'diary', data: { text: 'x' } }, 400, 'type'],
      [{ type: 'note', data: { text: 'x'.repeat(20_001) } }, 400, 'data.text'],
      [{ type: 'note', data: { text: '' } }, 400, 'data.text'],
      [{ type: 'note', data: { text: 'ok', html: '<script>' } }, 400, 'data.html'],
      [{ type: 'meeting', data: { ...samples.meeting, attendees: Array.from({ length: 21 }, (_, i) => `P${i}`) } }, 400, 'data.attendees'],
      [{ type: 'meeting', data: { ...samples.meeting, occurredAt: 'demain' } }, 400, 'data.occurredAt'],
      [
        { type: 'meeting', data: { ...samples.meeting, withInstigator: '00000000-0000-4000-8000-000000000000' } },
        400,
        'data.withInstigator',
      ],
      [{ type: 'police_report', data: { service: 'SQ', reportedAt: '2026-02-30' } }, 400, 'data.reportedAt'],
      [{ type: 'instigator', data: { kind: 'alien' } }, 400, 'data.kind'],
      [{ type: 'note', data: { text: 'x' }, author: org.dg.id }, 400, 'author'],
    ];
    for (const [payload, status, path] of cases) {
      const r = await post(org.supA, url, payload);
      expect(r.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(status);
      expect(r.json().error.message).toBeTruthy();
      if (path) expect(r.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    const huge = await post(org.supA, url, { type: 'note', data: { text: 'x'.repeat(1_100_000) } });
    expect(huge.statusCode).toBe(413);
    // Several meetings share the same (manual) clock instant, so list order is not fixed: use the
    // listed record's own version, so only the wrong shape can be refused.
    const meeting = (await get(org.supA, `${url}?type=meeting`)).json()[0] as { id: string; version: number };
    const wrongShape = await patch(org.supA, `/api/v1/records/${meeting.id}`, {
      data: { text: 'not a meeting' },
      version: meeting.version,
    });
    expect(wrongShape.statusCode).toBe(400);
    expect(wrongShape.json().error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['data.occurredAt', 'data.text']),
    );
    expect((await get(org.supA, `${url}?type=diary`)).statusCode).toBe(400);
    expect((await get(org.supA, '/api/v1/records/not-a-uuid')).statusCode).toBe(404);
    expect((await get(org.supA, '/api/v1/records/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    // Someone from another organisation sees nothing, even with the ids.
    expect((await post(stranger, url, { type: 'note', data: { text: 'intrus' } })).statusCode).toBe(404);
    expect((await get(stranger, url)).statusCode).toBe(404);
    expect(await ledgerCount()).toBe(before);
    expect((await t.ctx.db.selectFrom('case_records').select('id').where('case_id', '=', caseId).execute()).length).toBe(recordsBefore);
    expect((await verifyLedger(t.ctx.db)).ok).toBe(true);
  });
});

describe('OpenAPI', () => {
  it('documents the records, participants, timeline and notifications routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/v1/cases/{id}/records',
      '/api/v1/records/{id}',
      '/api/v1/records/{id}/versions',
      '/api/v1/records/{id}/approve',
      '/api/v1/records/{id}/ics',
      '/api/v1/records/{id}/invite',
      '/api/v1/cases/{id}/participants',
      '/api/v1/cases/{id}/participants/{userId}/{role}',
      '/api/v1/cases/{id}/grants',
      '/api/v1/grants/{id}',
      '/api/v1/cases/{id}/access-log',
      '/api/v1/cases/{id}/timeline',
      '/api/v1/notifications',
      '/api/v1/notifications/unread-count',
      '/api/v1/notifications/read',
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect(doc.components.schemas.CaseRecord).toBeDefined();
  });
});
