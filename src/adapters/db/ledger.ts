// Ledger persistence. Appends are serialised by a transaction-scoped advisory lock, so several
// API and worker processes never fork the chain; the lock is released at commit or rollback of
// the caller's transaction, which also holds the state change being recorded.
import { sql } from 'kysely';
import { ChainVerifier, type ChainProblem, type LedgerBody, LEDGER_BODY_VERSION, nextLink } from '../../domain/ledger/chain.js';
import type { Db, Queryable, Tx } from './database.js';

const LEDGER_LOCK = 7_261_002;

export interface LedgerEvent {
  action: string;
  at: Date;
  actorId: string | null;
  organisationId: string | null;
  caseId?: string | null;
  subject?: { type: string; id: string } | null;
  data?: LedgerBody['data'];
}

export interface AppendedEntry {
  seq: number;
  hash: string;
}

export async function appendLedger(tx: Tx, event: LedgerEvent): Promise<AppendedEntry> {
  await sql`select pg_advisory_xact_lock(${LEDGER_LOCK})`.execute(tx);
  const head = await tx
    .selectFrom('ledger_entries')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const body: LedgerBody = {
    v: LEDGER_BODY_VERSION,
    action: event.action,
    at: event.at.toISOString(),
    actorId: event.actorId,
    organisationId: event.organisationId,
    caseId: event.caseId ?? null,
    subject: event.subject ?? null,
    data: event.data ?? {},
  };
  const link = nextLink(head ? { seq: Number(head.seq), hash: head.hash } : undefined, body);
  await tx
    .insertInto('ledger_entries')
    .values({
      seq: link.seq,
      at: event.at,
      organisation_id: event.organisationId,
      case_id: event.caseId ?? null,
      action: event.action,
      body: JSON.stringify(body),
      digest: link.digest,
      prev_hash: link.prevHash,
      hash: link.hash,
    })
    .execute();
  return { seq: link.seq, hash: link.hash };
}

/** Runs `work` in a transaction and appends `event` to the ledger in the same transaction. */
export async function withLedger<T>(db: Db, work: (tx: Tx) => Promise<{ result: T; events: LedgerEvent[] }>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    const { result, events } = await work(tx);
    for (const event of events) await appendLedger(tx, event);
    return result;
  });
}

export interface LedgerVerification {
  ok: boolean;
  entries: number;
  head: { seq: number; hash: string } | null;
  firstBadEntry?: { seq: number; problem: ChainProblem };
  problems: Array<{ seq: number; problem: ChainProblem }>;
}

export async function verifyLedger(db: Queryable, options: { batchSize?: number; maxProblems?: number } = {}): Promise<LedgerVerification> {
  const batchSize = options.batchSize ?? 5000;
  const maxProblems = options.maxProblems ?? 100;
  const verifier = new ChainVerifier();
  const problems: LedgerVerification['problems'] = [];
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('ledger_entries')
      .select(['seq', 'body', 'digest', 'prev_hash', 'hash'])
      .where('seq', '>', String(after))
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      const problem = verifier.push({ seq, body: row.body, digest: row.digest, prevHash: row.prev_hash, hash: row.hash });
      if (problem && problems.length < maxProblems) problems.push({ seq, problem });
      after = seq;
    }
    if (rows.length < batchSize) break;
  }
  const first = problems[0];
  return {
    ok: problems.length === 0,
    entries: verifier.entries,
    head: verifier.head ?? null,
    ...(first ? { firstBadEntry: first } : {}),
    problems,
  };
}
