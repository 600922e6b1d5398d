// Watches and results as the API shows them; provider errors as sentences in the reader's
// language (src/locales/<locale>/watches.json).
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { StoredProviderError, WatchesTable, WatchResultsTable, WatchRunsTable } from '../../adapters/db/schema-watches.js';
import type { providerErrorSchema, watchResultSchema, watchSchema } from '../../contract/watches.js';
import type { SearchProviderId } from '../../domain/watches/watch-rules.js';
import { hasMessage, type Locale, t } from '../../locales/index.js';

type WatchJson = z.infer<typeof watchSchema>;
type WatchResultJson = z.infer<typeof watchResultSchema>;

export function providerErrorText(locale: Locale, e: Pick<StoredProviderError, 'provider' | 'code' | 'httpStatus' | 'retryAt'>): string {
  const key = `watch.provider_error.${e.code}`;
  // The UI formats `retryAt` in the reader's zone; the sentence carries it in UTC.
  const retryAt = e.retryAt ? `${e.retryAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  const params = { provider: t(locale, `watch.provider.${e.provider}`), status: e.httpStatus ?? 0, retryAt };
  return t(locale, hasMessage(locale, key) ? key : 'watch.provider_error.other', params);
}

export function presentProviderErrors(locale: Locale, errors: readonly StoredProviderError[]): Array<z.infer<typeof providerErrorSchema>> {
  return errors.map((e) => ({ ...e, message: providerErrorText(locale, e) }));
}

export function presentWatch(
  row: Selectable<WatchesTable>,
  lastRun: Selectable<WatchRunsTable> | undefined,
  configured: readonly SearchProviderId[],
  locale: Locale,
): WatchJson {
  const providers = row.providers as SearchProviderId[];
  return {
    id: row.id,
    caseId: row.case_id,
    queries: row.queries,
    sites: row.sites,
    providers,
    unconfiguredProviders: providers.filter((p) => !configured.includes(p)),
    intervalHours: row.interval_hours,
    active: row.active,
    nextRunAt: row.next_run_at?.toISOString() ?? null,
    lastRunAt: row.last_run_at?.toISOString() ?? null,
    lastError: presentProviderErrors(locale, row.last_error),
    lastRun: lastRun
      ? {
          status: lastRun.status,
          startedAt: lastRun.started_at.toISOString(),
          finishedAt: lastRun.finished_at?.toISOString() ?? null,
          resultCount: lastRun.result_count,
          newCount: lastRun.new_count,
        }
      : null,
    createdAt: row.created_at.toISOString(),
    version: row.version,
  };
}

export function presentWatchResult(row: Selectable<WatchResultsTable>, locationIdByUrl: ReadonlyMap<string, string>): WatchResultJson {
  const locationId = row.location_id ?? locationIdByUrl.get(row.normalized_url) ?? null;
  return {
    id: row.id,
    caseId: row.case_id,
    watchId: row.watch_id,
    url: row.url,
    normalizedUrl: row.normalized_url,
    host: row.host,
    title: row.title,
    snippet: row.snippet,
    providers: row.providers,
    status: row.status,
    firstSeenAt: row.first_seen_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    locationId,
    isLocation: locationId !== null,
    decidedAt: row.decided_at?.toISOString() ?? null,
  };
}
