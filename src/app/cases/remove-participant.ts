// DELETE /cases/{id}/participants/{userId}/{role}: the supervisor or general direction removes
// someone from the case (their access ends at once: loadCase finds no role any more). Never
// the affected person, and never the last supervisor or general direction of the case (someone
// must keep managing it). When the last counsel leaves, the `legal` role leaves the case too.
import { countActiveInRoles, isActiveParticipant, removeParticipant } from '../../adapters/db/case-participants.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { canManageParticipants } from '../../domain/cases/access.js';
import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadCaseForUpdate } from './load-case.js';
import { applyPlan } from './procedure.js';
import { isUuid } from '../records/load-record.js';

const MANAGING_ROLES = ['supervisor', 'general_direction'] as const;

export async function removeCaseParticipant(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; caseId: string; userId: string; role: string },
): Promise<void> {
  const { actor } = input;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { row, access } = await loadCaseForUpdate(tx, actor, input.caseId, now);
    if (!canManageParticipants(access)) throw new DomainError('forbidden');
    if (!isUuid(input.userId) || !(await isActiveParticipant(tx, row.id, input.userId, input.role))) throw new DomainError('not_found');
    const person = await tx.selectFrom('users').select('person_id').where('id', '=', input.userId).executeTakeFirst();
    if (input.role === 'staff' || (person?.person_id != null && person.person_id === row.affected_person_id)) {
      throw new DomainError('invalid_transition', { messageKey: 'participant.error.remove_affected_person' });
    }
    await removeParticipant(tx, row.id, input.userId, input.role, now);
    // Checked after the removal (the transaction rolls it back): someone holding both roles stays.
    if ((MANAGING_ROLES as readonly string[]).includes(input.role) && (await countActiveInRoles(tx, row.id, MANAGING_ROLES)) === 0) {
      throw new DomainError('invalid_transition', { messageKey: 'participant.error.last_manager' });
    }
    await appendLedger(tx, {
      action: 'participant.removed',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'user', id: input.userId },
      data: { role: input.role, reason: 'manual' },
    });
    if (input.role === 'legal' && (await countActiveInRoles(tx, row.id, ['legal'])) === 0) {
      await tx.deleteFrom('case_roles').where('case_id', '=', row.id).where('role', '=', 'legal').execute();
      await appendLedger(tx, {
        action: 'case.role_left',
        at: now,
        actorId: actor.userId,
        organisationId: row.organisation_id,
        caseId: row.id,
        subject: { type: 'case', id: row.id },
        data: { role: 'legal', reason: 'last_counsel_removed' },
      });
    }
    await applyPlan(tx, ctx, row, actor.userId);
    await tx.updateTable('cases').set({ updated_at: now }).where('id', '=', row.id).execute();
  });
}
