// Removes a role grant. An administrator cannot remove their own last admin grant: the
// organisation must never be left without someone able to administer it by accident.
import { countUserGrantsOfRole, deleteGrant, findGrant } from '../../adapters/db/grants.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { lockOrganisation } from '../../adapters/db/organisations.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction, notFound } from './errors.js';

export async function removeGrant(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, grantId }: { actor: DirectoryActor; grantId: string },
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    await lockOrganisation(tx, actor.organisationId);
    const grant = await findGrant(tx, actor.organisationId, grantId);
    if (!grant) throw notFound();
    if (grant.role === 'admin' && grant.userId === actor.userId && (await countUserGrantsOfRole(tx, grant.userId, 'admin')) <= 1) {
      throw new DomainError('conflict', { messageKey: 'directory.error.last_admin_grant' });
    }
    await deleteGrant(tx, grantId);
    await appendLedger(tx, {
      action: 'grant.revoked',
      at: ctx.clock.now(),
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'role_grant', id: grantId },
      data: {
        userId: grant.userId,
        role: grant.role,
        unitId: grant.unitId,
        associationId: grant.associationId,
        wasPrimary: grant.isPrimary,
      },
    });
  });
}
