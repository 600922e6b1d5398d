// GET /cases/{id}/export?format=bundle: the case's sealed evidence as a ZIP anyone can check
// with sha256sum, or offline with `rempart verify <bundle.zip>` (layout in
// src/domain/evidence/bundle.ts). The export is first written to the ledger ('case.exported':
// format, counts, and the digest of the evidence files' list); that entry is the head the
// bundle proves its entries against. Then the ZIP is streamed (yazl): blobs are read one at a
// time as the archive reaches them, ledger files are paged from the database, SHA256SUMS comes
// last (hashes taken as each file was written).
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { ZipFile } from 'yazl';
import { appendLedger } from '../../adapters/db/ledger.js';
import { caseLedgerPage, chainPage, firstCaseLedgerSeq, listSealedCaseEvidence } from '../../adapters/db/evidence.js';
import { canExportCase } from '../../domain/evidence/access.js';
import {
  BUNDLE_VERSION,
  type BundleHead,
  CHAIN_FILE,
  ENTRIES_FILE,
  HEAD_FILE,
  SUMS_FILE,
  artefactPaths,
  formatSums,
  manifestPath,
} from '../../domain/evidence/bundle.js';
import { type EvidenceManifest, manifestJson } from '../../domain/evidence/manifest.js';
import { isCompressed } from '../../domain/evidence/media.js';
import { DomainError } from '../../domain/errors.js';
import { canonicalJson, sha256Hex } from '../../domain/ledger/chain.js';
import { t } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadCase } from '../cases/load-case.js';

const PAGE = 2_000;

export interface BundleExport {
  filename: string;
  stream: Readable;
  head: { seq: number; hash: string };
}

interface BlobFile {
  path: string;
  sha256: string;
  size: number;
  compress: boolean;
}

/** `source` hashed on the way through; the digest is recorded under `path` when it ends. */
function hashing(source: Readable, path: string, into: Map<string, string>): Transform {
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      into.set(path, hash.digest('hex'));
      callback();
    },
  });
  // pipe() does not forward errors; the archive must fail, not wait forever.
  source.once('error', (error) => tap.destroy(error));
  return source.pipe(tap);
}

async function* entryLines(ctx: Pick<AppContext, 'db'>, caseId: string, uptoSeq: number): AsyncGenerator<Buffer> {
  let after = 0;
  for (;;) {
    const rows = await caseLedgerPage(ctx.db, caseId, after, uptoSeq, PAGE);
    if (rows.length === 0) return;
    const text = rows
      .map(
        (r) =>
          `${JSON.stringify({ seq: Number(r.seq), at: r.at.toISOString(), action: r.action, body: r.body, digest: r.digest, prev_hash: r.prev_hash, hash: r.hash })}\n`,
      )
      .join('');
    yield Buffer.from(text, 'utf8');
    after = Number(rows[rows.length - 1]?.seq);
    if (rows.length < PAGE) return;
  }
}

async function* chainLines(ctx: Pick<AppContext, 'db'>, fromSeq: number, uptoSeq: number): AsyncGenerator<Buffer> {
  let after = fromSeq - 1;
  for (;;) {
    const rows = await chainPage(ctx.db, after, uptoSeq, PAGE);
    if (rows.length === 0) return;
    yield Buffer.from(
      rows.map((r) => `${JSON.stringify({ seq: Number(r.seq), prev_hash: r.prev_hash, digest: r.digest, hash: r.hash })}\n`).join(''),
      'utf8',
    );
    after = Number(rows[rows.length - 1]?.seq);
    if (rows.length < PAGE) return;
  }
}

export async function exportBundle(
  ctx: Pick<AppContext, 'db' | 'clock' | 'blobs' | 'log'>,
  input: { actor: Principal; caseId: string },
): Promise<BundleExport> {
  const { actor } = input;
  const now = ctx.clock.now();
  const loaded = await loadCase(ctx.db, actor, input.caseId, now, 'case.export');
  if (!canExportCase(loaded.access)) throw new DomainError('forbidden', { messageKey: 'evidence.error.export_forbidden' });
  const { row } = loaded;

  const evidence = await listSealedCaseEvidence(ctx.db, row.id);
  const manifests: Array<{ path: string; bytes: Buffer }> = [];
  const blobs: BlobFile[] = [];
  for (const ev of evidence) {
    if (!ev.manifest) continue;
    const manifest = ev.manifest as unknown as EvidenceManifest;
    manifests.push({ path: manifestPath(ev.id), bytes: Buffer.from(manifestJson(manifest), 'utf8') });
    const paths = artefactPaths(ev.id, manifest.artefacts);
    manifest.artefacts.forEach((a, i) => {
      blobs.push({ path: paths[i] ?? '', sha256: a.sha256, size: a.size, compress: !isCompressed(a.mediaType) });
    });
  }
  // A blob missing from the store is left out (and logged): the bundle's own check names it.
  const present: BlobFile[] = [];
  for (const b of blobs) {
    if (await ctx.blobs.stat(b.sha256)) present.push(b);
    else ctx.log.error({ caseId: row.id, sha256: b.sha256, path: b.path }, 'bundle export: blob missing from the store');
  }
  const contentDigest = sha256Hex(
    canonicalJson([
      ...manifests.map((m) => ({ path: m.path, sha256: sha256Hex(m.bytes) })),
      ...present.map((b) => ({ path: b.path, sha256: b.sha256 })),
    ]),
  );

  const head = await ctx.db.transaction().execute((tx) =>
    appendLedger(tx, {
      action: 'case.exported',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'case', id: row.id },
      data: { format: 'bundle', evidence: manifests.length, files: manifests.length + present.length, contentDigest },
    }),
  );
  const firstSeq = (await firstCaseLedgerSeq(ctx.db, row.id)) ?? head.seq;

  const zip = new ZipFile();
  const hashes = new Map<string, string>();
  const mtime = now;
  const addBuffer = (path: string, bytes: Buffer, compress = true) => {
    hashes.set(path, sha256Hex(bytes));
    zip.addBuffer(bytes, path, { mtime, compress });
  };
  const readmeParams = {
    reference: row.reference,
    caseId: row.id,
    exportedAt: now.toISOString(),
    headSeq: head.seq,
    headHash: head.hash,
    evidenceCount: manifests.length,
  };
  addBuffer('LISEZMOI.txt', Buffer.from(t('fr-CA', 'evidence.bundle.readme', readmeParams), 'utf8'));
  addBuffer('README.txt', Buffer.from(t('en', 'evidence.bundle.readme', readmeParams), 'utf8'));
  const headJson: BundleHead = { v: BUNDLE_VERSION, seq: head.seq, hash: head.hash, exportedAt: now.toISOString(), caseId: row.id };
  addBuffer(HEAD_FILE, Buffer.from(`${JSON.stringify(headJson, null, 2)}\n`, 'utf8'));
  for (const m of manifests) addBuffer(m.path, m.bytes);
  for (const b of present) {
    zip.addReadStreamLazy(b.path, { mtime, size: b.size, compress: b.compress }, (callback) => {
      ctx.blobs.get(b.sha256).then(
        (stream) => callback(null, hashing(stream, b.path, hashes)),
        (error: unknown) => callback(error, Readable.from([])),
      );
    });
  }
  zip.addReadStreamLazy(ENTRIES_FILE, { mtime }, (callback) =>
    callback(null, hashing(Readable.from(entryLines(ctx, row.id, head.seq), { objectMode: false }), ENTRIES_FILE, hashes)),
  );
  zip.addReadStreamLazy(CHAIN_FILE, { mtime }, (callback) =>
    callback(null, hashing(Readable.from(chainLines(ctx, firstSeq, head.seq), { objectMode: false }), CHAIN_FILE, hashes)),
  );
  // Called when the archive reaches it: every other file has been written and hashed by then.
  zip.addReadStreamLazy(SUMS_FILE, { mtime }, (callback) =>
    callback(null, Readable.from([Buffer.from(formatSums(hashes), 'utf8')], { objectMode: false })),
  );
  zip.end();

  const output = zip.outputStream as Readable;
  zip.on('error', (error: Error) => {
    ctx.log.error({ err: error, caseId: row.id }, 'bundle export failed while streaming');
    output.destroy(error);
  });
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return { filename: `${row.reference}-bundle-${stamp}.zip`, stream: output, head };
}
