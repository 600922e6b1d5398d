// POST /cases/{id}/captures and "preserve first" (step 4.1.1): a capture is queued in the same
// transaction as what asked for it — an evidence row `queued`, its Ledger entry and its job —
// so a report's links are being captured before anyone reads the report.
import type { Tx } from '../../adapters/db/database.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { checkCaptureUrl } from '../../domain/capture/destination.js';
import { seesEvidence } from '../../domain/cases/access.js';
import { DomainError } from '../../domain/errors.js';
import { bodyDigest } from '../../domain/ledger/chain.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadCaseForUpdate } from '../cases/load-case.js';
import type { CaseRow } from '../cases/procedure.js';

/** The capture job (src/jobs/capture-evidence.ts); here so use cases enqueue it without importing the job. */
export const CAPTURE_JOB = { name: 'capture-evidence', version: 1, maxAttempts: 2 } as const;

export function captureJobKey(evidenceId: string): string {
  return `capture:${evidenceId}`;
}

export async function enqueueCapture(tx: Tx, evidenceId: string): Promise<void> {
  // The job key keeps one pending job per evidence; a re-queue after a crash replaces it.
  await enqueueJob(
    tx,
    CAPTURE_JOB.name,
    CAPTURE_JOB.version,
    { evidenceId },
    { jobKey: captureJobKey(evidenceId), jobKeyMode: 'replace', maxAttempts: CAPTURE_JOB.maxAttempts },
  );
}

/**
 * Queues a capture of `url` for the case, inside the caller's transaction. Returns undefined
 * (nothing queued) for a URL that can never be captured (not http(s), credentials in it).
 */
export async function requestCaptureInTx(
  tx: Tx,
  ctx: Pick<AppContext, 'clock'>,
  input: { caseRow: CaseRow; locationId: string | null; url: string; requestedBy: string },
): Promise<{ evidenceId: string } | undefined> {
  const checked = checkCaptureUrl(input.url);
  if (!checked.ok) return undefined;
  const now = ctx.clock.now();
  const row = await tx
    .insertInto('evidence')
    .values({
      case_id: input.caseRow.id,
      location_id: input.locationId,
      source: 'capture',
      status: 'queued',
      source_url: input.url,
      requested_by: input.requestedBy,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendLedger(tx, {
    action: 'evidence.capture_requested',
    at: now,
    actorId: input.requestedBy,
    organisationId: input.caseRow.organisation_id,
    caseId: input.caseRow.id,
    subject: { type: 'evidence', id: row.id },
    data: { urlDigest: bodyDigest(input.url), locationId: input.locationId },
  });
  await enqueueCapture(tx, row.id);
  return { evidenceId: row.id };
}

/** Whether the union's sight of evidence is granted by the staff member (DESIGN.md §7). */
export async function unionEvidenceConsent(tx: Tx, caseId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('consents')
    .select('granted')
    .where('case_id', '=', caseId)
    .where('purpose', '=', 'union_notice')
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.granted === true;
}

/**
 * The route's use case: the first URL is checked against the private-network rule, DNS
 * included, BEFORE anything is queued (422 destination_blocked); the egress proxy checks it
 * again, with every redirect and sub-request, when the capture runs.
 */
export async function requestCapture(
  ctx: Pick<AppContext, 'db' | 'clock' | 'capture'>,
  input: { actor: Principal; caseId: string; url: string },
): Promise<{ evidenceId: string }> {
  const check = await ctx.capture.checkDestination(input.url);
  return ctx.db.transaction().execute(async (tx) => {
    const { row, access } = await loadCaseForUpdate(tx, input.actor, input.caseId, ctx.clock.now());
    if (!seesEvidence(access, await unionEvidenceConsent(tx, row.id))) throw new DomainError('forbidden');
    if (!check.ok) {
      if (check.reason === 'invalid_url')
        throw new DomainError('invalid_input', { fields: [{ path: 'url', message: 'field.invalid_url' }] });
      throw new DomainError('destination_blocked');
    }
    const locationId = await tx
      .selectFrom('locations')
      .select('id')
      .where('case_id', '=', row.id)
      .where('url', '=', input.url)
      .executeTakeFirst();
    const queued = await requestCaptureInTx(tx, ctx, {
      caseRow: row,
      locationId: locationId?.id ?? null,
      url: input.url,
      requestedBy: input.actor.userId,
    });
    if (!queued) throw new DomainError('destination_blocked');
    return queued;
  });
}
