// The PDF dossier for police or counsel: printed by Chromium, it opens, lists every evidence item
// with its hashes, carries the certification page, and is recorded in the ledger.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock.js';
import { sha256Hex } from '../../domain/ledger/chain.js';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { asBrowser, loginCookie } from '../../../tests/support/builders.js';
import { file, multipart } from '../../../tests/support/multipart.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';

let t: TestApp;
let org: TestOrg;
let caseId = '';
let reference = '';
const manifests: string[] = [];
let work = '';

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-03-03T15:00:00Z') });
  org = await buildTestOrg(t.ctx);
  work = await mkdtemp(join(tmpdir(), 'rempart-dossier-'));
  const staff = asBrowser(await loginCookie(t.app, org.staffA));
  const opened = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: staff,
    payload: { summary: 'Publication diffamatoire dans un groupe de parents.' },
  });
  caseId = opened.json().id;
  reference = opened.json().reference;
  for (const [bytes, name] of [
    [await readFile(new URL('../../../tests/fixtures/evidence/photo-exif.jpg', import.meta.url)), 'capture-ecran.jpg'],
    [await readFile(new URL('../../../tests/fixtures/evidence/page.pdf', import.meta.url)), 'publication.pdf'],
    [await readFile(new URL('../../../tests/fixtures/evidence/message.eml', import.meta.url)), 'message.eml'],
  ] as const) {
    const body = multipart([file(bytes, name)]);
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/evidence`,
      headers: { ...staff, ...body.headers },
      payload: body.payload,
    });
    expect(r.statusCode).toBe(201);
    manifests.push(r.json().manifestSha256);
  }
}, 120_000);
afterAll(async () => {
  await t.close();
  await rm(work, { recursive: true, force: true });
});

describe('PDF dossier', () => {
  it('lists every evidence item with its hashes and a certification page, and is in the ledger', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}/export?format=dossier`,
      headers: asBrowser(await loginCookie(t.app, org.supA)),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`${reference}-dossier.pdf`);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const path = join(work, 'dossier.pdf');
    await writeFile(path, pdf);
    if (process.env.KEEP_DOSSIER) await writeFile(process.env.KEEP_DOSSIER, pdf);
    const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(`Dossier de preuve — ${reference}`);
    expect(text).toContain('Publication diffamatoire');
    expect(text).toContain('Preuve n° 1');
    expect(text).toContain('Preuve n° 2');
    // The e-mail's main headers, decoded for people, and the path it took, newest hop first.
    expect(text).toContain('Courriel (en-têtes principaux');
    expect(text).toContain('Un anonyme méchant <harceleur@example.net>');
    expect(text).toContain('Tu vas le regretter');
    expect(text.replace(/ /g, '')).toContain('<20260303151505.12345@smtp.example.net>');
    expect(text).toContain('Chemin du message');
    expect(text.indexOf('[192.0.2.25]')).toBeGreaterThan(0);
    expect(text.indexOf('[192.0.2.25]')).toBeLessThan(text.indexOf('[198.51.100.7]'));
    expect(text).toContain('dkim=pass');
    expect(text).toContain('Texte du message');
    expect(text).toContain('Message de test pour Rempart : contenu harcelant fictif.');
    const compact = text.replace(/ /g, '');
    for (const m of manifests) expect(compact).toContain(m);
    expect(text).toContain('Attestation');
    expect(text).toContain('rempart verify');
    const head = String(res.headers['x-rempart-ledger-head']).split(':');
    expect(compact).toContain(head[1]);
    const entry = await t.ctx.db
      .selectFrom('ledger_entries')
      .select(['action', 'body'])
      .where('seq', '=', head[0] ?? '0')
      .executeTakeFirstOrThrow();
    expect(entry.action).toBe('case.exported');
    expect((entry.body as { data: { format: string } }).data.format).toBe('dossier');
    expect(res.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(sha256Hex(pdf), 'hex').toString('base64')}:`);
  }, 120_000);

  it('speaks English on request and refuses the union and strangers', async () => {
    const en = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}/export?format=dossier&lang=en`,
      headers: asBrowser(await loginCookie(t.app, org.staffA)),
    });
    expect(en.statusCode).toBe(200);
    const path = join(work, 'en.pdf');
    await writeFile(path, en.rawPayload);
    expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain('Evidence dossier');
    const stranger = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}/export?format=dossier`,
      headers: asBrowser(await loginCookie(t.app, org.staffB)),
    });
    expect(stranger.statusCode).toBe(404);
  }, 120_000);
});
