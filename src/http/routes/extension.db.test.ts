// The browser extension's side of the API (docs/extension.md): a paired token (scope `capture`)
// uploads a capture from the extension's own origin and reads it back; the manifest records that
// it came from the extension, the browser, the viewport, each artefact's kind and both hashes; a
// mismatch is refused; a retry with the same Idempotency-Key makes no second evidence. And the
// CRX with its update manifest, served for force-installation by policy.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock.js';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { asBrowser, loginCookie } from '../../../tests/support/builders.js';
import { file, multipart, type Part } from '../../../tests/support/multipart.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';

const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const clock = new ManualClock('2026-03-03T15:00:00Z');
let t: TestApp;
let org: TestOrg;
let extensionDir: string;
let token = '';
let caseId = '';

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
const html =
  '<!DOCTYPE html>\n<html><head><title>Groupe privé</title></head><body><p>Publication visible une fois connecté</p></body></html>';
const mhtml = [
  'From: <Saved by Blink>',
  'Snapshot-Content-Location: https://social.example/groupe/123',
  'Subject: Groupe =?utf-8?Q?priv=C3=A9?=',
  'Date: Tue, 3 Mar 2026 14:58:00 -0000',
  'MIME-Version: 1.0',
  'Content-Type: multipart/related;',
  '\ttype="text/html";',
  '\tboundary="----MultipartBoundary--x----"',
  '',
  '------MultipartBoundary--x----',
  'Content-Type: text/html',
  'Content-Location: https://social.example/groupe/123',
  '',
  html,
  '------MultipartBoundary--x------',
  '',
].join('\r\n');

async function captureParts(meta: Record<string, unknown> = {}) {
  const full = await png(40, 120);
  const visible = await png(40, 30);
  const files = [
    { data: full, name: 'page-full.png', kind: 'screenshot' },
    { data: visible, name: 'page-visible.png', kind: 'viewport' },
    { data: Buffer.from(mhtml), name: 'page.mhtml', kind: 'mhtml' },
    { data: Buffer.from(html), name: 'page.html', kind: 'html' },
  ];
  const parts: Part[] = [
    {
      name: 'meta',
      data: JSON.stringify({
        sourceUrl: 'https://social.example/groupe/123',
        title: 'Groupe privé',
        comment: 'Vu ce matin',
        captureTool: 'extension',
        capturedAt: '2026-03-03T14:58:00.000Z',
        browser: { name: 'Google Chrome', version: '150.0.7871.100', userAgent: 'Mozilla/5.0 Chrome/150' },
        viewport: { width: 1280, height: 800 },
        kinds: files.map((f) => f.kind),
        ...meta,
      }),
    },
  ];
  for (const f of files) parts.push(file(f.data, f.name), { name: 'sha256', data: sha(f.data) });
  return { parts, files };
}

function post(parts: Part[], headers: Record<string, string> = {}) {
  const body = multipart(parts);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/evidence`,
    headers: { authorization: `Bearer ${token}`, origin: EXTENSION_ORIGIN, 'sec-fetch-site': 'none', ...body.headers, ...headers },
    payload: body.payload,
  });
}

const evidenceCount = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('evidence')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  extensionDir = await mkdtemp(join(tmpdir(), 'rempart-extension-'));
  t = await createTestApp({ clock, env: { REMPART_EXTENSION_DIR: extensionDir } });
  org = await buildTestOrg(t.ctx);
  // Pairing as the extension does it: from its own origin, no cookie.
  const fromExtension = { origin: EXTENSION_ORIGIN, 'sec-fetch-site': 'none' };
  const started = await t.app.inject({
    method: 'POST',
    url: '/api/v1/pairings',
    headers: fromExtension,
    payload: { clientName: 'Rempart — Chrome 150 (Linux)', clientKind: 'extension' },
  });
  expect(started.statusCode).toBe(201);
  const p = started.json() as { id: string; userCode: string; pollSecret: string };
  const approved = await t.app.inject({
    method: 'POST',
    url: '/api/v1/pairings/approve',
    headers: asBrowser(await loginCookie(t.app, org.staffA)),
    payload: { userCode: p.userCode },
  });
  expect(approved.json()).toEqual({ clientName: 'Rempart — Chrome 150 (Linux)', clientKind: 'extension' });
  const polled = await t.app.inject({
    method: 'POST',
    url: `/api/v1/pairings/${p.id}/token`,
    headers: fromExtension,
    payload: { pollSecret: p.pollSecret },
  });
  expect(polled.statusCode).toBe(200);
  token = polled.json().token;
  const opened = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { authorization: `Bearer ${token}`, ...fromExtension },
    payload: { summary: 'Publication dans un groupe privé' },
  });
  expect(opened.statusCode).toBe(201);
  caseId = opened.json().id;
});

afterAll(async () => {
  await t.close();
  await rm(extensionDir, { recursive: true, force: true });
});

describe('capture uploads from the browser extension', () => {
  it('seals an upload sent with a capture-scoped token, recording the extension, the browser and both hashes', async () => {
    const { parts, files } = await captureParts();
    const res = await post(parts, { 'idempotency-key': 'capture-1' });
    expect(res.statusCode, res.body).toBe(201);
    const evidence = res.json() as {
      id: string;
      source: string;
      status: string;
      capturedAt: string;
      artefacts: Array<{ kind: string; sha256: string; mediaType: string; filename: string }>;
    };
    expect(evidence).toMatchObject({ source: 'extension', status: 'sealed', capturedAt: '2026-03-03T14:58:00.000Z' });
    const kept = evidence.artefacts.filter((a) => a.kind !== 'thumbnail');
    expect(kept.map((a) => [a.kind, a.sha256, a.filename])).toEqual(files.map((f) => [f.kind, sha(f.data), f.name]));
    expect(kept.find((a) => a.kind === 'mhtml')?.mediaType).toBe('multipart/related');

    // The capture token reads it back (GET /evidence/{id} is in the capture scope).
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/evidence/${evidence.id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().id).toBe(evidence.id);

    const manifest = await t.app.inject({
      method: 'GET',
      url: `/api/v1/evidence/${evidence.id}/manifest`,
      headers: asBrowser(await loginCookie(t.app, org.staffA)),
    });
    const m = JSON.parse(manifest.body) as {
      source: string;
      capturedBy: { userId: string };
      agent: { tool?: string };
      browser: { name: string; version: string };
      viewport: { width: number; height: number };
      captureStartedAt: string;
      artefacts: Array<{ kind: string; sha256: string; clientSha256?: string }>;
    };
    expect(m).toMatchObject({
      source: 'extension',
      capturedBy: { userId: org.staffA.id },
      agent: { tool: 'extension' },
      browser: { name: 'Google Chrome', version: '150.0.7871.100' },
      viewport: { width: 1280, height: 800 },
      captureStartedAt: '2026-03-03T14:58:00.000Z',
    });
    for (const a of m.artefacts.filter((x) => x.kind !== 'thumbnail')) expect(a.clientSha256).toBe(a.sha256);

    // The same capture sent again (a lost answer): the first answer, nothing new.
    const again = await post((await captureParts()).parts, { 'idempotency-key': 'capture-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(evidence.id);
    expect(await evidenceCount()).toBe(1);
  });

  it('refuses a file whose bytes differ from the hash the extension computed, and keeps nothing', async () => {
    const before = await evidenceCount();
    const { parts } = await captureParts();
    const tampered = parts.map((p) => (p.filename === 'page.html' ? { ...p, data: Buffer.from(`${html}<!-- changed -->`) } : p));
    const res = await post(tampered, { 'idempotency-key': 'capture-2' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('hash_mismatch');
    expect(await evidenceCount()).toBe(before);
  });

  it('refuses a declared kind the bytes do not bear out (a "screenshot" that is HTML)', async () => {
    const { parts } = await captureParts({ kinds: ['html', 'viewport', 'mhtml', 'html'] });
    const res = await post(parts);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'meta.kinds.0', message: expect.any(String) }]);
  });

  it('records a plain upload when a browser session claims to be the extension', async () => {
    const { parts } = await captureParts();
    const body = multipart(parts);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/evidence`,
      headers: { ...asBrowser(await loginCookie(t.app, org.staffA)), ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().source).toBe('upload');
  });

  it('still refuses a cookie-authenticated request from another origin', async () => {
    const cookie = await loginCookie(t.app, org.staffA);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie, origin: EXTENSION_ORIGIN },
      payload: { summary: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('origin_rejected');
  });
});

describe('the extension package served for force-installation', () => {
  it('answers 404 until the extension is built, then serves the update manifest and the CRX', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/extension/updates.xml' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/extension/rempart.crx' })).statusCode).toBe(404);
    const crx = Buffer.concat([Buffer.from('Cr24'), Buffer.alloc(12)]);
    await writeFile(join(extensionDir, 'rempart.crx'), crx);
    await writeFile(
      join(extensionDir, 'build.json'),
      JSON.stringify({ id: 'abcdefghijklmnopabcdefghijklmnop', version: '0.1.0', crx: 'rempart.crx' }),
    );
    const xml = await t.app.inject({ method: 'GET', url: '/extension/updates.xml' });
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toMatch(/^application\/xml/);
    expect(xml.body).toContain("<app appid='abcdefghijklmnopabcdefghijklmnop'>");
    expect(xml.body).toContain(`<updatecheck codebase='${t.config.publicUrl}/extension/rempart.crx' version='0.1.0' />`);
    const got = await t.app.inject({ method: 'GET', url: '/extension/rempart.crx' });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/x-chrome-extension');
    expect(got.rawPayload.equals(crx)).toBe(true);
  });
});
