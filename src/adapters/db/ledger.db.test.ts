import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db.js';
import { appendLedger, verifyLedger } from './ledger.js';

const run = promisify(execFile);
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function append(n: number) {
  for (let i = 0; i < n; i += 1) {
    await t.db.transaction().execute((tx) =>
      appendLedger(tx, { action: 'test.event', at: new Date('2026-03-02T14:00:00Z'), actorId: null, organisationId: null, data: { i } }),
    );
  }
}

describe('ledger (database)', () => {
  it('appends a verifiable chain', async () => {
    await append(5);
    const result = await verifyLedger(t.db);
    expect(result.ok).toBe(true);
    expect(result.entries).toBe(5);
    expect(result.head?.seq).toBe(5);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of ledger rows', async () => {
    await expect(sql`update ledger_entries set action = 'x' where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ledger_entries where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate ledger_entries`.execute(t.db)).rejects.toThrow(/append-only/);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('leaves one unbroken chain when two processes append at once', async () => {
    const before = (await verifyLedger(t.db)).entries;
    const script = fileURLToPath(new URL('../../../tests/fixtures/append-ledger.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../bin/tsx.js', import.meta.url));
    const cfg = JSON.stringify(t.config);
    await Promise.all([run(process.execPath, [tsx, script, cfg, '60', 'a']), run(process.execPath, [tsx, script, cfg, '60', 'b'])]);
    const result = await verifyLedger(t.db);
    expect(result.ok).toBe(true);
    expect(result.entries).toBe(before + 120);
  }, 60_000);

  it('reports an entry changed behind the trigger’s back, naming its number', async () => {
    await append(3);
    const victim = 4;
    // Someone with superuser rights disables the guard and edits a row.
    await t.db.transaction().execute(async (tx) => {
      await sql`alter table ledger_entries disable trigger ledger_entries_no_update`.execute(tx);
      await sql`update ledger_entries set body = jsonb_set(body, '{action}', '"tampered"') where seq = ${victim}`.execute(tx);
      await sql`alter table ledger_entries enable trigger ledger_entries_no_update`.execute(tx);
    });
    const result = await verifyLedger(t.db);
    expect(result.ok).toBe(false);
    expect(result.firstBadEntry).toEqual({ seq: victim, problem: 'digest_mismatch' });
  });

  it('reports a deleted entry as a gap', async () => {
    const db2 = await createTestDatabase();
    try {
      for (let i = 0; i < 4; i += 1) {
        await db2.db.transaction().execute((tx) => appendLedger(tx, { action: 'x', at: new Date(), actorId: null, organisationId: null }));
      }
      await db2.db.transaction().execute(async (tx) => {
        await sql`set local session_replication_role = replica`.execute(tx);
        await sql`delete from ledger_entries where seq = 2`.execute(tx);
      });
      const result = await verifyLedger(db2.db);
      expect(result.firstBadEntry).toEqual({ seq: 3, problem: 'seq_gap' });
    } finally {
      await db2.drop();
    }
  });
});
