// One run of a watch, in the worker (scheduled or "run now"): each search string through each
// configured provider the watch names, sequentially (API quotas). A provider that fails — rate
// limit, bad key, 5xx, malformed JSON, timeout — is recorded with its error and skipped for the
// rest of the run; after a 429 it is not asked again before its retry time. Nothing here throws
// on a provider's failure: the job never crashes on one. Results are merged and stored in one
// transaction with the run's record, the watch's schedule and a Ledger entry; IT participants
// are told of new results.
import { listParticipants } from '../../adapters/db/cases.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { StoredProviderError } from '../../adapters/db/schema-watches.js';
import { findWatch, finishWatchRun, insertWatchRun, updateWatchRow } from '../../adapters/db/watches.js';
import { type ProviderHit, mergeHits } from '../../domain/watches/results.js';
import { nextRunAt, providersForRun, type SearchProviderId, searchStrings } from '../../domain/watches/watch-rules.js';
import type { AppContext } from '../context.js';
import { notify } from '../notifications/notify.js';
import type { SearchProvider } from './ports.js';
import { storeHits } from './store-results.js';

export interface WatchRunSummary {
  status: 'ok' | 'partial' | 'failed' | 'skipped';
  requests: number;
  results: number;
  newResults: number;
  errors: StoredProviderError[];
}

export async function runWatch(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'log'>,
  deps: { providers: readonly SearchProvider[] },
  input: { watchId: string; trigger: 'schedule' | 'manual' },
): Promise<WatchRunSummary> {
  const skipped: WatchRunSummary = { status: 'skipped', requests: 0, results: 0, newResults: 0, errors: [] };
  const watch = await findWatch(ctx.db, input.watchId);
  if (!watch) return skipped;
  const caseRow = await ctx.db.selectFrom('cases').selectAll().where('id', '=', watch.case_id).executeTakeFirst();
  if (!caseRow || caseRow.status === 'closed') return skipped;
  if (!watch.active && input.trigger === 'schedule') return skipped;

  const started = ctx.clock.now();
  const run = await insertWatchRun(ctx.db, { watchId: watch.id, caseId: watch.case_id, trigger: input.trigger, at: started });
  const byId = new Map(deps.providers.map((p) => [p.id, p]));
  const plan = providersForRun(watch.providers, [...byId.keys()], watch.last_error, started);
  const strings = searchStrings(watch.queries, watch.sites);

  const errors: StoredProviderError[] = [];
  // Providers still waiting out a rate limit keep their error (and its retry time) on show.
  const carried = watch.last_error.filter((e) => plan.waiting.includes(e.provider));
  for (const p of plan.unconfigured)
    errors.push({ provider: p as SearchProviderId, code: 'not_configured', httpStatus: null, retryAt: null, at: started.toISOString() });

  const hits: ProviderHit[] = [];
  let requests = 0;
  let succeeded = 0;
  for (const id of plan.run) {
    const provider = byId.get(id as SearchProviderId);
    if (!provider) continue;
    let failedHere = false;
    for (const q of strings) {
      requests += 1;
      const outcome = await provider.search(q);
      if (!outcome.ok) {
        const at = ctx.clock.now();
        const retryAt =
          outcome.code === 'rate_limited' && outcome.retryAfterSeconds
            ? new Date(at.getTime() + outcome.retryAfterSeconds * 1000).toISOString()
            : null;
        errors.push({ provider: provider.id, code: outcome.code, httpStatus: outcome.httpStatus, retryAt, at: at.toISOString() });
        ctx.log.warn(
          {
            component: 'watches',
            watchId: watch.id,
            provider: provider.id,
            code: outcome.code,
            status: outcome.httpStatus,
            detail: outcome.detail,
          },
          'search provider failed',
        );
        failedHere = true;
        break;
      }
      for (const h of outcome.hits) hits.push({ provider: provider.id, url: h.url, title: h.title, snippet: h.snippet });
    }
    if (!failedHere) succeeded += 1;
  }

  const merged = mergeHits(hits);
  const finished = ctx.clock.now();
  const attempted = plan.run.length;
  const status: 'ok' | 'partial' | 'failed' = errors.length === 0 && carried.length === 0 ? 'ok' : succeeded > 0 ? 'partial' : 'failed';
  const lastError = [...errors, ...carried];
  return ctx.db.transaction().execute(async (tx) => {
    const stored = await storeHits(tx, { caseId: watch.case_id, watchId: watch.id, hits: merged, at: finished });
    await finishWatchRun(tx, run.id, {
      status,
      at: finished,
      requests,
      resultCount: merged.length,
      newCount: stored.newCount,
      errors: lastError,
    });
    await updateWatchRow(tx, watch.id, {
      last_run_at: finished,
      last_error: JSON.stringify(lastError),
      next_run_at: nextRunAt(
        finished,
        watch.interval_hours,
        lastError.map((e) => e.retryAt),
      ),
    });
    await appendLedger(tx, {
      action: 'watch.ran',
      at: finished,
      actorId: null,
      organisationId: caseRow.organisation_id,
      caseId: caseRow.id,
      subject: { type: 'watch', id: watch.id },
      data: {
        runId: run.id,
        trigger: input.trigger,
        status,
        providers: attempted,
        requests,
        results: merged.length,
        newResults: stored.newCount,
        errors: lastError.map((e) => `${e.provider}:${e.code}`),
      },
    });
    if (stored.newCount > 0) {
      const it = (await listParticipants(tx, caseRow.id)).filter((p) => p.role === 'it').map((p) => p.user_id);
      await notify(tx, ctx, {
        organisationId: caseRow.organisation_id,
        userIds: it.length > 0 ? it : watch.created_by ? [watch.created_by] : [],
        caseId: caseRow.id,
        kind: 'watch_results',
        params: { reference: caseRow.reference, count: stored.newCount },
        actorId: null,
      });
    }
    return { status, requests, results: merged.length, newResults: stored.newCount, errors: lastError };
  });
}
