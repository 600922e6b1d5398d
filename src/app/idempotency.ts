// Idempotency-Key (DESIGN.md §5): the first answer to a (user, key) is stored in the same
// transaction as what it created; a retry gets that answer back and creates nothing. The same
// key with a different request is refused (409 conflict).
import { sql } from 'kysely';
import type { Db, Tx } from '../adapters/db/database.js';
import { bodyDigest } from '../domain/ledger/chain.js';
import { DomainError } from '../domain/errors.js';

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export async function withIdempotency<T extends object>(
  db: Db,
  input: { userId: string; key: string | undefined; route: string; request: unknown; now: Date },
  work: (tx: Tx) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  const { key } = input;
  if (!key) {
    const r = await db.transaction().execute(work);
    return { ...r, replayed: false };
  }
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new DomainError('invalid_input', { fields: [{ path: 'Idempotency-Key', message: 'invalid' }] });
  const requestHash = bodyDigest({ route: input.route, request: input.request ?? null });
  return db.transaction().execute(async (tx) => {
    // Serialise concurrent retries of the same key.
    await sql`select pg_advisory_xact_lock(hashtextextended(${`${input.userId}:${key}`}, 7261003))`.execute(tx);
    const prior = await tx
      .selectFrom('idempotency_keys')
      .select(['route', 'request_hash', 'status_code', 'response'])
      .where('user_id', '=', input.userId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (prior) {
      if (prior.route !== input.route || prior.request_hash !== requestHash) throw new DomainError('conflict', { messageKey: 'error.idempotency_key_reused' });
      return { status: prior.status_code, body: prior.response as T, replayed: true };
    }
    const r = await work(tx);
    await tx
      .insertInto('idempotency_keys')
      .values({ user_id: input.userId, key, route: input.route, request_hash: requestHash, status_code: r.status, response: JSON.stringify(r.body), created_at: input.now })
      .execute();
    return { ...r, replayed: false };
  });
}
