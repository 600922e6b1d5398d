// Removal requests through the API: drafts with generated texts per provider and ground, the
// consent gate, the evidence gate and its override, the status machine with the removal proof,
// steps 4.3.2 and 4.3.3, follow-ups and reminders with a moved clock, the report package (HTML
// and ZIP with SHA256SUMS), the mandate letter (PDF) and its signed scan, RDAP abuse contacts
// against a local RDAP server, help organisations, the account-recovery checklist, and access.
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { asBrowser, loginCookie } from '../../../tests/support/builders.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';
import { startTestRdap, type TestRdap } from '../../../tests/support/rdap.js';
import { sealEvidence } from '../../app/evidence/seal-evidence.js';
import type { ManifestArtefact } from '../../domain/evidence/manifest.js';
import { loadProviderDirectory } from '../../app/takedowns/load-provider-directory.js';
import { sendTakedownReminders } from '../../app/takedowns/send-takedown-reminders.js';
import { verifyLedger } from '../../adapters/db/ledger.js';
import { ManualClock } from '../../domain/clock.js';

// Tuesday 3 March 2026, 10:00 in Toronto.
const START = '2026-03-03T15:00:00Z';
const clock = new ManualClock(START);
let t: TestApp;
let org: TestOrg;
let rdap: TestRdap;
const cookies = new Map<string, string>();
type User = { email: string; password: string };

/** Moves the clock; sessions are opened again (they expire with time). */
function setClock(at: string): void {
  clock.set(at);
  cookies.clear();
}

async function as(user: User): Promise<Record<string, string>> {
  let c = cookies.get(user.email);
  if (!c) {
    c = await loginCookie(t.app, user);
    cookies.set(user.email, c);
  }
  return asBrowser(c);
}

async function call(user: User, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: await as(user),
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

interface Location {
  id: string;
  url: string;
  providerId: string | null;
}

/** A case reported by staff A, with IT joined (4.2.2 done by the supervisor). */
async function openCase(
  urls: string[],
  flags: Record<string, boolean> = {},
): Promise<{ id: string; reference: string; locations: Location[] }> {
  // Locations come back in the order given (the API sorts them by time, then URL).
  const res = await call(org.staffA, 'POST', '/api/v1/cases', { summary: 'Un parent publie des propos sur moi.', urls, flags });
  expect(res.statusCode).toBe(201);
  const body = res.json();
  const t422 = body.tasks.find((x: { stepKey: string }) => x.stepKey === '4.2.2');
  expect((await call(org.supA, 'PATCH', `/api/v1/tasks/${t422.id}`, { status: 'done' })).statusCode).toBe(200);
  const locations = urls.map((u) => (body.locations as Location[]).find((l) => l.url === u));
  if (locations.some((l) => l === undefined)) throw new Error('location missing');
  return { id: body.id, reference: body.reference, locations: locations as Location[] };
}

interface Sealed {
  evidenceId: string;
  manifestSha256: string;
  artefacts: Array<{ sha256: string; bytes: Buffer; filename: string }>;
}

/** A sealed server capture of a location: a screenshot and the HTML, bytes in the blob store. */
async function seal(caseId: string, location: Location): Promise<Sealed> {
  const now = clock.now();
  const evidence = await t.ctx.db
    .insertInto('evidence')
    .values({
      case_id: caseId,
      location_id: location.id,
      source: 'capture',
      status: 'capturing',
      source_url: location.url,
      requested_by: org.it.id,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);
  const html = Buffer.from(`<html><body>${location.url} ${randomBytes(8).toString('hex')}</body></html>`);
  const files = [
    { kind: 'screenshot' as const, mediaType: 'image/png', bytes: png, filename: 'screenshot.png' },
    { kind: 'html' as const, mediaType: 'text/html', bytes: html, filename: 'page.html' },
  ];
  const artefacts: ManifestArtefact[] = [];
  for (const f of files) {
    const stored = await t.ctx.blobs.put(Readable.from([f.bytes]));
    artefacts.push({ kind: f.kind, mediaType: f.mediaType, size: stored.size, sha256: stored.sha256, filename: f.filename });
  }
  const { manifestSha256 } = await t.ctx.db.transaction().execute((tx) =>
    sealEvidence(tx, t.ctx, {
      evidence,
      artefacts,
      details: { captureStartedAt: now, captureEndedAt: new Date(now.getTime() + 5000) },
      store: t.ctx.blobs.kind,
    }),
  );
  return {
    evidenceId: evidence.id,
    manifestSha256,
    artefacts: files.map((f, i) => ({ sha256: artefacts[i]?.sha256 ?? '', bytes: f.bytes, filename: f.filename })),
  };
}

async function consent(granted: boolean, caseId: string) {
  const res = await call(org.staffA, 'POST', `/api/v1/cases/${caseId}/consents`, {
    purpose: 'takedown',
    granted,
    password: org.staffA.password,
  });
  expect(res.statusCode).toBe(201);
}

async function draft(caseId: string, body: Record<string, unknown>) {
  return call(org.it, 'POST', `/api/v1/cases/${caseId}/takedowns`, body);
}

async function readZip(buf: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, z) => (err || !z ? reject(err) : resolve(z))),
  );
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return out;
}

/** The text a PDF shows: glyph ids of Tj operators mapped through the fonts' ToUnicode CMaps. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  const re = /<<([\s\S]*?)>>\s*stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    const bytes = Buffer.from(raw.slice(start, end), 'latin1');
    try {
      streams.push((m[1] ?? '').includes('/FlateDecode') ? inflateSync(bytes).toString('latin1') : bytes.toString('latin1'));
    } catch {
      // an image or a font program
    }
  }
  const map = new Map<string, string>();
  for (const s of streams.filter((x) => x.includes('begincmap'))) {
    for (const m of s.matchAll(/<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,8})>/g)) {
      // UTF-16BE: a ligature glyph (ff, fi) maps to several characters.
      const units = (m[2] ?? '').match(/.{4}/g) ?? [];
      map.set((m[1] ?? '').toUpperCase(), String.fromCharCode(...units.map((x) => Number.parseInt(x, 16))));
    }
  }
  const lines: string[] = [];
  for (const s of streams.filter((x) => x.includes(' Tj'))) {
    for (const m of s.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) {
      const hex = m[1] ?? '';
      let line = '';
      for (let i = 0; i < hex.length; i += 4) line += map.get(hex.slice(i, i + 4).toUpperCase()) ?? '?';
      lines.push(line);
    }
  }
  return lines.join('\n');
}

beforeAll(async () => {
  rdap = await startTestRdap();
  t = await createTestApp({ clock, env: { RDAP_BASE_URL: rdap.url } });
  await loadProviderDirectory(t.ctx);
  org = await buildTestOrg(t.ctx);
});
afterAll(async () => {
  await t?.close();
  await rdap?.close();
});

describe('removal requests', () => {
  let c: Awaited<ReturnType<typeof openCase>>;
  let fb1: Location;
  let fb2: Location;
  let yt: Location;
  let bare: Location;
  const sealed = new Map<string, Sealed>();
  let requestId = '';

  beforeAll(async () => {
    const u = randomBytes(4).toString('hex');
    c = await openCase([
      `https://www.facebook.com/groups/${u}/posts/1/`,
      `https://m.facebook.com/story.php?story_fbid=${u}&id=2`,
      `https://youtu.be/${u}`,
      `https://x.com/someone/status/${u}`,
    ]);
    [fb1, fb2, yt, bare] = c.locations as [Location, Location, Location, Location];
    for (const l of [fb1, fb2, yt]) sealed.set(l.id, await seal(c.id, l));
  });

  it('recognises each location’s provider when it is added', () => {
    expect(c.locations.map((l) => l.providerId)).toEqual(['facebook', 'facebook', 'youtube', 'x']);
  });

  it('prepares a draft whose texts cite every URL, capture date (time zone) and hash, in French and English', async () => {
    const res = await draft(c.id, { locationIds: [fb1.id, fb2.id], providerId: 'facebook', ground: 'harassment' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    requestId = body.id;
    expect(body).toMatchObject({
      status: 'draft',
      providerId: 'facebook',
      providerName: 'Facebook (Meta)',
      ground: 'harassment',
      caseReference: c.reference,
    });
    expect(body.channel).toMatch(/^https:\/\/www\.facebook\.com\/help\//);
    for (const text of [body.texts['fr-CA'], body.texts.en]) {
      for (const l of [fb1, fb2]) {
        expect(text).toContain(l.url);
        const s = sealed.get(l.id);
        expect(text).toContain(s?.manifestSha256);
        for (const a of s?.artefacts ?? []) expect(text).toContain(a.sha256);
      }
      expect(text).toContain('America/Toronto, UTC−05:00');
      expect(text).toContain('Facebook (Meta)');
      expect(text).toContain('264');
    }
    expect(body.texts['fr-CA']).toContain('3 mars 2026 à 10 h 00');
    expect(body.texts['fr-CA']).toContain('Objet : Demande de retrait de contenu de harcèlement');
    expect(body.texts.en).toContain('March 3, 2026 at 10:00 AM');
    expect(body.text).toBe(body.texts['fr-CA']);
    expect(body.locations.map((l: { evidence: unknown[] }) => l.evidence.length)).toEqual([1, 1]);
    expect(body.warnings.map((w: { code: string }) => w.code)).toContain('consent_missing');
    expect(body.nextStatuses).toEqual(['submitted']);
  });

  it('writes a different text for another provider and for another ground', async () => {
    const yt1 = (await draft(c.id, { locationIds: [yt.id], providerId: 'youtube', ground: 'harassment' })).json();
    const fbDefamation = (await draft(c.id, { locationIds: [yt.id], providerId: 'facebook', ground: 'defamation' })).json();
    const ytPrivacy = (await draft(c.id, { locationIds: [yt.id], providerId: 'youtube', ground: 'privacy' })).json();
    const google = (await draft(c.id, { locationIds: [yt.id], providerId: 'google_search', ground: 'privacy' })).json();
    const texts = [yt1, fbDefamation, ytPrivacy, google].map((b) => b.texts['fr-CA']);
    expect(new Set(texts).size).toBe(4);
    expect(new Set([yt1, fbDefamation, ytPrivacy, google].map((b) => b.texts.en)).size).toBe(4);
    expect(yt1.texts['fr-CA']).toContain('YouTube (Google)');
    expect(yt1.texts['fr-CA']).toContain('art. 264');
    expect(fbDefamation.texts['fr-CA']).toContain('art. 298 à 300');
    expect(fbDefamation.texts.en).toContain('Country whose laws are breached: Canada (Québec)');
    expect(ytPrivacy.texts.en).toContain('s. 5');
    expect(google.texts.en).toContain('de-list');
    for (const b of [yt1, fbDefamation, ytPrivacy, google]) {
      expect(b.texts['fr-CA']).toContain(yt.url);
      expect(b.texts.en).toContain(sealed.get(yt.id)?.manifestSha256);
    }
  });

  it('refuses to submit without the staff member’s takedown consent (409 consent_required)', async () => {
    const res = await call(org.it, 'PATCH', `/api/v1/takedowns/${requestId}`, { status: 'submitted' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('consent_required');
    expect((await call(org.it, 'GET', `/api/v1/takedowns/${requestId}`)).json().status).toBe('draft');
  });

  it('asks the staff member for consent inside Rempart: a notice and a mail with the consent link, not twice in 12 hours', async () => {
    const url = `/api/v1/cases/${c.id}/takedowns/consent-request`;
    // Only those who act on removal requests ask; the staff member answers, they do not ask.
    expect((await call(org.staffA, 'POST', url)).statusCode).toBe(403);
    const res = await call(org.it, 'POST', url);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ requestedAt: clock.now().toISOString() });
    const notices = await t.ctx.db
      .selectFrom('notifications')
      .select(['kind', 'params'])
      .where('user_id', '=', org.staffA.id)
      .where('case_id', '=', c.id)
      .where('kind', '=', 'takedown_consent_requested')
      .execute();
    expect(notices).toHaveLength(1);
    await t.runJobs();
    const mail = await t.smtp.waitFor((m) => m.to.includes(org.staffA.email) && m.subject.includes('votre réponse est demandée'));
    expect(mail.subject).toBe(`Dossier ${c.reference} : votre réponse est demandée`);
    expect(mail.text).toContain(`/dossiers/${c.id}/retraits/consentement`);
    // The mail says nothing of the facts.
    expect(mail.text).not.toContain('parent publie');
    const again = await call(org.it, 'POST', url);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('12 dernières heures');
    const timeline = (await call(org.staffA, 'GET', `/api/v1/cases/${c.id}/timeline`)).json() as { items: Array<{ text: string }> };
    expect(timeline.items.map((i) => i.text).join('\n')).toMatch(/a demandé à .+ son consentement aux demandes de retrait/);
  });

  it('submits once the consent is given, recording who, when, the channel, the text sent and the reference; 4.3.2 is done', async () => {
    await consent(true, c.id);
    const asked = await call(org.it, 'POST', `/api/v1/cases/${c.id}/takedowns/consent-request`);
    expect(asked.statusCode).toBe(409);
    expect(asked.json().error.message).toContain('déjà donné son consentement');
    setClock('2026-03-03T16:00:00Z');
    const edited = await call(org.it, 'PATCH', `/api/v1/takedowns/${requestId}`, {
      text: 'Texte revu avant envoi.\nhttps://example',
      textLocale: 'fr-CA',
    });
    expect(edited.json()).toMatchObject({ textEdited: true, text: 'Texte revu avant envoi.\nhttps://example' });
    const back = await call(org.it, 'PATCH', `/api/v1/takedowns/${requestId}`, { regenerate: true });
    expect(back.json().textEdited).toBe(false);
    const res = await call(org.it, 'PATCH', `/api/v1/takedowns/${requestId}`, {
      status: 'submitted',
      referenceNumber: 'FB-123456',
      note: 'Envoyé par le formulaire.',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'submitted',
      referenceNumber: 'FB-123456',
      submittedAt: '2026-03-03T16:00:00.000Z',
      submittedByName: expect.any(String),
    });
    expect(body.sentText).toBe(body.texts['fr-CA']);
    expect(body.nextReminderAt).toBe('2026-03-10T16:00:00.000Z');
    expect(body.followups.map((f: { kind: string }) => f.kind)).toEqual(['status_changed', 'note']);
    expect(body.nextStatuses).toEqual(['acknowledged', 'removed', 'refused', 'no_response']);
    const tasks = (await call(org.it, 'GET', `/api/v1/cases/${c.id}/tasks`)).json();
    const t432 = tasks.filter((x: { stepKey: string }) => x.stepKey === '4.3.2');
    expect(
      t432
        .filter((x: { locationId: string }) => [fb1.id, fb2.id].includes(x.locationId))
        .map((x: { status: string; completedBySystem: boolean }) => [x.status, x.completedBySystem]),
    ).toEqual([
      ['done', true],
      ['done', true],
    ]);
    expect(t432.find((x: { locationId: string }) => x.locationId === yt.id).status).toBe('open');
    // The text sent can no longer change.
    const late = await call(org.it, 'PATCH', `/api/v1/takedowns/${requestId}`, { text: 'autre' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('invalid_transition');
  });

  it('blocks a location without sealed evidence (409 evidence_required) unless a reason is given', async () => {
    const created = (await draft(c.id, { locationIds: [bare.id], providerId: 'x', ground: 'impersonation' })).json();
    expect(created.warnings.map((w: { code: string }) => w.code)).toContain('evidence_missing');
    expect(created.texts['fr-CA']).toContain('Aucune capture scellée');
    const blocked = await call(org.it, 'PATCH', `/api/v1/takedowns/${created.id}`, { status: 'submitted' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toMatchObject({ code: 'evidence_required' });
    expect(blocked.json().error.message).toMatch(/preuve scellée/);
    const ok = await call(org.it, 'PATCH', `/api/v1/takedowns/${created.id}`, {
      status: 'submitted',
      overrideReason: 'Menace imminente : retrait demandé avant la capture.',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'submitted', overrideReason: 'Menace imminente : retrait demandé avant la capture.' });
    const entry = await t.ctx.db
      .selectFrom('ledger_entries')
      .select('body')
      .where('action', '=', 'takedown.submitted')
      .where('case_id', '=', c.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.body).toMatchObject({ data: { overridden: true, overrideReasonDigest: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(JSON.stringify(entry.body)).not.toContain('Menace');
  });

  it('refuses invalid transitions (409 invalid_transition)', async () => {
    const d = (await draft(c.id, { locationIds: [yt.id], providerId: 'youtube', ground: 'harassment' })).json();
    for (const status of ['acknowledged', 'removed', 'refused', 'no_response']) {
      const res = await call(org.it, 'PATCH', `/api/v1/takedowns/${d.id}`, {
        status,
        ...(status === 'removed' ? { confirmation: { note: 'Vu disparu.' } } : {}),
      });
      expect(res.statusCode, status).toBe(409);
      expect(res.json().error.code).toBe('invalid_transition');
    }
    await call(org.it, 'PATCH', `/api/v1/takedowns/${d.id}`, { status: 'submitted' });
    const refused = await call(org.it, 'PATCH', `/api/v1/takedowns/${d.id}`, { status: 'refused', note: 'Le fournisseur refuse.' });
    expect(refused.json()).toMatchObject({ status: 'refused', nextStatuses: [], nextReminderAt: null });
    for (const status of ['submitted', 'acknowledged', 'draft']) {
      expect((await call(org.it, 'PATCH', `/api/v1/takedowns/${d.id}`, { status })).json().error.code).toBe('invalid_transition');
    }
    const stale = await call(org.it, 'PATCH', `/api/v1/takedowns/${d.id}`, { note: 'x', version: 1 });
    expect(stale.json().error.code).toBe('stale_version');
  });

  it('records removed only after a re-check found it gone or a person confirmed it; 4.3.3 then closes', async () => {
    const tasksBefore = (await call(org.it, 'GET', `/api/v1/cases/${c.id}/tasks`)).json();
    const t433 = tasksBefore.filter((x: { stepKey: string }) => x.stepKey === '4.3.3');
    expect(t433).toHaveLength(4);
    expect(t433.every((x: { status: string }) => x.status === 'open')).toBe(true);

    expect((await call(org.it, 'PATCH', `/api/v1/takedowns/${requestId}`, { status: 'acknowledged' })).json().status).toBe('acknowledged');
    const unproven = await call(org.it, 'PATCH', `/api/v1/takedowns/${requestId}`, { status: 'removed' });
    expect(unproven.statusCode).toBe(409);
    expect(unproven.json().error.code).toBe('invalid_transition');
    // The re-check job found one of the two gone: not enough.
    await t.ctx.db.updateTable('locations').set({ status: 'removed', last_checked_at: clock.now() }).where('id', '=', fb1.id).execute();
    expect((await call(org.it, 'PATCH', `/api/v1/takedowns/${requestId}`, { status: 'removed' })).statusCode).toBe(409);
    await t.ctx.db.updateTable('locations').set({ status: 'removed', last_checked_at: clock.now() }).where('id', '=', fb2.id).execute();
    const removed = await call(org.it, 'PATCH', `/api/v1/takedowns/${requestId}`, { status: 'removed' });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ status: 'removed', removalBasis: 'recheck', nextReminderAt: null });
    const tasks = (await call(org.it, 'GET', `/api/v1/cases/${c.id}/tasks`)).json();
    const closed = tasks.filter(
      (x: { stepKey: string; locationId: string }) => x.stepKey === '4.3.3' && [fb1.id, fb2.id].includes(x.locationId),
    );
    expect(closed.map((x: { status: string; completedBySystem: boolean }) => [x.status, x.completedBySystem])).toEqual([
      ['done', true],
      ['done', true],
    ]);
    expect(tasks.find((x: { stepKey: string; locationId: string }) => x.stepKey === '4.3.3' && x.locationId === yt.id).status).toBe('open');
    const ledger = await t.ctx.db
      .selectFrom('ledger_entries')
      .select('body')
      .where('action', '=', 'task.done')
      .where('case_id', '=', c.id)
      .execute();
    expect(ledger.filter((e) => (e.body.data as Record<string, unknown>).takedownRequestId === requestId).length).toBe(4); // 2 × 4.3.2, 2 × 4.3.3

    // A person's confirmation with a note, for the YouTube location.
    const ytReq = (await draft(c.id, { locationIds: [yt.id], providerId: 'youtube', ground: 'harassment' })).json();
    await call(org.it, 'PATCH', `/api/v1/takedowns/${ytReq.id}`, { status: 'submitted' });
    const noNote = await call(org.it, 'PATCH', `/api/v1/takedowns/${ytReq.id}`, { status: 'removed', confirmation: { note: '' } });
    expect(noNote.statusCode).toBe(400);
    const confirmed = await call(org.it, 'PATCH', `/api/v1/takedowns/${ytReq.id}`, {
      status: 'removed',
      confirmation: { note: 'Vidéo indisponible vérifiée à 14 h.' },
    });
    expect(confirmed.json()).toMatchObject({
      status: 'removed',
      removalBasis: 'confirmation',
      confirmationNote: 'Vidéo indisponible vérifiée à 14 h.',
    });
    expect(confirmed.json().locations[0].status).toBe('removed');
    const after = (await call(org.it, 'GET', `/api/v1/cases/${c.id}/tasks`)).json();
    expect(after.find((x: { stepKey: string; locationId: string }) => x.stepKey === '4.3.3' && x.locationId === yt.id).status).toBe('done');
    expect((await verifyLedger(t.ctx.db)).ok).toBe(true);
  });

  it('lists the case’s requests and takes follow-ups; a reply restarts the reminder delay', async () => {
    const list = (await call(org.it, 'GET', `/api/v1/cases/${c.id}/takedowns`)).json();
    expect(list.items.length).toBeGreaterThanOrEqual(7);
    const waiting = list.items.find((x: { status: string }) => x.status === 'submitted');
    setClock('2026-03-05T15:00:00Z');
    const reply = await call(org.it, 'POST', `/api/v1/takedowns/${waiting.id}/followups`, {
      kind: 'provider_reply',
      note: 'Réponse automatique reçue.',
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().nextReminderAt).toBe('2026-03-12T15:00:00.000Z');
    const draftOne = list.items.find((x: { status: string }) => x.status === 'draft');
    const bad = await call(org.it, 'POST', `/api/v1/takedowns/${draftOne.id}/followups`, { kind: 'reminder_sent', note: 'relance' });
    expect(bad.statusCode).toBe(409);
    expect((await call(org.it, 'POST', `/api/v1/takedowns/${draftOne.id}/followups`, { kind: 'note', note: 'À revoir' })).statusCode).toBe(
      201,
    );
  });

  it('builds the report package: numbered steps for the channel, the text, the evidence files', async () => {
    const html = await call(org.staffA, 'GET', `/api/v1/takedowns/${requestId}/package?format=html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-security-policy']).toContain('sandbox');
    expect(html.body).toContain('<ol>');
    expect(html.body).toContain('Trousse de signalement : Facebook (Meta)');
    expect(html.body).toContain('https://www.facebook.com/help/');
    expect(html.body).toContain(sealed.get(fb1.id)?.artefacts[0]?.sha256);
    expect(html.body).toContain('Texte à coller');

    const zipRes = await call(org.it, 'GET', `/api/v1/takedowns/${requestId}/package?format=zip&locale=en`);
    expect(zipRes.statusCode).toBe(200);
    expect(zipRes.headers['content-type']).toBe('application/zip');
    expect(zipRes.headers['content-disposition']).toMatch(/^attachment; filename="rempart-RMP-2026-\d+-facebook-/);
    const files = await readZip(zipRes.rawPayload);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['package.html', 'SHA256SUMS', 'request-fr-CA.txt']));
    const evidenceFiles = [...files.keys()].filter((k) => k.startsWith('evidence/'));
    expect(evidenceFiles).toHaveLength(4);
    const sums = (files.get('SHA256SUMS')?.toString('utf8') ?? '').trim().split('\n');
    expect(sums.length).toBe(files.size - 1);
    for (const line of sums) {
      const [hash, name] = line.split('  ') as [string, string];
      const bytes = files.get(name);
      expect(bytes, name).toBeDefined();
      expect(
        createHash('sha256')
          .update(bytes ?? Buffer.alloc(0))
          .digest('hex'),
        name,
      ).toBe(hash);
    }
    const expected = [fb1, fb2].flatMap((l) => sealed.get(l.id)?.artefacts ?? []);
    for (const a of expected) expect(sums.some((l) => l.startsWith(`${a.sha256}  evidence/`))).toBe(true);
    expect(files.get('package.html')?.toString('utf8')).toContain('Report package: Facebook (Meta)');
    const exports = await t.ctx.db
      .selectFrom('ledger_entries')
      .select('body')
      .where('action', '=', 'takedown.package_exported')
      .where('case_id', '=', c.id)
      .orderBy('seq')
      .execute();
    expect(exports.map((e) => (e.body.data as { format: string }).format)).toEqual(['html', 'zip']);
  });

  it('produces the mandate letter (PDF, French and English) naming the person, the board and the URLs', async () => {
    const res = await call(org.staffA, 'GET', `/api/v1/takedowns/${requestId}/mandate.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(2);
    const person = await t.ctx.db.selectFrom('persons').select('full_name').where('id', '=', org.staffA.personId).executeTakeFirstOrThrow();
    const orgName = await t.ctx.db
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', org.organisationId)
      .executeTakeFirstOrThrow();
    expect(doc.getTitle()).toContain(person.full_name);
    const text = pdfText(pdf);
    expect(text).toContain('Mandat de représentation');
    expect(text).toContain('Authorisation to act as representative');
    expect(text).toContain(person.full_name);
    expect(text).toContain(orgName.name);
    expect(text).toContain('Facebook (Meta)');
    for (const l of [fb1, fb2]) expect(text).toContain(l.url);
    expect(text).toMatch(/Signature de la personne visée : _+/);
    expect(text).toContain('Date');
  });

  it('keeps the signed mandate scan with the request; a non-scan or an empty file is refused', async () => {
    const boundary = '----rempart-test';
    const multipart = (name: string, bytes: Buffer, type: string) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const upload = async (name: string, bytes: Buffer, type: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/takedowns/${requestId}/mandate`,
        headers: { ...(await as(org.staffA)), 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: multipart(name, bytes, type),
      });
    const scan = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(500), Buffer.from('\n%%EOF\n')]);
    const ok = await upload('mandat signé.pdf', scan, 'application/pdf');
    expect(ok.statusCode).toBe(201);
    const mandate = ok.json().mandates[0];
    expect(mandate).toMatchObject({
      mediaType: 'application/pdf',
      size: scan.length,
      sha256: createHash('sha256').update(scan).digest('hex'),
    });
    expect(mandate.filename).toMatch(/\.pdf$/);
    expect((await upload('case-cochee.txt', Buffer.from('[x] je suis d’accord'), 'text/plain')).statusCode).toBe(415);
    expect((await upload('vide.pdf', Buffer.alloc(0), 'application/pdf')).statusCode).toBe(422);
    const files = await readZip((await call(org.it, 'GET', `/api/v1/takedowns/${requestId}/package?format=zip`)).rawPayload);
    expect([...files.keys()].some((k) => k.startsWith('mandate/'))).toBe(true);
  });

  it('hides requests from another unit’s staff (404); the staff member reads but does not act', async () => {
    for (const url of [
      `/api/v1/takedowns/${requestId}`,
      `/api/v1/takedowns/${requestId}/package`,
      `/api/v1/takedowns/${requestId}/mandate.pdf`,
      `/api/v1/cases/${c.id}/takedowns`,
      `/api/v1/cases/${c.id}/help`,
    ]) {
      expect((await call(org.staffB, 'GET', url)).statusCode, url).toBe(404);
    }
    expect((await call(org.staffB, 'PATCH', `/api/v1/takedowns/${requestId}`, { note: 'x' })).statusCode).toBe(404);
    expect(
      (
        await call(org.staffB, 'POST', `/api/v1/cases/${c.id}/takedowns`, {
          locationIds: [yt.id],
          providerId: 'youtube',
          ground: 'harassment',
        })
      ).statusCode,
    ).toBe(404);
    expect((await call(org.staffA, 'GET', `/api/v1/takedowns/${requestId}`)).json().viewer).toEqual({ canAct: false, canFile: true });
    expect((await call(org.staffA, 'PATCH', `/api/v1/takedowns/${requestId}`, { note: 'x' })).statusCode).toBe(403);
    expect(
      (
        await call(org.staffA, 'POST', `/api/v1/cases/${c.id}/takedowns`, {
          locationIds: [yt.id],
          providerId: 'youtube',
          ground: 'harassment',
        })
      ).statusCode,
    ).toBe(403);
    expect((await call(org.committee, 'GET', `/api/v1/takedowns/${requestId}`)).statusCode).toBe(404);
    expect((await call(org.it, 'GET', '/api/v1/takedowns/not-a-uuid')).statusCode).toBe(404);
  });

  it('rejects unknown providers, foreign locations and grounds with field errors', async () => {
    const other = await openCase([`https://www.tiktok.com/@u/video/${randomBytes(3).toString('hex')}`]);
    const foreign = await draft(c.id, { locationIds: [other.locations[0]?.id], providerId: 'tiktok', ground: 'harassment' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields[0].path).toBe('locationIds');
    expect(
      (await draft(c.id, { locationIds: [yt.id], providerId: 'nope_provider', ground: 'harassment' })).json().error.fields[0].path,
    ).toBe('providerId');
    expect((await draft(c.id, { locationIds: [yt.id], providerId: 'youtube', ground: 'gossip' })).statusCode).toBe(400);
  });
});

describe('consent revocation and reminders', () => {
  it('reminds the author and IT after the organisation’s delay; revoked consent stops reminders on drafts only', async () => {
    setClock(START);
    const admin = await loginCookie(t.app, org.admin);
    const set = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/admin/takedown-settings',
      headers: asBrowser(admin),
      payload: { reminderDays: 3 },
    });
    expect(set.json()).toEqual({ reminderDays: 3 });
    const u = randomBytes(4).toString('hex');
    const c = await openCase([`https://www.instagram.com/p/${u}/`, `https://www.tiktok.com/@x/video/${u}`]);
    const [ig, tk] = c.locations as [Location, Location];
    await seal(c.id, ig);
    await seal(c.id, tk);
    await consent(true, c.id);
    const sent = (await draft(c.id, { locationIds: [ig.id], providerId: 'instagram', ground: 'harassment' })).json();
    await call(org.it, 'PATCH', `/api/v1/takedowns/${sent.id}`, { status: 'submitted' });
    const waitingDraft = (await draft(c.id, { locationIds: [tk.id], providerId: 'tiktok', ground: 'harassment' })).json();
    expect(waitingDraft.nextReminderAt).toBe('2026-03-06T15:00:00.000Z');
    clock.advance(60_000);
    await consent(false, c.id);
    // The consent is gone: drafts cannot be sent, the one already sent goes on.
    expect((await call(org.it, 'PATCH', `/api/v1/takedowns/${waitingDraft.id}`, { status: 'submitted' })).json().error.code).toBe(
      'consent_required',
    );
    const tasks = (await call(org.it, 'GET', `/api/v1/cases/${c.id}/tasks`)).json();
    expect(
      tasks.filter((x: { stepKey: string }) => x.stepKey === '4.3.3').every((x: { status: string }) => x.status === 'not_applicable'),
    ).toBe(true);

    setClock('2026-03-05T15:00:00Z');
    expect((await sendTakedownReminders(t.ctx)).reminders).toBe(0);
    setClock('2026-03-06T15:00:01Z');
    await sendTakedownReminders(t.ctx);
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'kind', 'params'])
      .where('case_id', '=', c.id)
      .where('kind', '=', 'takedown_reminder')
      .execute();
    expect(notes.map((n) => n.params.takedownRequestId)).not.toContain(waitingDraft.id);
    expect(notes.filter((n) => n.params.takedownRequestId === sent.id).map((n) => n.user_id)).toEqual([org.it.id]);
    expect((await sendTakedownReminders(t.ctx)).reminders).toBe(0); // never twice
    await t.runJobs();
    const mail = await t.smtp.waitFor((m) => m.to.includes(org.it.email) && /sans réponse/.test(m.subject));
    expect(mail.text).toContain(c.reference);
    expect(mail.text).not.toContain('instagram.com');
    const view = (await call(org.it, 'GET', `/api/v1/takedowns/${sent.id}`)).json();
    expect(view).toMatchObject({ reminderCount: 1, nextReminderAt: '2026-03-09T15:00:01.000Z' });
    expect(view.followups.map((f: { kind: string }) => f.kind)).toContain('reminder_due');

    // Consent given again: the draft's reminders resume.
    await consent(true, c.id);
    setClock('2026-03-09T15:00:02Z');
    await sendTakedownReminders(t.ctx);
    const again = await t.ctx.db
      .selectFrom('notifications')
      .select('params')
      .where('case_id', '=', c.id)
      .where('kind', '=', 'takedown_reminder')
      .execute();
    expect(again.map((n) => n.params.takedownRequestId)).toContain(waitingDraft.id);
    setClock(START);
  });
});

describe('abuse contacts of web hosts (RDAP)', () => {
  it('finds the registrar’s and the network’s abuse desks through a local RDAP server, and uses them as the channel', async () => {
    const u = randomBytes(4).toString('hex');
    const c = await openCase([
      `https://blog.site-${u}.example/billet`,
      'http://93.184.215.14/page',
      `https://www.thin-${u}.example/a`,
      `https://www.unknown-${u}.example/x`,
    ]);
    expect(c.locations.map((l) => l.providerId)).toEqual(['web_host', 'web_host', 'web_host', 'web_host']);
    const [blog, ip, thin, unknown] = c.locations as [Location, Location, Location, Location];

    const empty = (await call(org.it, 'GET', `/api/v1/locations/${blog.id}/abuse-contact`)).json();
    expect(empty).toMatchObject({ lookedUpAt: null, answers: [], domain: `site-${u}.example` });

    const res = await call(org.it, 'POST', `/api/v1/locations/${blog.id}/abuse-contact`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.domain).toBe(`site-${u}.example`);
    const domain = body.answers.find((a: { kind: string }) => a.kind === 'domain');
    expect(domain).toMatchObject({
      status: 'ok',
      query: `site-${u}.example`,
      holder: 'Example Registrar, Inc.',
      objectName: `site-${u}.example`,
    });
    expect(domain.source).toBe(`${rdap.url}/registry/domain/site-${u}.example`);
    expect(domain.abuse).toEqual([{ of: 'registrar', name: null, emails: ['abuse@registrar.example'], phones: ['+1.5145550100'] }]);
    expect(body.guidance.join(' ')).toContain('abuse@registrar.example');
    expect(rdap.requests).toContain(`/domain/site-${u}.example`);

    const byIp = (await call(org.it, 'POST', `/api/v1/locations/${ip.id}/abuse-contact`)).json();
    expect(byIp.addresses).toEqual(['93.184.215.14']);
    expect(byIp.answers).toEqual([
      expect.objectContaining({
        kind: 'ip',
        status: 'ok',
        holder: 'Example Hosting Ltd',
        abuse: [{ of: 'network', name: 'Abuse Desk', emails: ['abuse@hosting.example'], phones: ['+1-514-555-0199'] }],
      }),
    ]);

    const thinBody = (await call(org.it, 'POST', `/api/v1/locations/${thin.id}/abuse-contact`)).json();
    expect(thinBody.answers[0].abuse[0].emails).toEqual(['abuse@thin-registrar.example']);

    const none = (await call(org.it, 'POST', `/api/v1/locations/${unknown.id}/abuse-contact`)).json();
    expect(none.answers[0]).toMatchObject({ status: 'not_found', abuse: [] });

    const stored = (await call(org.staffA, 'GET', `/api/v1/locations/${blog.id}/abuse-contact`)).json();
    expect(stored.lookedUpAt).toBe(clock.now().toISOString());
    expect((await call(org.staffA, 'POST', `/api/v1/locations/${blog.id}/abuse-contact`)).statusCode).toBe(403);
    expect((await call(org.staffB, 'GET', `/api/v1/locations/${blog.id}/abuse-contact`)).statusCode).toBe(404);

    const req = (await draft(c.id, { locationIds: [blog.id], providerId: 'web_host', ground: 'defamation' })).json();
    expect(req).toMatchObject({ channel: 'mailto:abuse@registrar.example', channelMethod: 'email' });
    expect(req.texts['fr-CA']).toContain(`blog.site-${u}.example`);
    expect(req.texts.en).toContain('acceptable use policy');
  });
});

describe('help organisations', () => {
  it('lists those that apply to the case’s flags and grounds', async () => {
    const plain = await openCase([`https://x.com/a/status/${randomBytes(3).toString('hex')}`]);
    const ids = async (caseId: string, q = '') =>
      (await call(org.staffA, 'GET', `/api/v1/cases/${caseId}/help${q}`)).json().items.map((i: { id: string }) => i.id);
    expect(await ids(plain.id)).toEqual(['cnesst']);
    expect(await ids(plain.id, '?ground=privacy')).toEqual(expect.arrayContaining(['cai', 'opc', 'cnesst']));
    const serious = await openCase([`https://x.com/b/status/${randomBytes(3).toString('hex')}`], {
      illegalOrSerious: true,
      studentInvolved: true,
    });
    const list = await ids(serious.id, '?ground=intimate_images');
    expect(list).toEqual(expect.arrayContaining(['sq', 'spvm', 'cavac', 'cybertip', 'needhelpnow', 'take_it_down', 'stopncii']));
    expect(list).not.toContain('cai');
    const full = (await call(org.staffA, 'GET', `/api/v1/cases/${serious.id}/help?ground=intimate_images`)).json();
    const cybertip = full.items.find((i: { id: string }) => i.id === 'cybertip');
    expect(cybertip).toMatchObject({
      phone: '1-866-658-9022',
      reasons: ['minors_intimate_images'],
      reasonsText: ['Images intimes impliquant des mineurs'],
    });
  });
});

describe('account recovery (4.6.2)', () => {
  it('keeps a checklist per provider with its recovery channel; complete lists close 4.6.2', async () => {
    const c = await openCase([`https://www.facebook.com/${randomBytes(3).toString('hex')}`]);
    const refused = await call(org.it, 'PATCH', `/api/v1/cases/${c.id}/account-recovery`, { addProviders: ['facebook'] });
    expect(refused.statusCode).toBe(409);
    expect((await call(org.supA, 'PATCH', `/api/v1/cases/${c.id}`, { flags: { accountCompromised: true } })).statusCode).toBe(200);
    const added = await call(org.it, 'PATCH', `/api/v1/cases/${c.id}/account-recovery`, { addProviders: ['facebook', 'instagram'] });
    expect(added.statusCode).toBe(200);
    const view = added.json();
    expect(view.applies).toBe(true);
    expect(view.providers.map((p: { providerId: string }) => p.providerId)).toEqual(['facebook', 'instagram']);
    expect(view.providers[0].channel).toMatchObject({
      purpose: 'account_recovery',
      url: 'https://www.facebook.com/hacked',
      verified: false,
    });
    expect(view.providers[0].steps).toHaveLength(8);
    expect(view.availableProviders.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(['facebook', 'instagram', 'x', 'tiktok', 'youtube', 'snapchat']),
    );
    const steps = [
      'secure_email',
      'recovery_channel',
      'change_password',
      'enable_two_factor',
      'sign_out_sessions',
      'review_recent_activity',
      'warn_contacts',
      'deactivate_if_unrecoverable',
    ];
    // The staff member ticks their part; IT the rest.
    const mine = await call(org.staffA, 'PATCH', `/api/v1/cases/${c.id}/account-recovery`, {
      steps: [{ providerId: 'facebook', step: 'change_password', done: true, note: 'Nouveau mot de passe' }],
    });
    expect(mine.json().providers[0].steps.find((s: { step: string }) => s.step === 'change_password')).toMatchObject({
      done: true,
      at: clock.now().toISOString(),
      byName: expect.any(String),
    });
    const all = await call(org.it, 'PATCH', `/api/v1/cases/${c.id}/account-recovery`, {
      steps: ['facebook', 'instagram'].flatMap((providerId) => steps.map((step) => ({ providerId, step, done: true }))),
    });
    expect(all.json().providers.every((p: { complete: boolean }) => p.complete)).toBe(true);
    const tasks = (await call(org.it, 'GET', `/api/v1/cases/${c.id}/tasks`)).json();
    expect(tasks.find((x: { stepKey: string }) => x.stepKey === '4.6.2')).toMatchObject({ status: 'done', completedBySystem: true });
    expect((await call(org.it, 'PATCH', `/api/v1/cases/${c.id}/account-recovery`, { addProviders: ['nope_provider'] })).statusCode).toBe(
      400,
    );
    expect((await call(org.staffB, 'GET', `/api/v1/cases/${c.id}/account-recovery`)).statusCode).toBe(404);
  });
});
