// Results into the triage inbox, de-duplicated: one row per normalised URL per case, whatever
// watch, run, provider or import found it. A URL that is already a location of the case is
// stored as such (status `added`, with its location), not offered again for triage.
import type { Queryable, Tx } from '../../adapters/db/database.js';
import { listLocations } from '../../adapters/db/cases.js';
import { insertWatchResult, touchWatchResult, watchResultsByUrl } from '../../adapters/db/watches.js';
import { normaliseResultUrl } from '../../domain/watches/normalise-url.js';
import { type MergedHit, unionProviders } from '../../domain/watches/results.js';

/** The case's locations by normalised URL. */
export async function locationsByNormalisedUrl(db: Queryable, caseId: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const l of await listLocations(db, caseId)) {
    const key = normaliseResultUrl(l.url);
    if (key && !map.has(key)) map.set(key, l.id);
  }
  return map;
}

export interface StoredHits {
  /** Ids of every row the hits landed in (new or existing), in the hits' order. */
  ids: string[];
  created: number;
  /** Rows created with status `new` (offered for triage). */
  newCount: number;
}

export async function storeHits(
  tx: Tx,
  input: { caseId: string; watchId: string | null; hits: readonly MergedHit[]; at: Date },
): Promise<StoredHits> {
  const locations = await locationsByNormalisedUrl(tx, input.caseId);
  const existing = new Map(
    (
      await watchResultsByUrl(
        tx,
        input.caseId,
        input.hits.map((h) => h.normalizedUrl),
      )
    ).map((r) => [r.normalized_url, r]),
  );
  const ids: string[] = [];
  let created = 0;
  let newCount = 0;
  for (const hit of input.hits) {
    const row = existing.get(hit.normalizedUrl);
    if (row) {
      await touchWatchResult(tx, row.id, {
        providers: unionProviders(row.providers, hit.providers),
        at: input.at,
        title: hit.title,
        snippet: hit.snippet,
      });
      ids.push(row.id);
      continue;
    }
    const locationId = locations.get(hit.normalizedUrl) ?? null;
    const inserted = await insertWatchResult(tx, {
      caseId: input.caseId,
      watchId: input.watchId,
      normalizedUrl: hit.normalizedUrl,
      url: hit.url,
      host: hit.host,
      title: hit.title,
      snippet: hit.snippet,
      providers: hit.providers,
      at: input.at,
      status: locationId ? 'added' : 'new',
      locationId,
    });
    if (inserted) {
      ids.push(inserted.id);
      created += 1;
      if (!locationId) newCount += 1;
    } else {
      // Inserted meanwhile by a concurrent run: merge into it.
      const [raced] = await watchResultsByUrl(tx, input.caseId, [hit.normalizedUrl]);
      if (raced) {
        await touchWatchResult(tx, raced.id, {
          providers: unionProviders(raced.providers, hit.providers),
          at: input.at,
          title: hit.title,
          snippet: hit.snippet,
        });
        ids.push(raced.id);
      }
    }
  }
  return { ids, created, newCount };
}
