// Names given at the command line (--organisation slug, --unit name or code, --association name)
// resolved to ids, with the same case- and accent-insensitive matching as the CSV import.
import { listAssociationRefs } from '../../adapters/db/associations.js';
import { findOrganisationBySlug, listOrganisations } from '../../adapters/db/organisations.js';
import { listUnitRefs } from '../../adapters/db/units.js';
import { nameKey } from '../../domain/directory/person-csv.js';
import type { AppContext } from '../context.js';

export type OrganisationChoice =
  | { ok: true; organisation: { id: string; name: string; slug: string } }
  | { ok: false; reason: 'none' | 'ambiguous' | 'unknown'; slugs: string[] };

/** The organisation named by `slug`, or the only one when there is exactly one. */
export async function resolveOrganisation(ctx: Pick<AppContext, 'db'>, slug: string | undefined): Promise<OrganisationChoice> {
  if (slug) {
    const found = await findOrganisationBySlug(ctx.db, slug);
    if (found) return { ok: true, organisation: found };
    return { ok: false, reason: 'unknown', slugs: (await listOrganisations(ctx.db)).map((o) => o.slug) };
  }
  const all = await listOrganisations(ctx.db);
  const [only] = all;
  if (all.length === 1 && only) return { ok: true, organisation: only };
  return { ok: false, reason: all.length === 0 ? 'none' : 'ambiguous', slugs: all.map((o) => o.slug) };
}

export async function resolveUnitRef(ctx: Pick<AppContext, 'db'>, organisationId: string, ref: string): Promise<string | undefined> {
  const units = await listUnitRefs(ctx.db, organisationId);
  const key = nameKey(ref);
  return (units.find((u) => u.code !== null && nameKey(u.code) === key) ?? units.find((u) => nameKey(u.name) === key))?.id;
}

export async function resolveAssociationRef(ctx: Pick<AppContext, 'db'>, organisationId: string, ref: string): Promise<string | undefined> {
  const key = nameKey(ref);
  return (await listAssociationRefs(ctx.db, organisationId)).find((a) => nameKey(a.name) === key)?.id;
}
