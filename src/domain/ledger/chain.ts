// The ledger's hash chain (DESIGN.md §3): digest = SHA-256(RFC 8785 canonical JSON of the body),
// hash = SHA-256(prev_hash bytes || digest bytes), 64 zeros before the first entry.
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// The package is CommonJS (module.exports = fn) while its types declare an ES default export.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export const GENESIS_HASH = '0'.repeat(64);
export const LEDGER_BODY_VERSION = 1;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** What an entry says. Ids, actions, times and digests only: never free text or personal data. */
export interface LedgerBody {
  v: typeof LEDGER_BODY_VERSION;
  action: string;
  at: string;
  actorId: string | null;
  organisationId: string | null;
  caseId: string | null;
  subject: { type: string; id: string } | null;
  data: { [key: string]: Json };
}

export interface ChainLink {
  seq: number;
  prevHash: string;
  digest: string;
  hash: string;
}

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value cannot be canonicalised');
  return text;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function bodyDigest(body: unknown): string {
  return sha256Hex(canonicalJson(body));
}

export function linkHash(prevHash: string, digest: string): string {
  return createHash('sha256').update(Buffer.from(prevHash, 'hex')).update(Buffer.from(digest, 'hex')).digest('hex');
}

export function nextLink(prev: { seq: number; hash: string } | undefined, body: LedgerBody): ChainLink {
  const prevHash = prev?.hash ?? GENESIS_HASH;
  const digest = bodyDigest(body);
  return { seq: (prev?.seq ?? 0) + 1, prevHash, digest, hash: linkHash(prevHash, digest) };
}

export type ChainProblem =
  | 'seq_gap'
  | 'prev_hash_mismatch'
  | 'digest_mismatch'
  | 'hash_mismatch';

export interface StoredEntry {
  seq: number;
  body: unknown;
  digest: string;
  prevHash: string;
  hash: string;
}

/**
 * Checks entries in seq order, one at a time, so a verifier can stream millions of rows.
 * Reports the first problem of each entry; the caller decides whether to go on.
 */
export class ChainVerifier {
  private prev: { seq: number; hash: string } | undefined;
  entries = 0;

  constructor(start?: { seq: number; hash: string }) {
    this.prev = start;
  }

  get head(): { seq: number; hash: string } | undefined {
    return this.prev;
  }

  push(entry: StoredEntry): ChainProblem | undefined {
    this.entries += 1;
    const expectedSeq = (this.prev?.seq ?? 0) + 1;
    const expectedPrev = this.prev?.hash ?? GENESIS_HASH;
    let problem: ChainProblem | undefined;
    if (entry.seq !== expectedSeq) problem = 'seq_gap';
    else if (entry.prevHash !== expectedPrev) problem = 'prev_hash_mismatch';
    else if (bodyDigest(entry.body) !== entry.digest) problem = 'digest_mismatch';
    else if (linkHash(entry.prevHash, entry.digest) !== entry.hash) problem = 'hash_mismatch';
    this.prev = { seq: entry.seq, hash: entry.hash };
    return problem;
  }
}
