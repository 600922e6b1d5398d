import { findOrganisationSettings } from '../../adapters/db/organisations.js';
import type { OrganisationSettings } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { notFound } from './errors.js';

export async function getOrganisationSettings(
  ctx: Pick<AppContext, 'db'>,
  { actor }: { actor: DirectoryActor },
): Promise<OrganisationSettings> {
  const settings = await findOrganisationSettings(ctx.db, actor.organisationId);
  if (!settings) throw notFound();
  return settings;
}
