import { findClosureDay } from '../../adapters/db/organisations.js';
import type { ClosureDay } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { notFound } from './errors.js';

export async function getClosureDay(
  ctx: Pick<AppContext, 'db'>,
  { actor, day }: { actor: DirectoryActor; day: string },
): Promise<ClosureDay> {
  const found = await findClosureDay(ctx.db, actor.organisationId, day);
  if (!found) throw notFound();
  return found;
}
