// Deleting a unit would silently unassign its people and drop its supervisors' grants (the
// foreign keys say so), so it is refused while anything still points at it.
import { appendLedger } from '../../adapters/db/ledger.js';
import { lockOrganisation } from '../../adapters/db/organisations.js';
import { countUnitReferences, deleteUnit as removeUnit, findUnit } from '../../adapters/db/units.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction, notFound } from './errors.js';

export async function deleteUnit(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, unitId }: { actor: DirectoryActor; unitId: string },
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    await lockOrganisation(tx, actor.organisationId);
    if (!(await findUnit(tx, actor.organisationId, unitId))) throw notFound();
    const refs = await countUnitReferences(tx, unitId);
    if (refs.persons > 0)
      throw new DomainError('conflict', { messageKey: 'directory.error.unit_has_persons', params: { count: refs.persons } });
    if (refs.grants > 0)
      throw new DomainError('conflict', { messageKey: 'directory.error.unit_has_grants', params: { count: refs.grants } });
    await removeUnit(tx, actor.organisationId, unitId);
    await appendLedger(tx, {
      action: 'unit.deleted',
      at: ctx.clock.now(),
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'unit', id: unitId },
    });
  });
}
