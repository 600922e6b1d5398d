// Verification (DESIGN.md §3.5): the bundle export checked offline (our verifier, the CLI, and
// plain sha256sum), and tampering of every kind named by `verify`: a byte flipped in a stored
// blob, an edited manifest, an edited or deleted ledger row, a changed artefact or a missing
// chain link inside a bundle. The same upload → verify path also runs on the S3 store.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileBlobStore } from '../../adapters/blobs/fs-store.js';
import type { S3BlobStore } from '../../adapters/blobs/s3-store.js';
import { verifyBundle } from '../../app/evidence/verify-bundle.js';
import { verifyStore } from '../../app/evidence/verify-store.js';
import { ManualClock } from '../../domain/clock.js';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { ledgerEntries } from '../../../tests/support/auth.js';
import { asBrowser, type BuiltUser, loginCookie } from '../../../tests/support/builders.js';
import { file, multipart, type Part } from '../../../tests/support/multipart.js';
import { buildTestOrg } from '../../../tests/support/org.js';
import { startTestS3, type TestS3 } from '../../../tests/support/s3.js';
import { extractZip, readZip, writeZip } from '../../../tests/support/zip.js';

const run = promisify(execFile);
const fixture = (name: string) => readFileSync(new URL(`../../../tests/fixtures/evidence/${name}`, import.meta.url));
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const rempart = fileURLToPath(new URL('../../../bin/rempart.js', import.meta.url));

interface EvidenceJson {
  id: string;
  manifestSha256: string;
  artefacts: Array<{ id: string; kind: string; sha256: string; size: number; mediaType: string }>;
}

async function harness(t: TestApp) {
  const org = await buildTestOrg(t.ctx);
  const cookies = new Map<string, string>();
  const as = async (u: BuiltUser) => {
    const c = cookies.get(u.email) ?? (await loginCookie(t.app, u));
    cookies.set(u.email, c);
    return asBrowser(c);
  };
  const opened = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: await as(org.staffA),
    payload: { summary: 'Vérification des preuves' },
  });
  const caseId: string = opened.json().id;
  const upload = async (who: BuiltUser, parts: Part[]): Promise<EvidenceJson> => {
    const body = multipart(parts);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/evidence`,
      headers: { ...(await as(who)), ...body.headers },
      payload: body.payload,
    });
    if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  return { org, as, caseId, upload };
}

/** Runs `rempart verify …` in a child process, in English. */
async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const child = spawn(process.execPath, [rempart, 'verify', ...args], {
    env: { ...process.env, REMPART_LANG: 'en' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const code = await new Promise<number>((r) => child.on('exit', (c) => r(c ?? -1)));
  return { code, out };
}

describe('verification (file store)', () => {
  let t: TestApp;
  let h: Awaited<ReturnType<typeof harness>>;
  let photo: EvidenceJson;
  let note: EvidenceJson;
  let dir: string;
  let bundlePath = '';

  beforeAll(async () => {
    t = await createTestApp({ clock: new ManualClock('2026-03-03T15:00:00Z') });
    h = await harness(t);
    photo = await h.upload(h.org.staffA, [file(fixture('photo-exif.jpg'), 'photo.jpg')]);
    note = await h.upload(h.org.supA, [file(fixture('message.eml'), 'message.eml'), file('Notes de la rencontre', 'notes.txt')]);
    dir = await mkdtemp(join(tmpdir(), 'rempart-bundle-test-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the store intact: ledger, manifests and every blob re-hashed', async () => {
    const result = await verifyStore(t.ctx);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.evidence).toBe(2);
    expect(result.blobs).toBe(4);
    expect(result.bytes).toBeGreaterThan(3000);
    const admin = await h.as(h.org.admin);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/ledger/verify?deep=true', headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, evidence: { evidence: 2, blobs: 4, problems: [] } });
    const notAdmin = await t.app.inject({ method: 'GET', url: '/api/v1/ledger/verify?deep=true', headers: await h.as(h.org.supA) });
    expect(notAdmin.statusCode).toBe(403);
  });

  it('exports a bundle that verifies offline: with rempart verify, and with sha256sum -c', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${h.caseId}/export?format=bundle`,
      headers: await h.as(h.org.supA),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="RMP-\d{4}-\d+-bundle-20260303T150000Z\.zip"/);
    bundlePath = join(dir, 'bundle.zip');
    await writeFile(bundlePath, res.rawPayload);

    const files = await readZip(bundlePath);
    const names = [...files.keys()];
    expect(names).toEqual(
      expect.arrayContaining([
        'LISEZMOI.txt',
        'README.txt',
        'SHA256SUMS',
        'ledger/head.json',
        'ledger/entries.jsonl',
        'ledger/chain.jsonl',
      ]),
    );
    expect(names).toEqual(
      expect.arrayContaining([
        `evidence/${photo.id}/manifest.json`,
        `evidence/${photo.id}/upload-1.jpg`,
        `evidence/${photo.id}/thumbnail-1.jpg`,
        `evidence/${note.id}/upload-1.eml`,
        `evidence/${note.id}/upload-2.txt`,
      ]),
    );
    expect(sha(files.get(`evidence/${photo.id}/manifest.json`) ?? '')).toBe(photo.manifestSha256);
    expect(sha(files.get(`evidence/${photo.id}/upload-1.jpg`) ?? '')).toBe(sha(fixture('photo-exif.jpg')));
    expect(files.get('LISEZMOI.txt')?.toString()).toContain('sha256sum -c SHA256SUMS');
    const head = JSON.parse(files.get('ledger/head.json')?.toString() ?? '{}');
    expect(res.headers['x-rempart-ledger-head']).toBe(`${head.seq}:${head.hash}`);
    const exported = (await ledgerEntries(t.ctx.db, 'case.exported')).at(-1);
    expect(exported?.data).toMatchObject({
      format: 'bundle',
      evidence: 2,
      files: 6,
      contentDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const entries =
      files
        .get('ledger/entries.jsonl')
        ?.toString()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)) ?? [];
    expect(entries.at(-1)).toMatchObject({ action: 'case.exported', seq: head.seq, hash: head.hash });

    const report = await verifyBundle(bundlePath);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.manifests.map((m) => m.evidenceId).sort()).toEqual([photo.id, note.id].sort());

    const extracted = join(dir, 'extracted');
    await extractZip(files, extracted);
    const sums = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: extracted });
    expect(sums.stdout.trim().split('\n')).toHaveLength(files.size - 1);
    expect(sums.stdout).not.toMatch(/FAILED/);

    const ok = await cli([bundlePath]);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain('Bundle INTACT');
    expect(ok.out).toContain(`Evidence ${photo.id}: manifest ${photo.manifestSha256}`);
  }, 60_000);

  it('names a byte changed inside a bundle artefact, and a link removed from chain.jsonl', async () => {
    const files = await readZip(bundlePath);
    const path = `evidence/${photo.id}/upload-1.jpg`;
    const changed = Buffer.from(files.get(path) ?? Buffer.alloc(0));
    changed[100] = (changed[100] ?? 0) ^ 0xff;
    const tampered = new Map(files);
    tampered.set(path, changed);
    const tamperedPath = join(dir, 'tampered.zip');
    await writeZip(tamperedPath, tampered);
    const report = await verifyBundle(tamperedPath);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      { code: 'sums_mismatch', path, expected: sha(files.get(path) ?? ''), found: sha(changed) },
      { code: 'artefact_hash', evidenceId: photo.id, kind: 'upload', path, expected: sha(files.get(path) ?? ''), found: sha(changed) },
    ]);
    const cliRun = await cli([tamperedPath]);
    expect(cliRun.code).toBe(1);
    expect(cliRun.out).toContain(`Evidence ${photo.id}, artefact upload: ${path} changed`);
    expect(cliRun.out).toContain('Bundle TAMPERED');

    const lines = files.get('ledger/chain.jsonl')?.toString().trim().split('\n') ?? [];
    expect(lines.length).toBeGreaterThan(3);
    const removed = JSON.parse(lines[1] ?? '{}') as { seq: number };
    const broken = new Map(files);
    broken.set('ledger/chain.jsonl', Buffer.from(`${[lines[0], ...lines.slice(2)].join('\n')}\n`));
    const brokenPath = join(dir, 'broken-chain.zip');
    await writeZip(brokenPath, broken);
    const chainReport = await verifyBundle(brokenPath);
    expect(chainReport.ok).toBe(false);
    expect(chainReport.problems).toContainEqual({ code: 'chain_gap', after: removed.seq - 1, seq: removed.seq + 1 });
    expect(chainReport.problems.map((p) => p.code)).toContain('sums_mismatch');
  }, 60_000);

  it('lets only the affected person and participants other than the union export', async () => {
    for (const [who, status] of [
      [h.org.staffA, 200],
      [h.org.staffB, 404],
      [h.org.committee, 404],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${h.caseId}/export?format=bundle`, headers: await h.as(who) });
      expect(res.statusCode, who.email).toBe(status);
    }
    const dossier = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${h.caseId}/export?format=pdf`,
      headers: await h.as(h.org.staffA),
    });
    expect(dossier.statusCode).toBe(400);
  });

  it('names a byte flipped in a stored blob: evidence, artefact kind, expected and found hash', async () => {
    const store = t.ctx.blobs as FileBlobStore;
    const target = note.artefacts.find((a) => a.mediaType === 'message/rfc822');
    if (!target) throw new Error('no eml artefact');
    const path = store.pathOf(target.sha256);
    const original = await readFile(path);
    const flipped = Buffer.from(original);
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    await chmod(path, 0o644);
    await writeFile(path, flipped);
    try {
      const result = await verifyStore(t.ctx);
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([
        { code: 'blob_hash', evidenceId: note.id, artefactId: target.id, kind: 'upload', expected: target.sha256, found: sha(flipped) },
      ]);
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/ledger/verify?deep=1', headers: await h.as(h.org.admin) });
      expect(res.json().ok).toBe(false);
      expect(res.json().evidence.problems[0].message).toContain(note.id);
    } finally {
      await writeFile(path, original);
    }
    await rm(path);
    const missing = await verifyStore(t.ctx);
    expect(missing.problems).toEqual([
      { code: 'blob_missing', evidenceId: note.id, artefactId: target.id, kind: 'upload', expected: target.sha256, found: null },
    ]);
    await writeFile(path, original);
    expect((await verifyStore(t.ctx)).ok).toBe(true);
  });

  it('names an edited manifest (database update)', async () => {
    const before = await t.ctx.db.selectFrom('evidence').select('manifest').where('id', '=', photo.id).executeTakeFirstOrThrow();
    await sql`update evidence set manifest = jsonb_set(manifest, '{title}', '"Titre modifié"') where id = ${photo.id}`.execute(t.ctx.db);
    try {
      const result = await verifyStore(t.ctx, { blobs: false });
      const found = result.problems.find((p) => p.code === 'manifest_hash')?.found;
      expect(result.problems).toEqual([
        {
          code: 'manifest_hash',
          evidenceId: photo.id,
          artefactId: null,
          kind: null,
          expected: photo.manifestSha256,
          found: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
        { code: 'manifest_ledger_hash', evidenceId: photo.id, artefactId: null, kind: null, expected: photo.manifestSha256, found },
      ]);
      // Editing the stored hash too does not help: the ledger keeps the sealed one.
      await sql`update evidence set manifest_sha256 = ${found ?? ''} where id = ${photo.id}`.execute(t.ctx.db);
      expect((await verifyStore(t.ctx, { blobs: false })).problems.map((p) => p.code)).toEqual(['manifest_ledger_hash']);
    } finally {
      await t.ctx.db
        .updateTable('evidence')
        .set({ manifest: JSON.stringify(before.manifest), manifest_sha256: photo.manifestSha256 })
        .where('id', '=', photo.id)
        .execute();
    }
    // An artefact record changed under the manifest.
    const thumb = photo.artefacts.find((a) => a.kind === 'thumbnail');
    await t.ctx.db
      .updateTable('artefacts')
      .set({ size: 1 })
      .where('id', '=', thumb?.id ?? '')
      .execute();
    expect((await verifyStore(t.ctx, { blobs: false })).problems).toEqual([
      {
        code: 'artefact_record',
        evidenceId: photo.id,
        artefactId: thumb?.id,
        kind: 'thumbnail',
        expected: `${thumb?.sha256} (${thumb?.size})`,
        found: `${thumb?.sha256} (1)`,
      },
    ]);
    await t.ctx.db
      .updateTable('artefacts')
      .set({ size: thumb?.size ?? 0 })
      .where('id', '=', thumb?.id ?? '')
      .execute();
    expect((await verifyStore(t.ctx)).ok).toBe(true);
  });

  it('names an edited ledger row and a deleted one (behind the trigger)', async () => {
    const sealed = await t.ctx.db
      .selectFrom('ledger_entries')
      .select(['seq', 'body'])
      .where('action', '=', 'evidence.sealed')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    const seq = Number(sealed.seq);
    await t.ctx.db.transaction().execute(async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      await sql`update ledger_entries set body = jsonb_set(body, '{data,manifestSha256}', ${JSON.stringify('0'.repeat(64))}::jsonb) where seq = ${seq}`.execute(
        tx,
      );
    });
    const edited = await verifyStore(t.ctx, { blobs: false });
    expect(edited.ok).toBe(false);
    expect(edited.ledger.firstBadEntry).toEqual({ seq, problem: 'digest_mismatch' });
    expect(edited.problems).toContainEqual(
      expect.objectContaining({ code: 'manifest_ledger_hash', evidenceId: photo.id, expected: '0'.repeat(64) }),
    );

    await t.ctx.db.transaction().execute(async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      await sql`update ledger_entries set body = ${JSON.stringify(sealed.body)}::jsonb where seq = ${seq}`.execute(tx);
    });
    expect((await verifyStore(t.ctx, { blobs: false })).ok).toBe(true);
    await t.ctx.db.transaction().execute(async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      await sql`delete from ledger_entries where seq = ${seq}`.execute(tx);
    });
    const deleted = await verifyStore(t.ctx, { blobs: false });
    expect(deleted.ledger.firstBadEntry).toEqual({ seq: seq + 1, problem: 'seq_gap' });
    expect(deleted.problems).toContainEqual(expect.objectContaining({ code: 'manifest_not_in_ledger', evidenceId: photo.id }));
  });
});

describe('verification (S3 store)', () => {
  let s3: TestS3;
  let t: TestApp;

  beforeAll(async () => {
    s3 = await startTestS3('rempart-verify');
    t = await createTestApp({ env: s3.env });
  });
  afterAll(async () => {
    await t.close();
    (t.ctx.blobs as S3BlobStore).client.destroy();
    await s3.close();
  });

  it('uploads to the bucket, serves the bytes, and names an object replaced behind its back', async () => {
    expect(t.ctx.blobs.kind).toBe('s3');
    const h = await harness(t);
    const bytes = fixture('page.pdf');
    const ev = await h.upload(h.org.staffA, [file(bytes, 'page.pdf')]);
    const pdf = ev.artefacts.find((a) => a.kind === 'upload');
    expect(pdf?.sha256).toBe(sha(bytes));
    const dl = await t.app.inject({ method: 'GET', url: `/api/v1/artefacts/${pdf?.id}`, headers: await h.as(h.org.staffA) });
    expect(dl.statusCode).toBe(200);
    expect(sha(dl.rawPayload)).toBe(sha(bytes));
    expect((await verifyStore(t.ctx)).ok).toBe(true);

    const store = t.ctx.blobs as S3BlobStore;
    const changed = Buffer.from(bytes);
    changed[20] = (changed[20] ?? 0) ^ 1;
    await store.client.send(new PutObjectCommand({ Bucket: store.bucket, Key: sha(bytes), Body: changed }));
    const result = await verifyStore(t.ctx);
    expect(result.problems).toContainEqual({
      code: 'blob_hash',
      evidenceId: ev.id,
      artefactId: pdf?.id,
      kind: 'upload',
      expected: sha(bytes),
      found: sha(changed),
    });

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${h.caseId}/export?format=bundle`,
      headers: await h.as(h.org.staffA),
    });
    expect(res.statusCode).toBe(200);

    // Beyond Fastify's 1 MiB JSON body limit: multipart has its own, UPLOAD_MAX_BYTES (100 MB here).
    const big = Buffer.from('Ligne de journal recopiée, encore et encore.\n'.repeat(70_000));
    const large = await h.upload(h.org.staffA, [file(big, 'journal.txt')]);
    expect(large.artefacts[0]).toMatchObject({ size: big.length, sha256: sha(big) });
    expect(big.length).toBeGreaterThan(3_000_000);
  }, 60_000);
});
