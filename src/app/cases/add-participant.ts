// POST /cases/{id}/participants {userId, role, reason}: the supervisor or general direction adds
// someone — counsel (`legal`, step 4.6.1) or another procedure role (DESIGN.md §7). The user
// must hold that role in the organisation; committee and admin are never added (the contract's
// role list leaves them out, and a user holding no other role is refused). A union
// representative joins only with the staff member's union_notice consent, and only one of the
// person's own association. In one transaction: the participant (with the reason), Ledger
// entries, the `legal` role joining the case, the procedure brought up to date, and the
// participant_added notification and mail.
import type { z } from 'zod';
import { findOrganisationUser, isActiveParticipant } from '../../adapters/db/case-participants.js';
import { addParticipant, latestConsents } from '../../adapters/db/cases.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { addParticipantBody, participantsResponse } from '../../contract/participants.js';
import { canManageParticipants } from '../../domain/cases/access.js';
import { DomainError } from '../../domain/errors.js';
import { bodyDigest } from '../../domain/ledger/chain.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { caseUrl, notify } from '../notifications/notify.js';
import { listCaseParticipants } from './list-participants.js';
import { loadCaseForUpdate } from './load-case.js';
import { applyPlan, holdersForCase, joinRole } from './procedure.js';

const userField = (message: string) => new DomainError('invalid_input', { fields: [{ path: 'userId', message }] });

export async function addCaseParticipant(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  input: { actor: Principal; caseId: string; body: z.infer<typeof addParticipantBody>; locale: Locale },
): Promise<z.infer<typeof participantsResponse>> {
  const { actor, body } = input;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { row, access } = await loadCaseForUpdate(tx, actor, input.caseId, now);
    if (!canManageParticipants(access)) throw new DomainError('forbidden');
    const user = await findOrganisationUser(tx, row.organisation_id, body.userId);
    if (user?.status !== 'active') throw userField('field.unknown_reference');
    if (user.person_id !== null && user.person_id === row.affected_person_id) throw userField('participant.error.is_affected_person');
    if (!user.roles.some((g) => g.role === body.role)) throw userField('participant.error.role_not_held');
    if (body.role === 'union') {
      const consent = (await latestConsents(tx, row.id)).find((c) => c.purpose === 'union_notice');
      if (!consent?.granted) throw new DomainError('consent_required', { messageKey: 'participant.error.union_consent' });
      if (!(await holdersForCase(tx, row, 'union')).some((h) => h.userId === user.id))
        throw userField('participant.error.not_union_of_person');
    }
    if (await isActiveParticipant(tx, row.id, user.id, body.role))
      throw new DomainError('conflict', { messageKey: 'participant.error.already' });

    await addParticipant(tx, { caseId: row.id, userId: user.id, role: body.role, at: now, addedBy: actor.userId, reason: body.reason });
    await appendLedger(tx, {
      action: 'participant.added',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'user', id: user.id },
      data: { role: body.role, reason: 'manual', reasonDigest: bodyDigest(body.reason) },
    });
    // Counsel is one person chosen for the case: the role joins with them (its tasks start).
    if (body.role === 'legal') await joinRole(tx, ctx, row, 'legal', { actorId: actor.userId, reason: 'counsel_added' });
    await applyPlan(tx, ctx, row, actor.userId);
    await tx.updateTable('cases').set({ updated_at: now }).where('id', '=', row.id).execute();
    await notify(tx, ctx, {
      organisationId: row.organisation_id,
      userIds: [user.id],
      caseId: row.id,
      kind: 'participant_added',
      params: { reference: row.reference, role: body.role },
      actorId: actor.userId,
      mail: { template: 'participant_added', params: { reference: row.reference, caseUrl: caseUrl(ctx, row.id) } },
    });
  });
  return listCaseParticipants(ctx, { actor, caseId: input.caseId, locale: input.locale });
}
