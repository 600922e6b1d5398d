// Offline verification of a bundle (`rempart verify <bundle.zip>`): no database, no network.
// The caller feeds what it reads from the ZIP (file hashes, SHA256SUMS, manifests, the ledger
// files line by line — entries before chain) and gets every match and every mismatch by name.
import { canonicalJson, GENESIS_HASH, bodyDigest, linkHash, sha256Hex } from '../ledger/chain.js';
import {
  type BundleEntry,
  type BundleHead,
  type ChainTriple,
  ENTRIES_FILE,
  CHAIN_FILE,
  HEAD_FILE,
  SUMS_FILE,
  artefactPaths,
  manifestPath,
  parseSums,
} from './bundle.js';
import type { EvidenceManifest } from './manifest.js';

export type BundleProblem =
  | { code: 'sums_absent' }
  | { code: 'duplicate_file'; path: string }
  | { code: 'sums_bad_line'; line: number }
  | { code: 'sums_mismatch'; path: string; expected: string; found: string }
  | { code: 'sums_missing_file'; path: string }
  | { code: 'sums_unlisted'; path: string }
  | { code: 'manifest_unreadable'; evidenceId: string }
  | { code: 'manifest_not_canonical'; evidenceId: string }
  | { code: 'manifest_wrong_evidence'; evidenceId: string; found: string }
  | { code: 'manifest_not_in_ledger'; evidenceId: string; found: string }
  | { code: 'manifest_hash'; evidenceId: string; seq: number; expected: string; found: string }
  | { code: 'manifest_missing'; evidenceId: string; seq: number }
  | { code: 'artefact_missing'; evidenceId: string; kind: string; path: string; expected: string }
  | { code: 'artefact_hash'; evidenceId: string; kind: string; path: string; expected: string; found: string }
  | { code: 'artefact_size'; evidenceId: string; kind: string; path: string; expected: number; found: number }
  | { code: 'head_absent' }
  | { code: 'head_unreadable' }
  | { code: 'entries_absent' }
  | { code: 'entry_unreadable'; line: number }
  | { code: 'entry_digest'; seq: number; expected: string; found: string }
  | { code: 'entry_hash'; seq: number; expected: string; found: string }
  | { code: 'chain_absent' }
  | { code: 'chain_unreadable'; line: number }
  | { code: 'chain_gap'; after: number; seq: number }
  | { code: 'chain_link'; seq: number }
  | { code: 'chain_hash'; seq: number; expected: string; found: string }
  | { code: 'entry_not_in_chain'; seq: number }
  | { code: 'entry_outside_chain'; seq: number }
  | { code: 'chain_head'; expected: string; found: string };

export interface BundleReport {
  ok: boolean;
  files: number;
  sumsChecked: number;
  manifests: Array<{ evidenceId: string; sha256: string; ledgerSeq: number | null; artefacts: number }>;
  entries: number;
  chain: { from: number | null; to: number | null; links: number };
  head: { seq: number; hash: string } | null;
  problems: BundleProblem[];
}

const MAX_PROBLEMS = 1_000;
const isHex64 = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

export class BundleCheck {
  private readonly files = new Map<string, { sha256: string; size: number }>();
  private sums: string | undefined;
  private head: BundleHead | undefined;
  private headSeen = false;
  private readonly entries = new Map<number, BundleEntry>();
  private entriesSeen = false;
  private readonly sealed = new Map<string, { seq: number; manifestSha256: string }>();
  private readonly manifests = new Map<string, { sha256: string; text: string }>();
  private chainSeen = false;
  private chainPrev: ChainTriple | undefined;
  private chainFirst: number | undefined;
  private chainLinks = 0;
  private readonly chained = new Set<number>();
  readonly problems: BundleProblem[] = [];

  private report(problem: BundleProblem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
  }

  /** Every regular file of the ZIP, hashed as read. */
  addFile(path: string, sha256: string, size: number): void {
    if (this.files.has(path)) this.report({ code: 'duplicate_file', path });
    this.files.set(path, { sha256, size });
  }

  setSums(text: string): void {
    this.sums = text;
  }

  setHead(text: string): void {
    this.headSeen = true;
    try {
      const head = JSON.parse(text) as BundleHead;
      if (!Number.isInteger(head.seq) || !isHex64(head.hash)) throw new Error('bad head');
      this.head = head;
    } catch {
      this.report({ code: 'head_unreadable' });
    }
  }

  /** A line of ledger/entries.jsonl (1-based line number). */
  addEntryLine(line: string, lineNo: number): void {
    this.entriesSeen = true;
    if (line.trim() === '') return;
    let entry: BundleEntry;
    try {
      entry = JSON.parse(line) as BundleEntry;
      if (!Number.isInteger(entry.seq) || !isHex64(entry.digest) || !isHex64(entry.hash) || !isHex64(entry.prev_hash))
        throw new Error('bad entry');
    } catch {
      this.report({ code: 'entry_unreadable', line: lineNo });
      return;
    }
    const digest = bodyDigest(entry.body);
    if (digest !== entry.digest) this.report({ code: 'entry_digest', seq: entry.seq, expected: entry.digest, found: digest });
    const hash = linkHash(entry.prev_hash, entry.digest);
    if (hash !== entry.hash) this.report({ code: 'entry_hash', seq: entry.seq, expected: entry.hash, found: hash });
    this.entries.set(entry.seq, entry);
    const body = entry.body as { action?: unknown; subject?: { type?: unknown; id?: unknown } | null; data?: { manifestSha256?: unknown } };
    if (
      body.action === 'evidence.sealed' &&
      body.subject?.type === 'evidence' &&
      typeof body.subject.id === 'string' &&
      typeof body.data?.manifestSha256 === 'string'
    ) {
      this.sealed.set(body.subject.id, { seq: entry.seq, manifestSha256: body.data.manifestSha256 });
    }
  }

  /** A line of ledger/chain.jsonl, after all entries. */
  addChainLine(line: string, lineNo: number): void {
    this.chainSeen = true;
    if (line.trim() === '') return;
    let link: ChainTriple;
    try {
      link = JSON.parse(line) as ChainTriple;
      if (!Number.isInteger(link.seq) || !isHex64(link.prev_hash) || !isHex64(link.digest) || !isHex64(link.hash))
        throw new Error('bad link');
    } catch {
      this.report({ code: 'chain_unreadable', line: lineNo });
      return;
    }
    const prev = this.chainPrev;
    if (prev === undefined) {
      this.chainFirst = link.seq;
      if (link.seq === 1 && link.prev_hash !== GENESIS_HASH) this.report({ code: 'chain_link', seq: link.seq });
    } else if (link.seq !== prev.seq + 1) {
      this.report({ code: 'chain_gap', after: prev.seq, seq: link.seq });
    } else if (link.prev_hash !== prev.hash) {
      this.report({ code: 'chain_link', seq: link.seq });
    }
    const hash = linkHash(link.prev_hash, link.digest);
    if (hash !== link.hash) this.report({ code: 'chain_hash', seq: link.seq, expected: link.hash, found: hash });
    const entry = this.entries.get(link.seq);
    if (entry) {
      if (entry.digest !== link.digest || entry.hash !== link.hash || entry.prev_hash !== link.prev_hash)
        this.report({ code: 'entry_not_in_chain', seq: link.seq });
      this.chained.add(link.seq);
    }
    this.chainPrev = link;
    this.chainLinks += 1;
  }

  /** A manifest.json: its text, and the SHA-256 of its bytes (of the text when not given). */
  addManifest(evidenceId: string, text: string, sha256: string = sha256Hex(text)): void {
    this.manifests.set(evidenceId, { sha256, text });
  }

  finish(): BundleReport {
    this.checkSums();
    const manifests = this.checkManifests();
    if (!this.headSeen) this.report({ code: 'head_absent' });
    if (!this.entriesSeen) this.report({ code: 'entries_absent' });
    if (!this.chainSeen) this.report({ code: 'chain_absent' });
    for (const seq of this.entries.keys()) if (!this.chained.has(seq)) this.report({ code: 'entry_outside_chain', seq });
    const last = this.chainPrev;
    if (this.head && last && (last.seq !== this.head.seq || last.hash !== this.head.hash)) {
      this.report({ code: 'chain_head', expected: `${this.head.seq}:${this.head.hash}`, found: `${last.seq}:${last.hash}` });
    } else if (this.head && this.chainSeen && !last) {
      this.report({ code: 'chain_head', expected: `${this.head.seq}:${this.head.hash}`, found: '-' });
    }
    return {
      ok: this.problems.length === 0,
      files: this.files.size,
      sumsChecked: this.sums === undefined ? 0 : parseSums(this.sums).entries.size,
      manifests,
      entries: this.entries.size,
      chain: { from: this.chainFirst ?? null, to: last?.seq ?? null, links: this.chainLinks },
      head: this.head ? { seq: this.head.seq, hash: this.head.hash } : null,
      problems: this.problems,
    };
  }

  private checkSums(): void {
    if (this.sums === undefined) {
      this.report({ code: 'sums_absent' });
      return;
    }
    const { entries, badLines } = parseSums(this.sums);
    for (const line of badLines) this.report({ code: 'sums_bad_line', line });
    for (const [path, expected] of entries) {
      const file = this.files.get(path);
      if (!file) this.report({ code: 'sums_missing_file', path });
      else if (file.sha256 !== expected) this.report({ code: 'sums_mismatch', path, expected, found: file.sha256 });
    }
    for (const path of this.files.keys()) if (path !== SUMS_FILE && !entries.has(path)) this.report({ code: 'sums_unlisted', path });
  }

  private checkManifests(): BundleReport['manifests'] {
    const out: BundleReport['manifests'] = [];
    for (const [evidenceId, { sha256, text }] of [...this.manifests.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const sealed = this.sealed.get(evidenceId);
      if (!sealed) this.report({ code: 'manifest_not_in_ledger', evidenceId, found: sha256 });
      else if (sealed.manifestSha256 !== sha256)
        this.report({ code: 'manifest_hash', evidenceId, seq: sealed.seq, expected: sealed.manifestSha256, found: sha256 });
      let manifest: EvidenceManifest;
      try {
        manifest = JSON.parse(text) as EvidenceManifest;
        if (!Array.isArray(manifest.artefacts)) throw new Error('no artefacts');
      } catch {
        this.report({ code: 'manifest_unreadable', evidenceId });
        continue;
      }
      if (canonicalJson(manifest) !== text) this.report({ code: 'manifest_not_canonical', evidenceId });
      if (manifest.evidenceId !== evidenceId)
        this.report({ code: 'manifest_wrong_evidence', evidenceId, found: String(manifest.evidenceId) });
      const paths = artefactPaths(evidenceId, manifest.artefacts);
      manifest.artefacts.forEach((a, i) => {
        const path = paths[i] ?? '';
        const file = this.files.get(path);
        if (!file) this.report({ code: 'artefact_missing', evidenceId, kind: a.kind, path, expected: a.sha256 });
        else if (file.sha256 !== a.sha256)
          this.report({ code: 'artefact_hash', evidenceId, kind: a.kind, path, expected: a.sha256, found: file.sha256 });
        else if (file.size !== a.size)
          this.report({ code: 'artefact_size', evidenceId, kind: a.kind, path, expected: a.size, found: file.size });
      });
      out.push({ evidenceId, sha256, ledgerSeq: sealed?.seq ?? null, artefacts: manifest.artefacts.length });
    }
    for (const [evidenceId, sealed] of this.sealed) {
      if (!this.manifests.has(evidenceId)) this.report({ code: 'manifest_missing', evidenceId, seq: sealed.seq });
    }
    return out;
  }
}

export const bundleFiles = { sums: SUMS_FILE, head: HEAD_FILE, entries: ENTRIES_FILE, chain: CHAIN_FILE, manifestPath };
