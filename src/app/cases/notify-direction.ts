// Step 4.2.2 as ONE supervisor action: general direction, HR and IT are notified and become
// participants; their pending tasks start. Also run when the supervisor marks 4.2.2 done.
import type { Tx } from '../../adapters/db/database.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { listCaseTasks, updateTask } from '../../adapters/db/tasks.js';
import type { AppContext } from '../context.js';
import type { Principal } from '../auth/principal.js';
import { caseUrl, notify } from '../notifications/notify.js';
import { applyPlan, type CaseRow, joinRole } from './procedure.js';

export const DIRECTION_ROLES = ['general_direction', 'hr', 'it'] as const;

export async function notifyDirectionInTx(tx: Tx, ctx: Pick<AppContext, 'clock' | 'config'>, row: CaseRow, actor: Principal, note?: string): Promise<string[]> {
  const now = ctx.clock.now();
  const added: string[] = [];
  for (const role of DIRECTION_ROLES) added.push(...(await joinRole(tx, ctx, row, role, { actorId: actor.userId, reason: 'step_4.2.2' })));
  const task = (await listCaseTasks(tx, row.id)).find((t) => t.step_key === '4.2.2' && t.status !== 'done');
  if (task) {
    await updateTask(tx, task.id, {
      status: 'done',
      completed_at: now,
      completed_by: actor.userId,
      completion_source: 'action',
      note: note ?? null,
      next_check_at: null,
      updated_at: now,
    });
    await appendLedger(tx, {
      action: 'task.done',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'task', id: task.id },
      data: { stepKey: '4.2.2', notifiedRoles: [...DIRECTION_ROLES] },
    });
  }
  await applyPlan(tx, ctx, row, actor.userId);
  await notify(tx, ctx, {
    organisationId: row.organisation_id,
    userIds: added.filter((u) => u !== actor.userId),
    caseId: row.id,
    kind: 'direction_notified',
    params: { reference: row.reference },
    actorId: actor.userId,
    mail: { template: 'direction_notified', params: { reference: row.reference, caseUrl: caseUrl(ctx, row.id) } },
  });
  return added;
}
