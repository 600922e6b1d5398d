// The bundle (DESIGN.md §3.6): a ZIP any recipient can check with standard tools.
//   evidence/<evidence-id>/manifest.json      the sealed manifest, exact canonical bytes
//   evidence/<evidence-id>/<kind>-<n>.<ext>   its artefacts, n = 1, 2… per kind in manifest order
//   ledger/head.json                           the ledger head when the bundle was made
//   ledger/entries.jsonl                       the case's ledger entries, in full
//   ledger/chain.jsonl                         (seq, prev_hash, digest, hash) of every entry from
//                                              the case's first entry to the head
//   LISEZMOI.txt, README.txt                   how to verify (fr, en)
//   SHA256SUMS                                 `sha256sum -c SHA256SUMS` checks every other file
import type { ManifestArtefact } from './manifest.js';
import { extensionFor } from './media.js';

export const BUNDLE_VERSION = 1;
export const SUMS_FILE = 'SHA256SUMS';
export const HEAD_FILE = 'ledger/head.json';
export const ENTRIES_FILE = 'ledger/entries.jsonl';
export const CHAIN_FILE = 'ledger/chain.jsonl';

export interface BundleHead {
  v: typeof BUNDLE_VERSION;
  seq: number;
  hash: string;
  exportedAt: string;
  caseId: string;
}

/** One line of ledger/entries.jsonl. */
export interface BundleEntry {
  seq: number;
  at: string;
  action: string;
  body: unknown;
  digest: string;
  prev_hash: string;
  hash: string;
}

/** One line of ledger/chain.jsonl. */
export interface ChainTriple {
  seq: number;
  prev_hash: string;
  digest: string;
  hash: string;
}

export function manifestPath(evidenceId: string): string {
  return `evidence/${evidenceId}/manifest.json`;
}

/** Paths of a manifest's artefacts, in manifest order. */
export function artefactPaths(evidenceId: string, artefacts: readonly Pick<ManifestArtefact, 'kind' | 'mediaType'>[]): string[] {
  const counts = new Map<string, number>();
  return artefacts.map((a) => {
    const n = (counts.get(a.kind) ?? 0) + 1;
    counts.set(a.kind, n);
    return `evidence/${evidenceId}/${a.kind}-${n}.${extensionFor(a.kind, a.mediaType)}`;
  });
}

/** SHA256SUMS in the format of `sha256sum` (two spaces, text mode), sorted by path. */
export function formatSums(files: ReadonlyMap<string, string>): string {
  return [...files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, sha]) => `${sha}  ${path}\n`)
    .join('');
}

export function parseSums(text: string): { entries: Map<string, string>; badLines: number[] } {
  const entries = new Map<string, string>();
  const badLines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.replace(/\r$/, ''));
    if (!m) badLines.push(index + 1);
    else entries.set(m[2] ?? '', (m[1] ?? '').toLowerCase());
  });
  return { entries, badLines };
}
