// Queries on the provider directory and help organisations (installation-wide).
import { sql } from 'kysely';
import { effectiveProvider } from '../../domain/takedowns/directory.js';
import { buildProviderIndex, recogniseProvider } from '../../domain/takedowns/recognise.js';
import type { Queryable } from './database.js';

export async function listProviderRows(db: Queryable) {
  return db.selectFrom('providers').selectAll().orderBy('id').execute();
}

export async function findProviderRow(db: Queryable, id: string) {
  return db.selectFrom('providers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockProviderRow(db: Queryable, id: string) {
  return db.selectFrom('providers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The domains of every provider, for recognising a URL (seed data with local edits laid over). */
export async function listProviderDomains(db: Queryable) {
  return db.selectFrom('providers').select(['id', 'data', 'overrides']).execute();
}

/**
 * The provider of a URL by the directory's domains ('web_host' for an unknown host), or null
 * while the directory is empty (src/app/takedowns/directory-store.ts fills those later).
 */
export async function recogniseProviderId(db: Queryable, url: string): Promise<string | null> {
  const rows = await listProviderDomains(db);
  if (rows.length === 0) return null;
  return recogniseProvider(url, buildProviderIndex(rows.map((r) => effectiveProvider(r.id, r.data, r.overrides ?? {})))).providerId;
}

export async function listHelpOrganisationRows(db: Queryable) {
  return db.selectFrom('help_organisations').selectAll().orderBy('id').execute();
}

export async function findHelpOrganisationRow(db: Queryable, id: string) {
  return db.selectFrom('help_organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Adds a seed entry, or refreshes the seed data of one already loaded from the seed. Local
 * edits (`overrides`, `last_reviewed`) are never touched; a custom entry with the same id is
 * left alone. Returns what happened.
 */
export async function upsertSeedProvider(
  db: Queryable,
  row: { id: string; data: Record<string, unknown>; seedReviewed: string; at: Date },
): Promise<'inserted' | 'updated' | 'unchanged'> {
  const r = await sql<{ inserted: boolean }>`
    insert into providers (id, source, data, seed_reviewed, created_at, updated_at)
    values (${row.id}, 'seed', ${JSON.stringify(row.data)}::jsonb, ${row.seedReviewed}::date, ${row.at}, ${row.at})
    on conflict (id) do update set data = excluded.data, seed_reviewed = excluded.seed_reviewed, updated_at = excluded.updated_at
      where providers.source = 'seed'
        and (providers.data is distinct from excluded.data or providers.seed_reviewed is distinct from excluded.seed_reviewed)
    returning (xmax = 0) as inserted`.execute(db);
  const first = r.rows[0];
  if (!first) return 'unchanged';
  return first.inserted ? 'inserted' : 'updated';
}

export async function upsertSeedHelpOrganisation(
  db: Queryable,
  row: { id: string; data: Record<string, unknown>; seedReviewed: string; at: Date },
): Promise<'inserted' | 'updated' | 'unchanged'> {
  const r = await sql<{ inserted: boolean }>`
    insert into help_organisations (id, source, data, seed_reviewed, created_at, updated_at)
    values (${row.id}, 'seed', ${JSON.stringify(row.data)}::jsonb, ${row.seedReviewed}::date, ${row.at}, ${row.at})
    on conflict (id) do update set data = excluded.data, seed_reviewed = excluded.seed_reviewed, updated_at = excluded.updated_at
      where help_organisations.source = 'seed'
        and (help_organisations.data is distinct from excluded.data or help_organisations.seed_reviewed is distinct from excluded.seed_reviewed)
    returning (xmax = 0) as inserted`.execute(db);
  const first = r.rows[0];
  if (!first) return 'unchanged';
  return first.inserted ? 'inserted' : 'updated';
}

export async function updateProviderOverrides(
  db: Queryable,
  id: string,
  set: { overrides: Record<string, unknown>; lastReviewed: string | null; editedBy: string; at: Date },
): Promise<void> {
  await db
    .updateTable('providers')
    .set({
      overrides: JSON.stringify(set.overrides),
      last_reviewed: set.lastReviewed,
      edited_by: set.editedBy,
      edited_at: set.at,
      updated_at: set.at,
    })
    .where('id', '=', id)
    .execute();
}

export async function insertCustomProvider(
  db: Queryable,
  row: { id: string; data: Record<string, unknown>; lastReviewed: string; createdBy: string; at: Date },
): Promise<boolean> {
  const r = await db
    .insertInto('providers')
    .values({
      id: row.id,
      source: 'custom',
      data: JSON.stringify(row.data),
      last_reviewed: row.lastReviewed,
      created_by: row.createdBy,
      edited_by: row.createdBy,
      edited_at: row.at,
      created_at: row.at,
      updated_at: row.at,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
