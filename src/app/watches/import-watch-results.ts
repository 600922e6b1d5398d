// POST /cases/{id}/watch-results/import: URLs found by hand (another search engine, a tip from
// a colleague) into the same triage inbox, de-duplicated with what the watches found.
import type { z } from 'zod';
import { appendLedger } from '../../adapters/db/ledger.js';
import { findWatchResult } from '../../adapters/db/watches.js';
import type { importWatchResultsBody, importWatchResultsResponse } from '../../contract/watches.js';
import { DomainError } from '../../domain/errors.js';
import { mergeHits, parseImportedUrls } from '../../domain/watches/results.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { presentWatchResult } from './present-watch.js';
import { locationsByNormalisedUrl, storeHits } from './store-results.js';
import { loadWatchCaseForUpdate, refuseClosed } from './watch-access.js';

export async function importWatchResults(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; caseId: string; body: z.infer<typeof importWatchResultsBody> },
): Promise<z.infer<typeof importWatchResultsResponse>> {
  const now = ctx.clock.now();
  const { accepted, rejected } = parseImportedUrls([...(input.body.urls ?? []), input.body.text ?? '']);
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadWatchCaseForUpdate(tx, input.actor, input.caseId, now);
    refuseClosed(loaded);
    if (accepted.length === 0) throw new DomainError('invalid_input', { fields: [{ path: 'urls', message: 'field.invalid_url' }] });
    const hits = mergeHits(accepted.map((url) => ({ provider: 'import', url, title: null, snippet: null })));
    const stored = await storeHits(tx, { caseId: loaded.row.id, watchId: null, hits, at: now });
    await appendLedger(tx, {
      action: 'watch_results.imported',
      at: now,
      actorId: input.actor.userId,
      organisationId: loaded.row.organisation_id,
      caseId: loaded.row.id,
      subject: { type: 'case', id: loaded.row.id },
      data: { urls: hits.length, created: stored.created, rejected: rejected.length },
    });
    const locations = await locationsByNormalisedUrl(tx, loaded.row.id);
    const results = [];
    for (const id of stored.ids) {
      const row = await findWatchResult(tx, id);
      if (row) results.push(presentWatchResult(row, locations));
    }
    return { results, created: stored.created, rejected };
  });
}
