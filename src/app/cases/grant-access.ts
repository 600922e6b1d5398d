// POST /cases/{id}/grants {userId, reason, expiresAt}: an explicit, logged, time-limited access
// to the case (DESIGN.md §7), issued by its supervisor or general direction, for at most 30
// days. A grant lets its holder read the case (not write records, not act on tasks); it ends by
// itself at expiresAt (loadCase compares with ctx.clock) or when revoked (DELETE /grants/{id}).
import type { z } from 'zod';
import { findOrganisationUser, insertAccessGrant } from '../../adapters/db/case-participants.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { GRANT_MAX_DAYS, type caseGrantSchema, type grantAccessBody } from '../../contract/participants.js';
import { canManageParticipants } from '../../domain/cases/access.js';
import { DomainError } from '../../domain/errors.js';
import { bodyDigest } from '../../domain/ledger/chain.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { caseUrl, notify } from '../notifications/notify.js';
import { loadCaseForUpdate } from './load-case.js';

const NO_CASE_ACCESS = new Set(['committee', 'admin']);
const field = (path: string, message: string) => new DomainError('invalid_input', { fields: [{ path, message }] });

export async function grantCaseAccess(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  input: { actor: Principal; caseId: string; body: z.infer<typeof grantAccessBody> },
): Promise<z.infer<typeof caseGrantSchema>> {
  const { actor, body } = input;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { row, access } = await loadCaseForUpdate(tx, actor, input.caseId, now);
    if (!canManageParticipants(access)) throw new DomainError('forbidden');
    const expiresAt = new Date(body.expiresAt);
    if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > now.getTime() + GRANT_MAX_DAYS * 86_400_000) {
      throw field('expiresAt', 'grant.error.expiry');
    }
    const user = await findOrganisationUser(tx, row.organisation_id, body.userId);
    if (user?.status !== 'active') throw field('userId', 'field.unknown_reference');
    if (user.person_id !== null && user.person_id === row.affected_person_id) throw field('userId', 'participant.error.is_affected_person');
    // Committee and platform admin see nothing case-level: a user with no other role gets no grant.
    if (!user.roles.some((g) => !NO_CASE_ACCESS.has(g.role))) throw field('userId', 'participant.error.never_on_case');

    const grant = await insertAccessGrant(tx, {
      caseId: row.id,
      userId: user.id,
      grantedBy: actor.userId,
      reason: body.reason,
      at: now,
      expiresAt,
    });
    await appendLedger(tx, {
      action: 'access_grant.issued',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'access_grant', id: grant.id },
      data: { userId: user.id, expiresAt: expiresAt.toISOString(), reasonDigest: bodyDigest(body.reason) },
    });
    await notify(tx, ctx, {
      organisationId: row.organisation_id,
      userIds: [user.id],
      caseId: row.id,
      kind: 'participant_added',
      params: { reference: row.reference, via: 'grant' },
      actorId: actor.userId,
      mail: { template: 'participant_added', params: { reference: row.reference, caseUrl: caseUrl(ctx, row.id) } },
    });
    return {
      id: grant.id,
      userId: user.id,
      displayName: user.display_name,
      grantedBy: actor.userId,
      grantedByName: actor.displayName,
      reason: grant.reason,
      createdAt: grant.created_at.toISOString(),
      expiresAt: grant.expires_at.toISOString(),
    };
  });
}
