// One removal re-check of one location (Takedown issue, "Removal re-checks"): fetch the page
// under the private-network rule (src/adapters/recheck/pinned-fetch.ts), classify it
// (src/domain/rechecks/classify.ts) against the key text of the latest capture, and record the
// check with its evidence — status, final URL, matched marker, body SHA-256 and size, never the
// page's text — with the location's new status, its next check and a Ledger entry, in one
// transaction. A `removed` outcome closes nothing by itself: the takedown request asks a person
// to confirm, or reads this check (latest-check.ts). Closed cases are never re-checked.
import type { Selectable } from 'kysely';
import { listParticipants } from '../../adapters/db/cases.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { findLocation, insertLocationCheck, lockLocation, setLocationCheckState } from '../../adapters/db/location-checks.js';
import type { LocationChecksTable, StoredCheckEvidence } from '../../adapters/db/schema-watches.js';
import { type FetchResult, classifyCheck } from '../../domain/rechecks/classify.js';
import { nextBackoff, nextCheckAt } from '../../domain/rechecks/schedule.js';
import type { AppContext } from '../context.js';
import { notify } from '../notifications/notify.js';
import { capturedKeyTexts } from './captured-key-text.js';
import type { PageFetcher, PageFetchOutcome } from './ports.js';

function decodeBody(body: Buffer, contentType: string | null): string {
  const charset = /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

function toFetchResult(f: PageFetchOutcome): FetchResult {
  if (f.kind === 'failed') return { kind: 'failed', reason: f.reason, finalUrl: f.url };
  return { kind: 'response', status: f.status, finalUrl: f.finalUrl, contentType: f.contentType, text: decodeBody(f.body, f.contentType) };
}

export async function recheckLocation(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'blobs' | 'log'>,
  deps: { fetcher: PageFetcher },
  input: { locationId: string; trigger: 'schedule' | 'manual'; requestedBy: string | null },
): Promise<Selectable<LocationChecksTable> | undefined> {
  const location = await findLocation(ctx.db, input.locationId);
  if (!location) return undefined;
  const caseRow = await ctx.db.selectFrom('cases').selectAll().where('id', '=', location.case_id).executeTakeFirst();
  if (!caseRow || caseRow.status === 'closed') return undefined;

  let key: Awaited<ReturnType<typeof capturedKeyTexts>> = null;
  try {
    key = await capturedKeyTexts(ctx.db, ctx.blobs, location);
  } catch (error) {
    ctx.log.warn({ component: 'rechecks', locationId: location.id, err: error }, 'captured HTML unreadable');
  }
  const fetched = await deps.fetcher.fetch(location.url);
  const result = classifyCheck({
    fetch: toFetchResult(fetched),
    keyTexts: key?.keys ?? null,
    providerId: location.provider_id,
    url: location.url,
  });
  const evidence: StoredCheckEvidence = {
    v: 1,
    bodySha256: fetched.kind === 'response' ? fetched.sha256 : null,
    bodyBytes: fetched.kind === 'response' ? fetched.body.length : null,
    contentType: fetched.kind === 'response' ? fetched.contentType : null,
    matchedMarker: result.matchedMarker,
    keyText: result.keyText,
    redirects: fetched.redirects,
  };
  const now = ctx.clock.now();

  return ctx.db.transaction().execute(async (tx) => {
    const current = await lockLocation(tx, location.id);
    if (!current) return undefined;
    const backoff = nextBackoff(current.check_backoff, result.outcome);
    const next = nextCheckAt(current.created_at, now, backoff);
    const check = await insertLocationCheck(tx, {
      locationId: current.id,
      caseId: current.case_id,
      at: now,
      trigger: input.trigger,
      requestedBy: input.requestedBy,
      outcome: result.outcome,
      httpStatus: fetched.kind === 'response' ? fetched.status : null,
      finalUrl: fetched.kind === 'response' ? fetched.finalUrl : fetched.url,
      reason: result.reason,
      evidence,
      nextCheckAt: next,
    });
    await setLocationCheckState(tx, current.id, { status: result.outcome, lastCheckedAt: now, nextCheckAt: next, backoff });
    await appendLedger(tx, {
      action: 'location.checked',
      at: now,
      actorId: input.requestedBy,
      organisationId: caseRow.organisation_id,
      caseId: caseRow.id,
      subject: { type: 'location', id: current.id },
      data: {
        checkId: check.id,
        outcome: result.outcome,
        reason: result.reason,
        httpStatus: check.http_status,
        bodySha256: evidence.bodySha256,
        previous: current.status,
        ...(key ? { comparedWithEvidenceId: key.evidenceId } : {}),
      },
    });
    if (result.outcome === 'removed' && current.status !== 'removed') {
      const it = (await listParticipants(tx, caseRow.id)).filter((p) => p.role === 'it').map((p) => p.user_id);
      await notify(tx, ctx, {
        organisationId: caseRow.organisation_id,
        userIds: it,
        caseId: caseRow.id,
        kind: 'location_removed',
        params: { reference: caseRow.reference, host: current.host },
        actorId: null,
      });
    }
    return check;
  });
}
