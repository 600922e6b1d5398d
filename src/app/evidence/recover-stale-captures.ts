// After a crash (kill -9 of the server or a worker during a capture) an evidence stays
// `capturing` and its queue job stays locked. At worker start, and every minute, captures whose
// advisory lock nobody holds (its process is gone) are re-queued — or failed once their
// attempts are spent — with a Ledger entry; the work directories of dead processes are removed.
// Nothing was sealed for them: sealing happens only after every blob is stored.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { AppContext } from '../context.js';
import { CAPTURE_JOB, captureJobKey, enqueueCapture } from './request-capture.js';
import { captureWorkRoot, releaseCaptureLock, tryCaptureLock } from './run-capture.js';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function recoverStaleCaptures(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'log'>,
): Promise<{ requeued: number; failed: number; tempRemoved: number }> {
  let requeued = 0;
  let failed = 0;
  const stuck = await ctx.db.selectFrom('evidence').select('id').where('status', '=', 'capturing').execute();
  for (const { id } of stuck) {
    await ctx.db.connection().execute(async (conn) => {
      if (!(await tryCaptureLock(conn, id))) return; // a live process is capturing it
      try {
        await ctx.db.transaction().execute(async (tx) => {
          const ev = await tx
            .selectFrom('evidence')
            .select(['status', 'attempts', 'case_id'])
            .where('id', '=', id)
            .forUpdate()
            .executeTakeFirst();
          if (!ev || ev.status !== 'capturing') return;
          const now = ctx.clock.now();
          const spent = ev.attempts >= CAPTURE_JOB.maxAttempts;
          await tx
            .updateTable('evidence')
            .set(
              spent
                ? {
                    status: 'failed',
                    progress: null,
                    error_code: 'interrupted',
                    error_message: 'the capture was interrupted (process stopped) and its attempts are spent',
                    finished_at: now,
                  }
                : {
                    status: 'queued',
                    progress: null,
                    error_code: 'interrupted',
                    error_message: 'the capture was interrupted (process stopped); queued again',
                  },
            )
            .where('id', '=', id)
            .execute();
          const c = await tx.selectFrom('cases').select('organisation_id').where('id', '=', ev.case_id).executeTakeFirstOrThrow();
          await appendLedger(tx, {
            action: spent ? 'evidence.capture_failed' : 'evidence.capture_requeued',
            at: now,
            actorId: null,
            organisationId: c.organisation_id,
            caseId: ev.case_id,
            subject: { type: 'evidence', id },
            data: { code: 'interrupted', attempt: ev.attempts },
          });
          if (spent) failed += 1;
          else {
            await enqueueCapture(tx, id);
            requeued += 1;
          }
        });
      } finally {
        await releaseCaptureLock(conn, id).catch(() => undefined);
      }
    });
  }
  // A capture `queued` for over a minute whose job is gone or dead (its attempts spent on errors
  // outside the capture itself, e.g. the database went away) gets a new job.
  const cutoff = new Date(ctx.clock.now().getTime() - 60_000);
  const waiting = await ctx.db
    .selectFrom('evidence')
    .select('id')
    .where('status', '=', 'queued')
    .where('source', '=', 'capture')
    .where('created_at', '<', cutoff)
    .limit(500)
    .execute();
  if (waiting.length > 0) {
    const keys = waiting.map((w) => captureJobKey(w.id));
    const live = await sql<{
      key: string;
    }>`select key from graphile_worker.jobs where key = any(${keys}::text[]) and attempts < max_attempts`.execute(ctx.db);
    const alive = new Set(live.rows.map((r) => r.key));
    for (const w of waiting) {
      if (alive.has(captureJobKey(w.id))) continue;
      await ctx.db.transaction().execute(async (tx) => {
        const ev = await tx.selectFrom('evidence').select('status').where('id', '=', w.id).forUpdate().executeTakeFirst();
        if (ev?.status === 'queued') await enqueueCapture(tx, w.id);
      });
      requeued += 1;
    }
  }

  let tempRemoved = 0;
  const root = captureWorkRoot(ctx);
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1] ?? Number.NaN);
    if (!Number.isFinite(pid) || pid === process.pid || processAlive(pid)) continue;
    await rm(join(root, name), { recursive: true, force: true });
    tempRemoved += 1;
  }
  if (requeued + failed + tempRemoved > 0)
    ctx.log.info({ component: 'capture', requeued, failed, tempRemoved }, 'recovered interrupted captures');
  return { requeued, failed, tempRemoved };
}
