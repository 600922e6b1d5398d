// Loads seed/providers/providers.json into the directory on every start (src/main.ts): new
// entries are added, seed entries refresh their seed data and review date, and local edits
// (overrides, local review dates, custom providers) are kept. Idempotent and safe with several
// processes starting at once (upserts; the ledger lock serialises the entry).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Tx } from '../../adapters/db/database.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { upsertSeedHelpOrganisation, upsertSeedProvider } from '../../adapters/db/providers.js';
import type { AppContext } from '../context.js';

export const providerSeedPath = fileURLToPath(new URL('../../../seed/providers/providers.json', import.meta.url));

const entryWithId = z.looseObject({ id: z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/) });
const seedSchema = z.looseObject({
  schemaVersion: z.literal(1),
  lastReviewed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  providers: z.array(
    entryWithId.extend({
      name: z.string().min(1),
      domains: z.array(z.string()),
      channels: z.array(z.looseObject({ purpose: z.string(), url: z.string() })),
    }),
  ),
  helpOrganisations: z.array(entryWithId.extend({ name: z.string().min(1), url: z.string() })),
});

export type ProviderSeed = z.infer<typeof seedSchema>;

let cached: ProviderSeed | undefined;

/** The seed file, parsed and checked (cached: it ships with the code and never changes at run time). */
export async function readProviderSeed(path: string = providerSeedPath): Promise<ProviderSeed> {
  if (path === providerSeedPath && cached) return cached;
  const parsed = seedSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  if (path === providerSeedPath) cached = parsed;
  return parsed;
}

export interface DirectoryLoadResult {
  providers: { inserted: number; updated: number };
  helpOrganisations: { inserted: number; updated: number };
}

export async function loadProviderDirectory(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  options: { path?: string } = {},
): Promise<DirectoryLoadResult> {
  const seed = await readProviderSeed(options.path);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx: Tx) => {
    const result: DirectoryLoadResult = { providers: { inserted: 0, updated: 0 }, helpOrganisations: { inserted: 0, updated: 0 } };
    for (const p of seed.providers) {
      const r = await upsertSeedProvider(tx, { id: p.id, data: p, seedReviewed: seed.lastReviewed, at: now });
      if (r !== 'unchanged') result.providers[r] += 1;
    }
    for (const h of seed.helpOrganisations) {
      const r = await upsertSeedHelpOrganisation(tx, { id: h.id, data: h, seedReviewed: seed.lastReviewed, at: now });
      if (r !== 'unchanged') result.helpOrganisations[r] += 1;
    }
    const changed =
      result.providers.inserted + result.providers.updated + result.helpOrganisations.inserted + result.helpOrganisations.updated;
    if (changed > 0) {
      await appendLedger(tx, {
        action: 'provider_directory.loaded',
        at: now,
        actorId: null,
        organisationId: null,
        data: {
          seedReviewed: seed.lastReviewed,
          providersInserted: result.providers.inserted,
          providersUpdated: result.providers.updated,
          helpInserted: result.helpOrganisations.inserted,
          helpUpdated: result.helpOrganisations.updated,
        },
      });
    }
    return result;
  });
}
