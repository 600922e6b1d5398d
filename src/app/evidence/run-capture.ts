// The capture job's use case: queued → capturing → sealed (or failed), each change with its
// Ledger entry. The browser work happens outside any transaction; every artefact is in the blob
// store before the sealing transaction, so a sealed evidence never points to a missing blob.
//
// While it captures, this process holds a PostgreSQL session advisory lock on the evidence: a
// process killed mid-capture loses its connection and with it the lock, which is how
// recoverStaleCaptures() tells an abandoned capture from one still running in another worker.
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db, Queryable } from '../../adapters/db/database.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { CaptureStep } from '../../domain/capture/capture-report.js';
import type { ManifestArtefact } from '../../domain/evidence/manifest.js';
import type { AppContext } from '../context.js';
import { CaptureError, type CaptureOutput } from './capture-ports.js';
import type { StoredBlob } from './ports.js';
import { CAPTURE_JOB } from './request-capture.js';
import { sealEvidence } from './seal-evidence.js';

/** Where captures write their files before they go to the blob store (same file system). */
export function captureWorkRoot(ctx: Pick<AppContext, 'config'>): string {
  return join(ctx.config.dataDir, 'tmp', 'captures');
}

/** The advisory lock key of an evidence: its uuid's first 64 bits, as a signed bigint. */
export function captureLockKey(evidenceId: string): string {
  return BigInt.asIntN(64, BigInt(`0x${evidenceId.replaceAll('-', '').slice(0, 16)}`)).toString();
}

export async function tryCaptureLock(db: Queryable, evidenceId: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${captureLockKey(evidenceId)}::bigint) as ok`.execute(db);
  return r.rows[0]?.ok === true;
}

export async function releaseCaptureLock(db: Queryable, evidenceId: string): Promise<void> {
  await sql`select pg_advisory_unlock(${captureLockKey(evidenceId)}::bigint)`.execute(db);
}

async function caseOf(db: Queryable, caseId: string) {
  return db.selectFrom('cases').select(['id', 'organisation_id']).where('id', '=', caseId).executeTakeFirstOrThrow();
}

export type RunCaptureResult = 'sealed' | 'failed' | 'retry' | 'skipped';

/**
 * Runs one attempt. Returns 'retry' when the attempt failed but another is due (the job then
 * throws so the queue retries with back-off); 'failed' once the evidence is marked failed.
 */
export async function runCapture(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'blobs' | 'capture' | 'log'>,
  input: { evidenceId: string },
): Promise<RunCaptureResult> {
  const { evidenceId } = input;
  // A dedicated connection holds the advisory lock for the whole attempt.
  return ctx.db.connection().execute(async (conn) => {
    if (!(await tryCaptureLock(conn, evidenceId))) return 'skipped'; // another worker has it
    try {
      return await attempt(ctx, conn, evidenceId);
    } finally {
      await releaseCaptureLock(conn, evidenceId).catch(() => undefined);
    }
  });
}

async function attempt(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'blobs' | 'capture' | 'log'>,
  conn: Db,
  evidenceId: string,
): Promise<RunCaptureResult> {
  // 1. queued → capturing (Ledger), attempt counted.
  const started = await ctx.db.transaction().execute(async (tx) => {
    const ev = await tx.selectFrom('evidence').selectAll().where('id', '=', evidenceId).forUpdate().executeTakeFirst();
    if (!ev || ev.source !== 'capture' || (ev.status !== 'queued' && ev.status !== 'capturing') || !ev.source_url) return undefined;
    const now = ctx.clock.now();
    const updated = await tx
      .updateTable('evidence')
      .set({ status: 'capturing', attempts: ev.attempts + 1, started_at: now, progress: 'loading', error_code: null, error_message: null })
      .where('id', '=', evidenceId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const c = await caseOf(tx, ev.case_id);
    await appendLedger(tx, {
      action: 'evidence.capture_started',
      at: now,
      actorId: null,
      organisationId: c.organisation_id,
      caseId: ev.case_id,
      subject: { type: 'evidence', id: evidenceId },
      data: { attempt: updated.attempts },
    });
    return { ev: updated, organisationId: c.organisation_id };
  });
  if (!started) return 'skipped';
  const { ev } = started;
  const sourceUrl = ev.source_url ?? '';
  const captureStartedAt = ctx.clock.now();
  const workDir = join(captureWorkRoot(ctx), `${process.pid}-${evidenceId}-${randomBytes(4).toString('hex')}`);
  await mkdir(workDir, { recursive: true });
  try {
    let output: CaptureOutput;
    // Progress for the UI is written in order, off the capture's critical path.
    let progressWrites: Promise<unknown> = Promise.resolve();
    // Each file goes into the blob store as soon as the browser has finished it.
    const storing = new Map<string, Promise<StoredBlob>>();
    try {
      output = await ctx.capture.capture({
        url: sourceUrl,
        workDir,
        onProgress: (step: CaptureStep) => {
          progressWrites = progressWrites
            .then(() =>
              conn.updateTable('evidence').set({ progress: step }).where('id', '=', evidenceId).where('status', '=', 'capturing').execute(),
            )
            .catch(() => undefined);
        },
        onFile: (f) => {
          const put = ctx.blobs.putFile(f.path, { move: true });
          put.catch(() => undefined); // awaited below
          storing.set(f.path, put);
        },
      });
    } catch (error) {
      await progressWrites;
      await Promise.allSettled(storing.values());
      const failure = error instanceof CaptureError ? error : new CaptureError('capture_error', (error as Error).message, true);
      return await recordFailure(ctx, evidenceId, failure, ev.attempts);
    }
    await progressWrites;
    // Shown while the last files are stored; the sealing transaction clears it.
    const sealingShown = conn
      .updateTable('evidence')
      .set({ progress: 'sealing' })
      .where('id', '=', evidenceId)
      .where('status', '=', 'capturing')
      .execute()
      .catch(() => undefined);
    // 2. Every file into the blob store (moved, same file system) before the sealing transaction.
    const stored = await Promise.allSettled(output.files.map((f) => storing.get(f.path) ?? ctx.blobs.putFile(f.path, { move: true })));
    const artefacts: ManifestArtefact[] = [];
    for (const [i, f] of output.files.entries()) {
      const result = stored[i];
      if (!result || result.status === 'rejected')
        throw new Error(`${f.filename} could not be stored: ${String((result as PromiseRejectedResult | undefined)?.reason)}`);
      const blob = result.value;
      artefacts.push({
        kind: f.kind,
        mediaType: f.mediaType,
        size: blob.size,
        sha256: blob.sha256,
        filename: f.filename,
        ...(f.kind === 'http'
          ? { meta: { loginWallSuspected: output.loginWallSuspected, mainDocumentRefused: output.mainDocumentRefused } }
          : {}),
      });
    }
    // Belt and braces: a sealed evidence must never point to a missing blob.
    const present = await Promise.all(artefacts.map((a) => ctx.blobs.stat(a.sha256)));
    for (const [i, a] of artefacts.entries()) {
      if (present[i]?.size !== a.size) throw new Error(`blob ${a.sha256} missing after store`);
    }
    await sealingShown;
    const captureEndedAt = ctx.clock.now();
    // 3. Seal: artefacts, manifest, Ledger — one transaction, only if still ours.
    const sealed = await ctx.db.transaction().execute(async (tx) => {
      const current = await tx.selectFrom('evidence').selectAll().where('id', '=', evidenceId).forUpdate().executeTakeFirst();
      if (!current || current.status !== 'capturing') return false;
      await tx
        .updateTable('evidence')
        .set({ title: output.title?.slice(0, 500) ?? null })
        .where('id', '=', evidenceId)
        .execute();
      await sealEvidence(tx, ctx, {
        evidence: { ...current, title: output.title?.slice(0, 500) ?? null },
        artefacts,
        details: {
          finalUrl: output.finalUrl,
          httpStatus: output.httpStatus,
          httpHeaders: output.httpHeaders,
          captureStartedAt,
          captureEndedAt,
          browser: output.browser,
          viewport: output.viewport,
          tool: 'rempart-capture (playwright-core, chromium)',
        },
        store: ctx.blobs.kind,
      });
      return true;
    });
    return sealed ? 'sealed' : 'skipped';
  } catch (error) {
    ctx.log.error({ component: 'capture', evidenceId, err: error }, 'capture could not be sealed');
    return await recordFailure(ctx, evidenceId, new CaptureError('capture_error', (error as Error).message, true), ev.attempts);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Back to `queued` if another attempt is due, else `failed` with {code, message}; Ledger both ways. */
async function recordFailure(
  ctx: Pick<AppContext, 'db' | 'clock' | 'log'>,
  evidenceId: string,
  failure: CaptureError,
  attempts: number,
): Promise<RunCaptureResult> {
  const final = !failure.retryable || attempts >= CAPTURE_JOB.maxAttempts;
  await ctx.db.transaction().execute(async (tx) => {
    const ev = await tx.selectFrom('evidence').select(['status', 'case_id']).where('id', '=', evidenceId).forUpdate().executeTakeFirst();
    if (!ev || ev.status !== 'capturing') return;
    const now = ctx.clock.now();
    await tx
      .updateTable('evidence')
      .set({
        status: final ? 'failed' : 'queued',
        progress: null,
        error_code: failure.code,
        error_message: failure.message.slice(0, 1000),
        ...(final ? { finished_at: now } : {}),
      })
      .where('id', '=', evidenceId)
      .execute();
    const c = await caseOf(tx, ev.case_id);
    await appendLedger(tx, {
      action: final ? 'evidence.capture_failed' : 'evidence.capture_retrying',
      at: now,
      actorId: null,
      organisationId: c.organisation_id,
      caseId: ev.case_id,
      subject: { type: 'evidence', id: evidenceId },
      data: { code: failure.code, attempt: attempts },
    });
  });
  ctx.log.warn({ component: 'capture', evidenceId, code: failure.code, attempt: attempts, final }, `capture failed: ${failure.message}`);
  return final ? 'failed' : 'retry';
}
