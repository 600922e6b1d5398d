// Queries on watches, their runs and the triage inbox of results (migrations/0008_watches.sql).
import { sql } from 'kysely';
import type { Queryable } from './database.js';
import type { StoredProviderError, StoredWatchQuery, WatchResultStatus } from './schema-watches.js';

export async function insertWatch(
  db: Queryable,
  w: {
    caseId: string;
    queries: StoredWatchQuery[];
    sites: string[];
    providers: string[];
    intervalHours: number;
    createdBy: string;
    at: Date;
    nextRunAt: Date;
  },
) {
  return db
    .insertInto('watches')
    .values({
      case_id: w.caseId,
      queries: JSON.stringify(w.queries),
      sites: w.sites,
      providers: w.providers,
      interval_hours: w.intervalHours,
      created_by: w.createdBy,
      created_at: w.at,
      updated_at: w.at,
      next_run_at: w.nextRunAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findWatch(db: Queryable, id: string) {
  return db.selectFrom('watches').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockWatch(db: Queryable, id: string) {
  return db.selectFrom('watches').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listCaseWatches(db: Queryable, caseId: string) {
  return db.selectFrom('watches').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
}

export async function updateWatchRow(
  db: Queryable,
  id: string,
  set: Partial<{
    queries: string;
    sites: string[];
    providers: string[];
    interval_hours: number;
    active: boolean;
    next_run_at: Date | null;
    last_run_at: Date;
    last_error: string;
    updated_at: Date;
  }>,
) {
  return db
    .updateTable('watches')
    .set({ ...set, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteWatchRow(db: Queryable, id: string): Promise<void> {
  await db.deleteFrom('watches').where('id', '=', id).execute();
}

/**
 * Claims up to `limit` due watches of open cases: their next run moves `leaseUntil` ahead so a
 * second worker skips them (SKIP LOCKED) while this one runs them.
 */
export async function claimDueWatches(db: Queryable, now: Date, leaseUntil: Date, limit: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    update watches set next_run_at = ${leaseUntil}
    where id in (
      select w.id from watches w join cases c on c.id = w.case_id
      where w.active and w.next_run_at is not null and w.next_run_at <= ${now} and c.status <> 'closed'
      order by w.next_run_at
      limit ${limit}
      for update of w skip locked
    )
    returning id`.execute(db);
  return rows.rows.map((r) => r.id);
}

export async function insertWatchRun(db: Queryable, r: { watchId: string; caseId: string; trigger: 'schedule' | 'manual'; at: Date }) {
  return db
    .insertInto('watch_runs')
    .values({ watch_id: r.watchId, case_id: r.caseId, trigger: r.trigger, status: 'running', started_at: r.at })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function finishWatchRun(
  db: Queryable,
  id: string,
  r: {
    status: 'ok' | 'partial' | 'failed';
    at: Date;
    requests: number;
    resultCount: number;
    newCount: number;
    errors: StoredProviderError[];
  },
): Promise<void> {
  await db
    .updateTable('watch_runs')
    .set({
      status: r.status,
      finished_at: r.at,
      requests: r.requests,
      result_count: r.resultCount,
      new_count: r.newCount,
      errors: JSON.stringify(r.errors),
    })
    .where('id', '=', id)
    .execute();
}

export async function lastRunsOf(db: Queryable, watchIds: readonly string[]) {
  if (watchIds.length === 0) return [];
  return db
    .selectFrom('watch_runs')
    .selectAll()
    .distinctOn('watch_id')
    .where('watch_id', 'in', watchIds)
    .orderBy('watch_id')
    .orderBy('seq', 'desc')
    .execute();
}

export async function watchResultsByUrl(db: Queryable, caseId: string, normalizedUrls: readonly string[]) {
  if (normalizedUrls.length === 0) return [];
  return db.selectFrom('watch_results').selectAll().where('case_id', '=', caseId).where('normalized_url', 'in', normalizedUrls).execute();
}

export async function insertWatchResult(
  db: Queryable,
  r: {
    caseId: string;
    watchId: string | null;
    normalizedUrl: string;
    url: string;
    host: string;
    title: string | null;
    snippet: string | null;
    providers: string[];
    at: Date;
    status: WatchResultStatus;
    locationId: string | null;
  },
) {
  return db
    .insertInto('watch_results')
    .values({
      case_id: r.caseId,
      watch_id: r.watchId,
      normalized_url: r.normalizedUrl,
      url: r.url,
      host: r.host,
      title: r.title,
      snippet: r.snippet,
      providers: r.providers,
      first_seen_at: r.at,
      last_seen_at: r.at,
      status: r.status,
      location_id: r.locationId,
    })
    .onConflict((oc) => oc.constraint('watch_results_case_url_key').doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function touchWatchResult(
  db: Queryable,
  id: string,
  set: { providers: string[]; at: Date; title: string | null; snippet: string | null },
): Promise<void> {
  await db
    .updateTable('watch_results')
    .set({
      providers: set.providers,
      last_seen_at: set.at,
      title: sql<string | null>`coalesce(title, ${set.title})`,
      snippet: sql<string | null>`coalesce(snippet, ${set.snippet})`,
    })
    .where('id', '=', id)
    .execute();
}

export async function listWatchResults(db: Queryable, caseId: string, filter: { status?: WatchResultStatus; limit: number }) {
  let q = db.selectFrom('watch_results').selectAll().where('case_id', '=', caseId);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('first_seen_at', 'desc').orderBy('id').limit(filter.limit).execute();
}

export async function lockWatchResult(db: Queryable, id: string) {
  return db.selectFrom('watch_results').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findWatchResult(db: Queryable, id: string) {
  return db.selectFrom('watch_results').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function decideWatchResult(
  db: Queryable,
  id: string,
  set: { status: WatchResultStatus; locationId: string | null; by: string; at: Date },
) {
  return db
    .updateTable('watch_results')
    .set({ status: set.status, location_id: set.locationId, decided_by: set.by, decided_at: set.at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
