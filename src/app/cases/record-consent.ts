// POST /cases/{id}/consents: the affected staff member — and only them — records a yes or a no
// for one purpose, after re-authenticating (password, or a current second-factor code).
// union_notice: the union notice goes at once, the union joins the case and step 4.1.3 is done;
// revoking it removes the union's access. takedown: removal-request steps (4.3.3) appear, or
// are retired on revocation (Takedown issue).
import type { z } from 'zod';
import { removeParticipantsInRole } from '../../adapters/db/cases.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { claimTotpStep } from '../../adapters/db/user-credentials.js';
import { findUserById } from '../../adapters/db/users.js';
import { listCaseTasks, updateTask } from '../../adapters/db/tasks.js';
import type { consentBody, consentResponse } from '../../contract/cases.js';
import { totpStep } from '../../domain/auth/totp.js';
import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../auth/principal.js';
import { assertReauthAllowed, failReauth, reauthenticate } from '../auth/reauthenticate.js';
import type { AppContext } from '../context.js';
import { caseUrl, notify } from '../notifications/notify.js';
import { loadCase, loadCaseForUpdate } from './load-case.js';
import { applyPlan, joinRole } from './procedure.js';

export async function recordConsent(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'passwords'>,
  input: { actor: Principal; caseId: string; body: z.infer<typeof consentBody> },
): Promise<z.infer<typeof consentResponse>> {
  const { actor, body } = input;
  const now = ctx.clock.now();
  // Visibility first (404), then the affected-person rule (403), then re-authentication.
  const { access } = await loadCase(ctx.db, actor, input.caseId, now);
  if (access.kind !== 'affected') throw new DomainError('forbidden', { messageKey: 'consent.error.affected_only' });
  let method: 'password' | 'totp';
  if (body.password) {
    await reauthenticate(ctx, actor, { password: body.password });
    method = 'password';
  } else if (body.totp) {
    await assertReauthAllowed(ctx, actor.userId);
    const user = await findUserById(ctx.db, actor.userId);
    const step = user?.totp_enabled_at && user.totp_secret ? totpStep(user.totp_secret, body.totp, now) : null;
    if (step === null || !(await claimTotpStep(ctx.db, actor.userId, step))) {
      await failReauth(ctx, actor.userId, new DomainError('reauthentication_failed', { messageKey: 'error.totp_invalid' }));
    }
    method = 'totp';
  } else {
    throw new DomainError('invalid_input', { fields: [{ path: 'password', message: 'field.required' }] });
  }

  return ctx.db.transaction().execute(async (tx) => {
    const { row } = await loadCaseForUpdate(tx, actor, input.caseId, now);
    if (!actor.personId) throw new DomainError('forbidden');
    const consent = await tx
      .insertInto('consents')
      .values({ case_id: row.id, person_id: actor.personId, purpose: body.purpose, granted: body.granted, recorded_by: actor.userId, reauthenticated_with: method, recorded_at: now })
      .returning(['id', 'recorded_at'])
      .executeTakeFirstOrThrow();
    await appendLedger(tx, {
      action: body.granted ? 'consent.granted' : 'consent.refused',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'consent', id: consent.id },
      data: { purpose: body.purpose, reauthenticatedWith: method },
    });

    if (body.purpose === 'union_notice') {
      if (body.granted) {
        const union = await joinRole(tx, ctx, row, 'union', { actorId: actor.userId, reason: 'union_notice_consent' });
        await notify(tx, ctx, {
          organisationId: row.organisation_id,
          userIds: union,
          caseId: row.id,
          kind: 'union_notice',
          params: { reference: row.reference },
          actorId: actor.userId,
          mail: { template: 'union_notice', params: { reference: row.reference, caseUrl: caseUrl(ctx, row.id) } },
        });
        const task = (await listCaseTasks(tx, row.id)).find((t) => t.step_key === '4.1.3' && t.status !== 'done');
        if (task) {
          await updateTask(tx, task.id, { status: 'done', completed_at: now, completed_by: actor.userId, completion_source: 'system', next_check_at: null, na_reason: null, updated_at: now });
          await appendLedger(tx, { action: 'task.done', at: now, actorId: actor.userId, organisationId: row.organisation_id, caseId: row.id, subject: { type: 'task', id: task.id }, data: { stepKey: '4.1.3', by: 'system', unionNotified: union.length } });
        }
      } else {
        const removed = await removeParticipantsInRole(tx, row.id, 'union', now);
        await tx.deleteFrom('case_roles').where('case_id', '=', row.id).where('role', '=', 'union').execute();
        for (const userId of removed) {
          await appendLedger(tx, { action: 'participant.removed', at: now, actorId: actor.userId, organisationId: row.organisation_id, caseId: row.id, subject: { type: 'user', id: userId }, data: { role: 'union', reason: 'consent_revoked' } });
        }
      }
    }
    await applyPlan(tx, ctx, row, actor.userId);
    return { id: consent.id, purpose: body.purpose, granted: body.granted, recordedAt: consent.recorded_at.toISOString() };
  });
}
