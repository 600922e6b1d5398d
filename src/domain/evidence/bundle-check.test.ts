import { describe, expect, it } from 'vitest';
import { canonicalJson, type LedgerBody, nextLink, sha256Hex } from '../ledger/chain.js';
import { artefactPaths, formatSums, manifestPath } from './bundle.js';
import { BundleCheck } from './bundle-check.js';
import type { EvidenceManifest } from './manifest.js';

const caseId = '11111111-1111-4111-8111-111111111111';
const evidenceId = '22222222-2222-4222-8222-222222222222';
const content = Buffer.from('the screenshot bytes');

function body(action: string, extra: Partial<LedgerBody> = {}): LedgerBody {
  return {
    v: 1,
    action,
    at: '2026-03-03T15:00:00.000Z',
    actorId: null,
    organisationId: null,
    caseId: null,
    subject: null,
    data: {},
    ...extra,
  };
}

/** A consistent bundle: 6 ledger entries, entries 2 and 5 about the case (5 seals the evidence). */
function build() {
  const manifest = {
    v: 1,
    evidenceId,
    caseId,
    source: 'upload',
    artefacts: [{ kind: 'upload', mediaType: 'image/png', size: content.length, sha256: sha256Hex(content), filename: 'a.png' }],
  } as unknown as EvidenceManifest;
  const manifestText = canonicalJson(manifest);
  const bodies = [
    body('other.a'),
    body('case.opened', { caseId }),
    body('other.b'),
    body('other.c'),
    body('evidence.sealed', { caseId, subject: { type: 'evidence', id: evidenceId }, data: { manifestSha256: sha256Hex(manifestText) } }),
    body('other.d'),
  ];
  const links: Array<{ seq: number; prev_hash: string; digest: string; hash: string; body: LedgerBody }> = [];
  let prev: { seq: number; hash: string } | undefined;
  for (const b of bodies) {
    const l = nextLink(prev, b);
    links.push({ seq: l.seq, prev_hash: l.prevHash, digest: l.digest, hash: l.hash, body: b });
    prev = { seq: l.seq, hash: l.hash };
  }
  const entries = links
    .filter((l) => l.body.caseId === caseId)
    .map((l) =>
      JSON.stringify({
        seq: l.seq,
        at: l.body.at,
        action: l.body.action,
        body: l.body,
        digest: l.digest,
        prev_hash: l.prev_hash,
        hash: l.hash,
      }),
    );
  const chain = links.slice(1).map((l) => JSON.stringify({ seq: l.seq, prev_hash: l.prev_hash, digest: l.digest, hash: l.hash }));
  const head = JSON.stringify({ v: 1, seq: prev?.seq, hash: prev?.hash, exportedAt: '2026-03-03T16:00:00.000Z', caseId });
  const artefactPath = artefactPaths(evidenceId, manifest.artefacts)[0] ?? '';
  return { manifestText, entries, chain, head, artefactPath };
}

function check(b: ReturnType<typeof build>, tweak: { artefact?: Buffer; skipSums?: boolean; sumsFor?: Record<string, string> } = {}) {
  const c = new BundleCheck();
  const files = new Map<string, Buffer>([
    [manifestPath(evidenceId), Buffer.from(b.manifestText)],
    [b.artefactPath, tweak.artefact ?? content],
    ['ledger/head.json', Buffer.from(b.head)],
    ['ledger/entries.jsonl', Buffer.from(`${b.entries.join('\n')}\n`)],
    ['ledger/chain.jsonl', Buffer.from(`${b.chain.join('\n')}\n`)],
  ]);
  const sums = new Map([...files].map(([p, bytes]) => [p, sha256Hex(bytes)]));
  // The honest SHA256SUMS is made from the original artefact.
  sums.set(b.artefactPath, sha256Hex(content));
  for (const [p, s] of Object.entries(tweak.sumsFor ?? {})) sums.set(p, s);
  if (!tweak.skipSums) files.set('SHA256SUMS', Buffer.from(formatSums(sums)));
  for (const [path, bytes] of files) c.addFile(path, sha256Hex(bytes), bytes.length);
  if (!tweak.skipSums) c.setSums(files.get('SHA256SUMS')?.toString() ?? '');
  c.setHead(b.head);
  for (const [i, l] of b.entries.entries()) c.addEntryLine(l, i + 1);
  for (const [i, l] of b.chain.entries()) c.addChainLine(l, i + 1);
  c.addManifest(evidenceId, b.manifestText);
  return c.finish();
}

describe('offline bundle check', () => {
  it('accepts a consistent bundle and says what it checked', () => {
    const r = check(build());
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.manifests).toEqual([{ evidenceId, sha256: sha256Hex(build().manifestText), ledgerSeq: 5, artefacts: 1 }]);
    expect(r.chain).toEqual({ from: 2, to: 6, links: 5 });
    expect(r.entries).toBe(2);
  });

  it('names a changed artefact twice: against SHA256SUMS and against its manifest', () => {
    const changed = Buffer.from(content);
    changed[0] = (changed[0] ?? 0) ^ 1;
    const b = build();
    const codes = check(b, { artefact: changed }).problems.map((p) => p.code);
    expect(codes).toEqual(['sums_mismatch', 'artefact_hash']);
  });

  it('names a manifest that is not the sealed one', () => {
    const b = build();
    b.manifestText = b.manifestText.replace('a.png', 'b.png');
    const problems = check(b).problems;
    expect(problems.find((p) => p.code === 'manifest_hash')).toMatchObject({ evidenceId, seq: 5 });
  });

  it('names an edited ledger entry, a missing link and a wrong head', () => {
    const edited = build();
    edited.entries[0] = edited.entries[0]?.replaceAll('case.opened"', 'case.closed"') ?? '';
    expect(check(edited).problems.map((p) => p.code)).toContain('entry_digest');

    const gap = build();
    gap.chain.splice(2, 1);
    expect(check(gap).problems).toContainEqual({ code: 'chain_gap', after: 3, seq: 5 });

    const head = build();
    head.head = head.head.replace(/"seq":6/, '"seq":7');
    expect(check(head).problems.map((p) => p.code)).toContain('chain_head');
  });

  it('names a missing SHA256SUMS and unlisted files', () => {
    expect(check(build(), { skipSums: true }).problems.map((p) => p.code)).toEqual(['sums_absent']);
  });
});
