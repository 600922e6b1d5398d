import { listUnits as queryUnits } from '../../adapters/db/units.js';
import type { Unit } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';

export async function listUnits(ctx: Pick<AppContext, 'db'>, { actor }: { actor: DirectoryActor }): Promise<Unit[]> {
  return queryUnits(ctx.db, actor.organisationId);
}
