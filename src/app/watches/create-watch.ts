// POST /cases/{id}/watches: step 4.3.1 as a standing search. In one transaction: the watch, its
// Ledger entry (ids and counts, never the names searched) and its first run, queued at once.
import type { z } from 'zod';
import { lastRunsOf, insertWatch } from '../../adapters/db/watches.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { createWatchBody, watchSchema } from '../../contract/watches.js';
import { DomainError } from '../../domain/errors.js';
import { DEFAULT_INTERVAL_HOURS, normaliseSite, type SearchProviderId } from '../../domain/watches/watch-rules.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { configuredProviders } from './configured-providers.js';
import { presentWatch } from './present-watch.js';
import { enqueueWatchRun } from './request-watch-run.js';
import { loadWatchCaseForUpdate, refuseClosed } from './watch-access.js';

export function normaliseSites(sites: readonly string[] | undefined): string[] {
  const out: string[] = [];
  (sites ?? []).forEach((s, i) => {
    const host = normaliseSite(s);
    if (!host) throw new DomainError('invalid_input', { fields: [{ path: `sites.${i}`, message: 'field.invalid_format' }] });
    if (!out.includes(host)) out.push(host);
  });
  return out;
}

export function normaliseQueries(queries: ReadonlyArray<{ text: string; kind: 'name' | 'handle' | 'phrase' }>) {
  const seen = new Set<string>();
  const out: Array<{ text: string; kind: 'name' | 'handle' | 'phrase' }> = [];
  for (const q of queries) {
    const text = q.text.replace(/\s+/g, ' ').trim();
    const key = `${q.kind}\u0000${text.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ text, kind: q.kind });
  }
  return out;
}

/** The providers a new watch uses: those asked for, or every configured one; none → 409. */
export function chooseProviders(
  requested: readonly SearchProviderId[] | undefined,
  configured: readonly SearchProviderId[],
): SearchProviderId[] {
  if (configured.length === 0) throw new DomainError('conflict', { messageKey: 'watch.error.no_provider_configured' });
  const chosen = requested ? [...new Set(requested)] : [...configured];
  const missing = chosen.filter((p) => !configured.includes(p));
  if (missing.length > 0)
    throw new DomainError('conflict', { messageKey: 'watch.error.provider_not_configured', params: { providers: missing.join(', ') } });
  return chosen;
}

export async function createWatch(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  input: { actor: Principal; caseId: string; body: z.infer<typeof createWatchBody>; locale: Locale },
): Promise<z.infer<typeof watchSchema>> {
  const { actor, body } = input;
  const now = ctx.clock.now();
  const configured = configuredProviders(ctx.config);
  const sites = normaliseSites(body.sites);
  const queries = normaliseQueries(body.queries);
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadWatchCaseForUpdate(tx, actor, input.caseId, now);
    refuseClosed(loaded);
    const { row } = loaded;
    const providers = chooseProviders(body.providers, configured);
    const intervalHours = body.intervalHours ?? DEFAULT_INTERVAL_HOURS;
    // The first run is the job queued below; the schedule takes over after one interval.
    const watch = await insertWatch(tx, {
      caseId: row.id,
      queries,
      sites,
      providers,
      intervalHours,
      createdBy: actor.userId,
      at: now,
      nextRunAt: new Date(now.getTime() + intervalHours * 3_600_000),
    });
    await appendLedger(tx, {
      action: 'watch.created',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'watch', id: watch.id },
      data: { queries: queries.length, sites: sites.length, providers, intervalHours: watch.interval_hours },
    });
    await enqueueWatchRun(tx, watch.id, 'manual');
    const [lastRun] = await lastRunsOf(tx, [watch.id]);
    return presentWatch(watch, lastRun, configured, input.locale);
  });
}
