import { listOrganisationGrants } from '../../adapters/db/grants.js';
import type { GrantWithHolder } from '../../contract/directory.js';
import type { Role } from '../../domain/auth/roles.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';

export async function listGrants(
  ctx: Pick<AppContext, 'db'>,
  {
    actor,
    filters,
  }: { actor: DirectoryActor; filters: { role?: Role | undefined; unitId?: string | undefined; associationId?: string | undefined } },
): Promise<GrantWithHolder[]> {
  return listOrganisationGrants(ctx.db, actor.organisationId, filters);
}
