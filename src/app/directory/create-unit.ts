import { appendLedger } from '../../adapters/db/ledger.js';
import { findUnit, insertUnit } from '../../adapters/db/units.js';
import type { CreateUnitInput, Unit } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction } from './errors.js';

export async function createUnit(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, input }: { actor: DirectoryActor; input: CreateUnitInput },
): Promise<Unit> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const { id } = await insertUnit(tx, {
      organisationId: actor.organisationId,
      name: input.name,
      kind: input.kind,
      code: input.code || null,
      at: now,
    });
    await appendLedger(tx, {
      action: 'unit.created',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'unit', id },
      data: { kind: input.kind },
    });
    const unit = await findUnit(tx, actor.organisationId, id);
    if (!unit) throw new Error('unit vanished');
    return unit;
  });
}
