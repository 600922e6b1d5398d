import { appendLedger } from '../../adapters/db/ledger.js';
import { findAssociation, updateAssociation as storeAssociation } from '../../adapters/db/associations.js';
import type { Association, UpdateAssociationInput } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction, notFound } from './errors.js';

export async function updateAssociation(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, associationId, input }: { actor: DirectoryActor; associationId: string; input: UpdateAssociationInput },
): Promise<Association> {
  return inTransaction(ctx.db, async (tx) => {
    const current = await findAssociation(tx, actor.organisationId, associationId);
    if (!current) throw notFound();
    const patch: { name?: string; kind?: 'union' | 'managers' } = {};
    if (input.name !== undefined && input.name !== current.name) patch.name = input.name;
    if (input.kind !== undefined && input.kind !== current.kind) patch.kind = input.kind;
    const fields = Object.keys(patch);
    if (fields.length === 0) return current;
    await storeAssociation(tx, actor.organisationId, associationId, patch);
    await appendLedger(tx, {
      action: 'association.updated',
      at: ctx.clock.now(),
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'association', id: associationId },
      data: { fields, ...(patch.kind ? { kind: patch.kind } : {}) },
    });
    return { ...current, ...patch };
  });
}
