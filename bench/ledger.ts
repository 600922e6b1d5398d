// Ledger benchmark (Foundation issue): append rate and verify rate, in entries per second,
// against the bare SHA-256 rate of the same bytes measured in the same run.
//   node bin/tsx.js bench/ledger.ts [entries=5000]
// Runs on a throwaway embedded PostgreSQL (or DATABASE_URL if set: its ledger must be empty).
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/adapters/db/database.js';
import { appendLedger, verifyLedger } from '../src/adapters/db/ledger.js';
import { migrate } from '../src/adapters/db/migrate.js';
import { canonicalJson, GENESIS_HASH, type LedgerBody } from '../src/domain/ledger/chain.js';

const N = Number(process.argv[2] ?? 5000);
const dataDir = await mkdtemp(join(tmpdir(), 'rempart-bench-'));
await chmod(dataDir, 0o755);
const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, log: () => undefined });
await migrate(handle.pool);
const db = handle.db;

const at = new Date('2026-03-02T14:00:00Z');
const event = (i: number) => ({
  action: 'bench.event',
  at,
  actorId: '6f1c2a8e-0000-4000-8000-000000000001',
  organisationId: '6f1c2a8e-0000-4000-8000-000000000002',
  subject: { type: 'case', id: '6f1c2a8e-0000-4000-8000-000000000003' },
  data: { i, digest: createHash('sha256').update(String(i)).digest('hex') },
});

function rate(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

// 1. Bare SHA-256 over the same bytes: canonical JSON digest + link hash, no database.
let t0 = performance.now();
let prev = GENESIS_HASH;
for (let i = 0; i < N; i += 1) {
  const e = event(i);
  const body: LedgerBody = { v: 1, action: e.action, at: at.toISOString(), actorId: e.actorId, organisationId: e.organisationId, caseId: null, subject: e.subject, data: e.data };
  const digest = createHash('sha256').update(canonicalJson(body)).digest();
  prev = createHash('sha256').update(Buffer.from(prev, 'hex')).update(digest).digest('hex');
}
const bareMs = performance.now() - t0;

// 2. Appends, one transaction each (how the app appends: with its state change).
const single = Math.min(N, 2000);
t0 = performance.now();
for (let i = 0; i < single; i += 1) await db.transaction().execute((tx) => appendLedger(tx, event(i)));
const singleMs = performance.now() - t0;

// 3. Appends from 4 concurrent writers (serialised by the advisory lock).
t0 = performance.now();
await Promise.all(
  Array.from({ length: 4 }, async (_, lane) => {
    for (let i = lane; i < single; i += 4) await db.transaction().execute((tx) => appendLedger(tx, event(i)));
  }),
);
const concurrentMs = performance.now() - t0;

// 4. Batched appends (many entries in one transaction: imports, seeding).
const batched = N;
t0 = performance.now();
for (let start = 0; start < batched; start += 500) {
  await db.transaction().execute(async (tx) => {
    for (let i = start; i < Math.min(batched, start + 500); i += 1) await appendLedger(tx, event(i));
  });
}
const batchedMs = performance.now() - t0;

// 5. Verify the whole chain.
t0 = performance.now();
const v = await verifyLedger(db);
const verifyMs = performance.now() - t0;
if (!v.ok) throw new Error('chain broken during benchmark');

const bare = rate(N, bareMs);
const rows = [
  ['bare SHA-256 (canonical JSON + link)', bare, 1],
  ['append, 1 transaction each', rate(single, singleMs)],
  ['append, 4 concurrent writers', rate(single, concurrentMs)],
  ['append, 500 per transaction', rate(batched, batchedMs)],
  [`verify (${v.entries} entries)`, rate(v.entries, verifyMs)],
] as const;
console.log(`ledger benchmark, ${N} entries, PostgreSQL ${handle.kind}`);
console.log('what'.padEnd(40), 'entries/s'.padStart(10), 'ratio to bare'.padStart(15));
for (const [what, perSecond] of rows) {
  console.log(String(what).padEnd(40), String(perSecond).padStart(10), (perSecond / bare).toFixed(4).padStart(15));
}
await handle.close();
await rm(dataDir, { recursive: true, force: true });
if (handle.embedded) await rm(handle.embedded.baseDir, { recursive: true, force: true });
