// The job queue is graphile-worker's, in the same PostgreSQL (LISTEN/NOTIFY: a job starts a few
// ms after its transaction commits; SKIP LOCKED: several worker processes never run a job twice).
// Jobs are added with SQL inside the caller's transaction, so a state change, its Ledger entry
// and its jobs commit together (CONVENTIONS.md §6).
import { sql } from 'kysely';
import type pg from 'pg';
import { Logger, runMigrations } from 'graphile-worker';
import type { Queryable } from '../adapters/db/database.js';

export const QUEUE_SCHEMA = 'graphile_worker';

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one pending job per key (a later add replaces or keeps it, see jobKeyMode). */
  jobKey?: string;
  jobKeyMode?: 'replace' | 'preserve_run_at';
  maxAttempts?: number;
  /** Jobs of one queue name run one at a time, in order. */
  queueName?: string;
}

export interface JobEnvelope<P> {
  /** Stored JSON carries a version (CONVENTIONS.md §7). */
  v: number;
  payload: P;
}

export async function enqueueJob<P>(db: Queryable, name: string, version: number, payload: P, options: EnqueueOptions = {}): Promise<void> {
  const envelope: JobEnvelope<P> = { v: version, payload };
  await sql`select graphile_worker.add_job(
    identifier => ${name},
    payload => ${JSON.stringify(envelope)}::json,
    queue_name => ${options.queueName ?? null},
    run_at => ${options.runAt ?? null},
    max_attempts => ${options.maxAttempts ?? null},
    job_key => ${options.jobKey ?? null},
    job_key_mode => ${options.jobKeyMode ?? 'replace'}
  )`.execute(db);
}

export const quietLogger = new Logger(() => () => undefined);

/** Creates or upgrades the queue's own schema (graphile_worker). */
export async function migrateQueue(pool: pg.Pool): Promise<void> {
  await runMigrations({ pgPool: pool, schema: QUEUE_SCHEMA, logger: quietLogger });
}
