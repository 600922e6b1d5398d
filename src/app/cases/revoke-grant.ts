// DELETE /grants/{id}: the case's supervisor or general direction ends an access grant before
// it expires. A grant already revoked or expired answers 409 (nothing to change).
import { findAccessGrant, revokeAccessGrant } from '../../adapters/db/case-participants.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { canManageParticipants } from '../../domain/cases/access.js';
import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { isUuid } from '../records/load-record.js';
import { loadCaseForUpdate } from './load-case.js';

export async function revokeCaseGrant(ctx: Pick<AppContext, 'db' | 'clock'>, input: { actor: Principal; grantId: string }): Promise<void> {
  const { actor } = input;
  const now = ctx.clock.now();
  if (!isUuid(input.grantId)) throw new DomainError('not_found');
  await ctx.db.transaction().execute(async (tx) => {
    const peek = await findAccessGrant(tx, actor.organisationId, input.grantId);
    if (!peek) throw new DomainError('not_found');
    const { row, access } = await loadCaseForUpdate(tx, actor, peek.case_id, now);
    if (!canManageParticipants(access)) throw new DomainError('forbidden');
    const grant = await findAccessGrant(tx, actor.organisationId, input.grantId);
    if (!grant || grant.revoked_at !== null || grant.expires_at.getTime() <= now.getTime()) {
      throw new DomainError('invalid_transition', { messageKey: 'grant.error.inactive' });
    }
    await revokeAccessGrant(tx, grant.id, now);
    await appendLedger(tx, {
      action: 'access_grant.revoked',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'access_grant', id: grant.id },
      data: { userId: grant.user_id },
    });
  });
}
