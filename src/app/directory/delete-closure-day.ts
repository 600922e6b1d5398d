import { appendLedger } from '../../adapters/db/ledger.js';
import { deleteClosureDay as removeClosureDay } from '../../adapters/db/organisations.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction, notFound } from './errors.js';

export async function deleteClosureDay(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, day }: { actor: DirectoryActor; day: string },
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    if (!(await removeClosureDay(tx, actor.organisationId, day))) throw notFound();
    await appendLedger(tx, {
      action: 'closure_day.removed',
      at: ctx.clock.now(),
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'organisation', id: actor.organisationId },
      data: { day },
    });
  });
}
