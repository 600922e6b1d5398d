import { listClosureDays as queryClosureDays } from '../../adapters/db/organisations.js';
import type { ClosureDay } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';

export async function listClosureDays(
  ctx: Pick<AppContext, 'db'>,
  { actor, year }: { actor: DirectoryActor; year?: number | undefined },
): Promise<ClosureDay[]> {
  const range =
    year === undefined ? undefined : { from: `${String(year).padStart(4, '0')}-01-01`, to: `${String(year).padStart(4, '0')}-12-31` };
  return queryClosureDays(ctx.db, actor.organisationId, range);
}
