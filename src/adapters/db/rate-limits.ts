// Fixed-window counters in PostgreSQL, so a limit holds across every API process.
import { sql } from 'kysely';
import type { Queryable } from './database.js';

/** Counts one hit on `key` and returns the count in the current window and when it ends. */
export async function hitRateLimit(db: Queryable, key: string, windowMs: number, now: Date): Promise<{ count: number; resetAt: Date }> {
  const windowStartFloor = new Date(now.getTime() - windowMs);
  const row = await sql<{ count: number; window_start: Date }>`
    insert into rate_limits (key, window_start, count) values (${key}, ${now}, 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start <= ${windowStartFloor} then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= ${windowStartFloor} then ${now} else rate_limits.window_start end
    returning count, window_start`.execute(db);
  const r = row.rows[0];
  if (!r) throw new Error('rate limit upsert returned nothing');
  return { count: r.count, resetAt: new Date(new Date(r.window_start).getTime() + windowMs) };
}

/** The current count without counting a hit. */
export async function peekRateLimit(db: Queryable, key: string, windowMs: number, now: Date): Promise<{ count: number; resetAt: Date }> {
  const r = await db.selectFrom('rate_limits').select(['count', 'window_start']).where('key', '=', key).executeTakeFirst();
  if (!r || r.window_start.getTime() <= now.getTime() - windowMs) return { count: 0, resetAt: now };
  return { count: r.count, resetAt: new Date(r.window_start.getTime() + windowMs) };
}

export async function clearRateLimit(db: Queryable, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

/** Old windows are useless; a periodic sweep keeps the table small. */
export async function purgeRateLimits(db: Queryable, olderThan: Date): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_start', '<', olderThan).execute();
}
