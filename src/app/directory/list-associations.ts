import { listAssociations as queryAssociations } from '../../adapters/db/associations.js';
import type { Association } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';

export async function listAssociations(ctx: Pick<AppContext, 'db'>, { actor }: { actor: DirectoryActor }): Promise<Association[]> {
  return queryAssociations(ctx.db, actor.organisationId);
}
