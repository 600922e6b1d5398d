// Server captures (docs/captures.md): one job per evidence, two attempts (the second after the
// queue's back-off); a periodic sweep re-queues or fails captures abandoned by a killed process.
import { z } from 'zod';
import { CAPTURE_JOB } from '../app/evidence/request-capture.js';
import { recoverStaleCaptures } from '../app/evidence/recover-stale-captures.js';
import { runCapture } from '../app/evidence/run-capture.js';
import { defineJob } from './definitions.js';

export const captureEvidenceJob = defineJob({
  name: CAPTURE_JOB.name,
  version: CAPTURE_JOB.version,
  payload: z.object({ evidenceId: z.uuid() }),
  maxAttempts: CAPTURE_JOB.maxAttempts,
  async handler(ctx, { evidenceId }) {
    const outcome = await runCapture(ctx, { evidenceId });
    // The evidence is back to `queued` with its error recorded; the queue retries with back-off.
    if (outcome === 'retry') throw new Error(`capture ${evidenceId} failed; retrying`);
  },
});

export const recoverCapturesJob = defineJob({
  name: 'recover-captures',
  version: 1,
  payload: z.object({}),
  maxAttempts: 1,
  everyMs: 60_000,
  async handler(ctx) {
    await recoverStaleCaptures(ctx);
  },
});
