// Reading the directory as it stands (seed data with local edits laid over), recognising a URL's
// provider, and presenting entries. `providerIdForUrl` is what code that adds a location calls
// to fill `locations.provider_id` (open-case.ts; the capture and triage routes).
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { Queryable } from '../../adapters/db/database.js';
import { findProviderRow, listHelpOrganisationRows, listProviderDomains, listProviderRows } from '../../adapters/db/providers.js';
import type { HelpOrganisationsTable, ProvidersTable } from '../../adapters/db/schema-takedowns.js';
import type { helpOrganisationSchema, providerSchema } from '../../contract/takedowns.js';
import { effectiveHelpOrganisation, effectiveProvider, isStale, laterDate, type ProviderEntry } from '../../domain/takedowns/directory.js';
import { helpConditionsOf } from '../../domain/takedowns/help.js';
import { buildProviderIndex, type ProviderIndex, type Recognition, recogniseProvider } from '../../domain/takedowns/recognise.js';
import { type Locale, t } from '../../locales/index.js';
import { readProviderSeed } from './load-provider-directory.js';

type ProviderRow = Selectable<ProvidersTable>;
type HelpRow = Selectable<HelpOrganisationsTable>;

export function providerOf(row: Pick<ProviderRow, 'id' | 'data' | 'overrides'>): ProviderEntry {
  return effectiveProvider(row.id, row.data, row.overrides ?? {});
}

/** The recognition index: the directory's domains, or the seed file's before it is loaded. */
export async function providerIndex(db: Queryable): Promise<ProviderIndex> {
  const rows = await listProviderDomains(db);
  if (rows.length > 0) return buildProviderIndex(rows.map((r) => providerOf(r)));
  const seed = await readProviderSeed();
  return buildProviderIndex(seed.providers.map((p) => ({ id: p.id, domains: p.domains })));
}

export async function recogniseUrl(db: Queryable, url: string): Promise<Recognition> {
  return recogniseProvider(url, await providerIndex(db));
}

/** The provider id to store in `locations.provider_id` for a URL ('web_host' when unknown). */
export async function providerIdForUrl(db: Queryable, url: string): Promise<string> {
  return (await recogniseUrl(db, url)).providerId;
}

/** Fills `provider_id` of a case's locations that have none (locations added before recognition). */
export async function fillLocationProviders(db: Queryable, caseId: string): Promise<number> {
  const missing = await db
    .selectFrom('locations')
    .select(['id', 'url'])
    .where('case_id', '=', caseId)
    .where('provider_id', 'is', null)
    .execute();
  if (missing.length === 0) return 0;
  const index = await providerIndex(db);
  for (const loc of missing) {
    await db
      .updateTable('locations')
      .set({ provider_id: recogniseProvider(loc.url, index).providerId })
      .where('id', '=', loc.id)
      .where('provider_id', 'is', null)
      .execute();
  }
  return missing.length;
}

/** Today in UTC as YYYY-MM-DD (review dates are calendar days). */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function lastReviewedOf(row: Pick<ProviderRow, 'seed_reviewed' | 'last_reviewed'>): string | null {
  return laterDate(row.seed_reviewed, row.last_reviewed);
}

export async function editorNames(db: Queryable, ids: Array<string | null>): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => x !== null))];
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export function presentProvider(row: ProviderRow, now: Date, names: ReadonlyMap<string, string>): z.infer<typeof providerSchema> {
  const entry = providerOf(row);
  const lastReviewed = lastReviewedOf(row);
  return {
    ...entry,
    source: row.source,
    lastReviewed,
    stale: isStale(lastReviewed, isoDay(now)),
    localEdits: Object.keys(row.overrides ?? {}).sort(),
    editedAt: row.edited_at ? row.edited_at.toISOString() : null,
    editedByName: row.edited_by ? (names.get(row.edited_by) ?? null) : null,
  };
}

export function presentHelpOrganisation(row: HelpRow, now: Date, locale: Locale): z.infer<typeof helpOrganisationSchema> {
  const entry = effectiveHelpOrganisation(row.id, row.data, row.overrides ?? {});
  const lastReviewed = laterDate(row.seed_reviewed, row.last_reviewed);
  const appliesWhen = [...helpConditionsOf(row.id)];
  return {
    ...entry,
    appliesWhen,
    appliesWhenText: appliesWhen.map((c) => t(locale, `takedown.help.condition.${c}`)),
    lastReviewed,
    stale: isStale(lastReviewed, isoDay(now)),
  };
}

export async function loadDirectory(db: Queryable) {
  const [providers, help] = await Promise.all([listProviderRows(db), listHelpOrganisationRows(db)]);
  return { providers, help };
}

export async function findProvider(db: Queryable, id: string): Promise<{ row: ProviderRow; entry: ProviderEntry } | undefined> {
  const row = await findProviderRow(db, id);
  return row ? { row, entry: providerOf(row) } : undefined;
}
