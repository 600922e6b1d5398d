// The board's own closure days (pedagogical days off, holidays break…) count as non-business days.
import { appendLedger } from '../../adapters/db/ledger.js';
import { upsertClosureDay } from '../../adapters/db/organisations.js';
import type { ClosureDay } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction } from './errors.js';

export async function setClosureDay(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, day, label }: { actor: DirectoryActor; day: string; label: string },
): Promise<{ closureDay: ClosureDay; created: boolean }> {
  return inTransaction(ctx.db, async (tx) => {
    const { created } = await upsertClosureDay(tx, actor.organisationId, day, label);
    // The label is free text: the ledger keeps the date only.
    await appendLedger(tx, {
      action: created ? 'closure_day.added' : 'closure_day.relabelled',
      at: ctx.clock.now(),
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'organisation', id: actor.organisationId },
      data: { day },
    });
    return { closureDay: { day, label }, created };
  });
}
