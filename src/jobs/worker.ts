// The worker loop: runs the declared jobs from the PostgreSQL queue. Inline in the server by
// default (WORKER=inline), or as separate `rempart worker` processes (WORKER=off on the API).
import { Logger, run, runOnce, type Runner, type Task, type TaskList } from 'graphile-worker';
import type pg from 'pg';
import type { AppContext } from '../app/context.js';
import type { JobDefinition } from './definitions.js';
import { recoverStaleCaptures } from '../app/evidence/recover-stale-captures.js';
import { CAPTURE_JOB } from '../app/evidence/request-capture.js';
import { jobs } from './index.js';
import { enqueueJob, type JobEnvelope, QUEUE_SCHEMA, quietLogger } from './queue.js';

export interface WorkerHandle {
  stop(): Promise<void>;
}

function taskFor(ctx: AppContext, def: JobDefinition): Task {
  return async (raw) => {
    const envelope = raw as JobEnvelope<unknown>;
    if (!envelope || envelope.v !== def.version) throw new Error(`job ${def.name}: unsupported payload version ${String(envelope?.v)}`);
    const payload = def.payload.parse(envelope.payload);
    try {
      await def.handler(ctx, payload);
    } finally {
      if (def.everyMs) {
        await enqueueJob(ctx.db, def.name, def.version, payload, {
          runAt: new Date(Date.now() + def.everyMs),
          jobKey: `periodic:${def.name}`,
          jobKeyMode: 'replace',
          maxAttempts: 1,
        });
      }
    }
  };
}

/** Makes sure each periodic job is scheduled once (keeps an already scheduled run time). */
export async function schedulePeriodicJobs(ctx: AppContext): Promise<void> {
  for (const def of jobs) {
    if (!def.everyMs) continue;
    await enqueueJob(ctx.db, def.name, def.version, {}, { jobKey: `periodic:${def.name}`, jobKeyMode: 'preserve_run_at', maxAttempts: 1 });
  }
}

/** Job kinds that drive the browser. */
const CAPTURE_JOBS = new Set<string>([CAPTURE_JOB.name]);

export function taskListFor(ctx: AppContext): TaskList {
  return Object.fromEntries(jobs.map((def) => [def.name, taskFor(ctx, def as JobDefinition)]));
}

/** Runs every job that is due now, then returns (tests, one-shot CLI runs). */
export async function runDueJobs(ctx: AppContext, pool: pg.Pool): Promise<void> {
  await runOnce({ pgPool: pool, schema: QUEUE_SCHEMA, taskList: taskListFor(ctx), logger: quietLogger });
}

export async function startWorker(ctx: AppContext, pool: pg.Pool, options: { concurrency?: number } = {}): Promise<WorkerHandle> {
  const taskList = taskListFor(ctx);
  const logger = new Logger((scope) => (level, message, meta) => {
    if (level === 'error') ctx.log.error({ component: 'worker', scope, ...meta }, message);
    else if (level === 'warning') ctx.log.warn({ component: 'worker', scope, ...meta }, message);
  });
  await schedulePeriodicJobs(ctx);
  // Captures abandoned by a killed process: re-queued or failed before new work starts.
  await recoverStaleCaptures(ctx).catch((error: unknown) => ctx.log.error({ component: 'capture', err: error }, 'capture recovery failed'));
  // Two runners: captures hold a job slot for seconds while they wait for a browser slot, so
  // they get their own, sized like CAPTURE_CONCURRENCY; mail, clocks and the rest never queue
  // behind them (bench/report-to-mail.ts: 201 → mail p95 went from ~10 s to ~1 s with captures).
  const captureTasks: TaskList = Object.fromEntries(Object.entries(taskList).filter(([name]) => CAPTURE_JOBS.has(name)));
  const otherTasks: TaskList = Object.fromEntries(Object.entries(taskList).filter(([name]) => !CAPTURE_JOBS.has(name)));
  const common = { pgPool: pool, schema: QUEUE_SCHEMA, noHandleSignals: true, pollInterval: 2000, logger } as const;
  const runner: Runner = await run({ ...common, taskList: otherTasks, concurrency: options.concurrency ?? 4 });
  const captureRunner: Runner | undefined =
    Object.keys(captureTasks).length > 0
      ? await run({ ...common, taskList: captureTasks, concurrency: Math.max(1, ctx.config.captureConcurrency) })
      : undefined;
  return {
    async stop() {
      await Promise.all([runner.stop(), captureRunner?.stop()]);
    },
  };
}
