import { describe, expect, it } from 'vitest';
import { ChainVerifier, GENESIS_HASH, type LedgerBody, bodyDigest, canonicalJson, linkHash, nextLink } from './chain.js';

const body = (action: string, n: number): LedgerBody => ({
  v: 1,
  action,
  at: `2026-01-0${n}T00:00:00.000Z`,
  actorId: null,
  organisationId: null,
  caseId: null,
  subject: { type: 'user', id: `u${n}` },
  data: { n },
});

function chainOf(count: number) {
  const out: Array<{ seq: number; body: LedgerBody; digest: string; prevHash: string; hash: string }> = [];
  let prev: { seq: number; hash: string } | undefined;
  for (let i = 1; i <= count; i += 1) {
    const b = body('user.created', i);
    const link = nextLink(prev, b);
    out.push({ ...link, body: b });
    prev = link;
  }
  return out;
}

describe('ledger chain', () => {
  it('canonicalises JSON with sorted keys and no spaces (RFC 8785)', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":1}');
  });

  it('starts from 64 zeros and hashes prev bytes followed by digest bytes', () => {
    const link = nextLink(undefined, body('x', 1));
    expect(link.prevHash).toBe(GENESIS_HASH);
    expect(link.seq).toBe(1);
    expect(link.digest).toBe(bodyDigest(body('x', 1)));
    expect(link.hash).toBe(linkHash(GENESIS_HASH, link.digest));
    expect(link.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts an intact chain', () => {
    const v = new ChainVerifier();
    expect(chainOf(5).map((e) => v.push(e))).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(v.entries).toBe(5);
  });

  it('names an edited body, a broken link and a missing entry', () => {
    const entries = chainOf(4);
    const edited = entries.map((e) => ({ ...e }));
    (edited[1] as { body: LedgerBody }).body = body('user.deleted', 2);
    const v1 = new ChainVerifier();
    expect(edited.map((e) => v1.push(e))[1]).toBe('digest_mismatch');

    const gap = [entries[0], entries[2], entries[3]].filter((e) => e !== undefined);
    const v2 = new ChainVerifier();
    expect(gap.map((e) => v2.push(e))[1]).toBe('seq_gap');

    const forged = entries.map((e) => ({ ...e }));
    (forged[2] as { hash: string }).hash = 'f'.repeat(64);
    const v3 = new ChainVerifier();
    const problems = forged.map((e) => v3.push(e));
    expect(problems[2]).toBe('hash_mismatch');
    expect(problems[3]).toBe('prev_hash_mismatch');
  });
});
