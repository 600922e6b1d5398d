import { appendLedger } from '../../adapters/db/ledger.js';
import { findAssociation, insertAssociation } from '../../adapters/db/associations.js';
import type { CreateAssociationInput, Association } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction } from './errors.js';

export async function createAssociation(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, input }: { actor: DirectoryActor; input: CreateAssociationInput },
): Promise<Association> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const { id } = await insertAssociation(tx, { organisationId: actor.organisationId, name: input.name, kind: input.kind, at: now });
    await appendLedger(tx, {
      action: 'association.created',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'association', id },
      data: { kind: input.kind },
    });
    const association = await findAssociation(tx, actor.organisationId, id);
    if (!association) throw new Error('association vanished');
    return association;
  });
}
