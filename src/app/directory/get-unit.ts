import { findUnit } from '../../adapters/db/units.js';
import type { Unit } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { notFound } from './errors.js';

export async function getUnit(ctx: Pick<AppContext, 'db'>, { actor, unitId }: { actor: DirectoryActor; unitId: string }): Promise<Unit> {
  const unit = await findUnit(ctx.db, actor.organisationId, unitId);
  if (!unit) throw notFound();
  return unit;
}
