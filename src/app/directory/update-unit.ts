import { appendLedger } from '../../adapters/db/ledger.js';
import { findUnit, updateUnit as storeUnit } from '../../adapters/db/units.js';
import type { Unit, UpdateUnitInput } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction, notFound } from './errors.js';

export async function updateUnit(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, unitId, input }: { actor: DirectoryActor; unitId: string; input: UpdateUnitInput },
): Promise<Unit> {
  return inTransaction(ctx.db, async (tx) => {
    const current = await findUnit(tx, actor.organisationId, unitId);
    if (!current) throw notFound();
    const patch: { name?: string; kind?: 'school' | 'service'; code?: string | null } = {};
    if (input.name !== undefined && input.name !== current.name) patch.name = input.name;
    if (input.kind !== undefined && input.kind !== current.kind) patch.kind = input.kind;
    if (input.code !== undefined && (input.code || null) !== current.code) patch.code = input.code || null;
    const fields = Object.keys(patch);
    if (fields.length === 0) return current;
    await storeUnit(tx, actor.organisationId, unitId, patch);
    await appendLedger(tx, {
      action: 'unit.updated',
      at: ctx.clock.now(),
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'unit', id: unitId },
      data: { fields, ...(patch.kind ? { kind: patch.kind } : {}) },
    });
    return { ...current, ...patch };
  });
}
