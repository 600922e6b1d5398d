// Deep verification of the live store (`rempart verify`, GET /ledger/verify?deep=true): the
// ledger chain; every sealed evidence's manifest (canonical SHA-256 recomputed = the stored
// manifest_sha256 = the hash in its 'evidence.sealed' ledger entry; its artefact list = the
// artefact rows); every blob (bytes re-read from the store and re-hashed, size compared). Pages
// through the tables and streams the blobs, so memory stays bounded. Each mismatch is named:
// evidence id, artefact kind, expected and found.
import {
  type ArtefactRow,
  artefactsOfBlob,
  blobPage,
  listArtefacts,
  sealedEvidencePage,
  sealedLedgerEntries,
} from '../../adapters/db/evidence.js';
import { type LedgerVerification, verifyLedger } from '../../adapters/db/ledger.js';
import { hashStream } from '../../adapters/blobs/temp-files.js';
import { type EvidenceManifest, manifestSha256 } from '../../domain/evidence/manifest.js';
import { type Locale, t } from '../../locales/index.js';
import type { AppContext } from '../context.js';
import { BlobNotFoundError } from './ports.js';

export type StoreProblemCode =
  | 'manifest_hash'
  | 'manifest_unreadable'
  | 'manifest_not_in_ledger'
  | 'manifest_ledger_hash'
  | 'artefact_record'
  | 'blob_missing'
  | 'blob_hash'
  | 'blob_size'
  | 'blob_unreadable';

export interface StoreProblem {
  code: StoreProblemCode;
  evidenceId: string | null;
  artefactId: string | null;
  kind: string | null;
  expected: string | null;
  found: string | null;
}

export interface StoreVerification {
  ok: boolean;
  ledger: LedgerVerification;
  evidence: number;
  blobs: number;
  bytes: number;
  problems: StoreProblem[];
}

const problem = (p: Partial<StoreProblem> & { code: StoreProblemCode }): StoreProblem => ({
  evidenceId: null,
  artefactId: null,
  kind: null,
  expected: null,
  found: null,
  ...p,
});

export async function verifyStore(
  ctx: Pick<AppContext, 'db' | 'blobs'>,
  options: { pageSize?: number; maxProblems?: number; concurrency?: number; blobs?: boolean } = {},
): Promise<StoreVerification> {
  const pageSize = options.pageSize ?? 500;
  const maxProblems = options.maxProblems ?? 1_000;
  const concurrency = options.concurrency ?? 4;
  const problems: StoreProblem[] = [];
  const report = (p: StoreProblem) => {
    if (problems.length < maxProblems) problems.push(p);
  };

  const ledger = await verifyLedger(ctx.db);

  let evidenceCount = 0;
  let after: string | null = null;
  for (;;) {
    const page = await sealedEvidencePage(ctx.db, after, pageSize);
    if (page.length === 0) break;
    const sealed = await sealedLedgerEntries(ctx.db, [...new Set(page.map((e) => e.case_id))]);
    const rows = await listArtefacts(
      ctx.db,
      page.map((e) => e.id),
    );
    const rowsByEvidence = new Map<string, ArtefactRow[]>();
    for (const r of rows) rowsByEvidence.set(r.evidence_id, [...(rowsByEvidence.get(r.evidence_id) ?? []), r]);
    for (const ev of page) {
      evidenceCount += 1;
      const manifest = ev.manifest as unknown as EvidenceManifest | null;
      let found: string;
      try {
        if (!manifest || !Array.isArray(manifest.artefacts)) throw new Error('no manifest');
        found = manifestSha256(manifest);
      } catch {
        report(problem({ code: 'manifest_unreadable', evidenceId: ev.id, expected: ev.manifest_sha256 }));
        continue;
      }
      if (found !== ev.manifest_sha256) report(problem({ code: 'manifest_hash', evidenceId: ev.id, expected: ev.manifest_sha256, found }));
      const entry = sealed.get(ev.id);
      if (!entry) report(problem({ code: 'manifest_not_in_ledger', evidenceId: ev.id, found }));
      else if (entry.manifestSha256 !== found)
        report(problem({ code: 'manifest_ledger_hash', evidenceId: ev.id, expected: String(entry.manifestSha256), found }));

      // The manifest's artefacts, numbered per kind as when sealed, against the artefact rows.
      const byKey = new Map((rowsByEvidence.get(ev.id) ?? []).map((r) => [`${r.kind}#${r.ordinal}`, r]));
      const counts = new Map<string, number>();
      for (const a of manifest.artefacts) {
        const n = (counts.get(a.kind) ?? 0) + 1;
        counts.set(a.kind, n);
        const key = `${a.kind}#${n}`;
        const r = byKey.get(key);
        byKey.delete(key);
        if (!r) report(problem({ code: 'artefact_record', evidenceId: ev.id, kind: a.kind, expected: a.sha256, found: null }));
        else if (r.sha256 !== a.sha256 || Number(r.size) !== a.size) {
          report(
            problem({
              code: 'artefact_record',
              evidenceId: ev.id,
              artefactId: r.id,
              kind: a.kind,
              expected: `${a.sha256} (${a.size})`,
              found: `${r.sha256} (${r.size})`,
            }),
          );
        }
      }
      for (const r of byKey.values())
        report(problem({ code: 'artefact_record', evidenceId: ev.id, artefactId: r.id, kind: r.kind, expected: null, found: r.sha256 }));
    }
    after = page[page.length - 1]?.id ?? null;
    if (page.length < pageSize) break;
  }

  let blobCount = 0;
  let bytes = 0;
  if (options.blobs !== false) {
    let afterSha: string | null = null;
    for (;;) {
      const page = await blobPage(ctx.db, afterSha, pageSize);
      if (page.length === 0) break;
      let next = 0;
      const worker = async () => {
        while (next < page.length) {
          const blob = page[next++];
          if (!blob) break;
          blobCount += 1;
          const expectedSize = Number(blob.size);
          let bad: { code: StoreProblemCode; found: string | null; expected: string } | undefined;
          try {
            const stream = await ctx.blobs.get(blob.sha256);
            const got = await hashStream(stream);
            bytes += got.size;
            if (got.sha256 !== blob.sha256) bad = { code: 'blob_hash', expected: blob.sha256, found: got.sha256 };
            else if (got.size !== expectedSize) bad = { code: 'blob_size', expected: String(expectedSize), found: String(got.size) };
          } catch (error) {
            bad =
              error instanceof BlobNotFoundError
                ? { code: 'blob_missing', expected: blob.sha256, found: null }
                : { code: 'blob_unreadable', expected: blob.sha256, found: (error as Error).message };
          }
          if (!bad) continue;
          const users = await artefactsOfBlob(ctx.db, blob.sha256);
          if (users.length === 0) report(problem({ code: bad.code, expected: bad.expected, found: bad.found }));
          for (const u of users)
            report(
              problem({
                code: bad.code,
                evidenceId: u.evidence_id,
                artefactId: u.id,
                kind: u.kind,
                expected: bad.expected,
                found: bad.found,
              }),
            );
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
      afterSha = page[page.length - 1]?.sha256 ?? null;
      if (page.length < pageSize) break;
    }
  }

  return { ok: ledger.ok && problems.length === 0, ledger, evidence: evidenceCount, blobs: blobCount, bytes, problems };
}

/** One line naming a problem, in `locale`. */
export function describeStoreProblem(locale: Locale, p: StoreProblem): string {
  return t(locale, `evidence.verify.store.${p.code}`, {
    evidenceId: p.evidenceId ?? '-',
    artefactId: p.artefactId ?? '-',
    kind: p.kind ?? '-',
    expected: p.expected ?? '-',
    found: p.found ?? '-',
  });
}
