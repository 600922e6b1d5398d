// Makes a grant the primary holder of its role and scope (clearing the others), or not.
import { clearOtherPrimaries, findGrant, setGrantPrimary } from '../../adapters/db/grants.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { lockOrganisation } from '../../adapters/db/organisations.js';
import type { Grant } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction, notFound } from './errors.js';

export async function updateGrant(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, grantId, isPrimary }: { actor: DirectoryActor; grantId: string; isPrimary: boolean },
): Promise<Grant> {
  return inTransaction(ctx.db, async (tx) => {
    await lockOrganisation(tx, actor.organisationId);
    const grant = await findGrant(tx, actor.organisationId, grantId);
    if (!grant) throw notFound();
    if (grant.isPrimary === isPrimary) return grant;
    await setGrantPrimary(tx, grantId, isPrimary);
    const cleared = isPrimary ? await clearOtherPrimaries(tx, actor.organisationId, grant) : [];
    await appendLedger(tx, {
      action: 'grant.primary_changed',
      at: ctx.clock.now(),
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'role_grant', id: grantId },
      data: { userId: grant.userId, role: grant.role, isPrimary, primaryClearedOn: cleared },
    });
    return { ...grant, isPrimary };
  });
}
