// Deleting an association would silently remove its members' membership and drop its union
// grants (the foreign keys say so), so it is refused while anything still points at it.
import { appendLedger } from '../../adapters/db/ledger.js';
import { lockOrganisation } from '../../adapters/db/organisations.js';
import { countAssociationReferences, deleteAssociation as removeAssociation, findAssociation } from '../../adapters/db/associations.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction, notFound } from './errors.js';

export async function deleteAssociation(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, associationId }: { actor: DirectoryActor; associationId: string },
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    await lockOrganisation(tx, actor.organisationId);
    if (!(await findAssociation(tx, actor.organisationId, associationId))) throw notFound();
    const refs = await countAssociationReferences(tx, associationId);
    if (refs.persons > 0)
      throw new DomainError('conflict', { messageKey: 'directory.error.association_has_persons', params: { count: refs.persons } });
    if (refs.grants > 0)
      throw new DomainError('conflict', { messageKey: 'directory.error.association_has_grants', params: { count: refs.grants } });
    await removeAssociation(tx, actor.organisationId, associationId);
    await appendLedger(tx, {
      action: 'association.deleted',
      at: ctx.clock.now(),
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'association', id: associationId },
    });
  });
}
