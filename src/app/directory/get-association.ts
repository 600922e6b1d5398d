import { findAssociation } from '../../adapters/db/associations.js';
import type { Association } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { notFound } from './errors.js';

export async function getAssociation(
  ctx: Pick<AppContext, 'db'>,
  { actor, associationId }: { actor: DirectoryActor; associationId: string },
): Promise<Association> {
  const association = await findAssociation(ctx.db, actor.organisationId, associationId);
  if (!association) throw notFound();
  return association;
}
