// The clock sweeper (run every 15 s by the queue, from any number of processes): reminds the
// assignee before the due time and escalates overdue tasks along their chain. Tasks are claimed
// with FOR UPDATE SKIP LOCKED and their next_check_at moves forward in the same transaction as
// the notification, so two sweepers never send the same reminder twice, and a restart loses
// nothing (the schedule is in the tasks table, not in memory). Time comes from ctx.clock.
import type { Tx } from '../../adapters/db/database.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { claimDueTaskClocks, updateTask } from '../../adapters/db/tasks.js';
import { nextClockEvent } from '../../domain/cases/escalation.js';
import type { EscalationTarget } from '../../domain/playbook/definition.js';
import type { AppContext } from '../context.js';
import { caseUrl, notify } from '../notifications/notify.js';
import { loadCalendar } from './calendar.js';
import { playbookOfCase } from './playbook-store.js';
import { type CaseRow, flagsOf, holdersForCase } from './procedure.js';

const BATCH = 100;

async function targetUsers(tx: Tx, row: CaseRow, target: EscalationTarget, assignee: string | null): Promise<string[]> {
  if (target === 'assignee') return assignee ? [assignee] : [];
  const holders = await holdersForCase(tx, row, target);
  const primary = holders.find((h) => h.isPrimary) ?? holders[0];
  return primary ? [primary.userId] : [];
}

export async function sweepTaskClocks(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>): Promise<{ reminders: number; escalations: number }> {
  let reminders = 0;
  let escalations = 0;
  // Several events of one task may be past (after downtime): catch up in a few rounds, each
  // round moving every claimed task's clock forward (so the loop always ends).
  for (let round = 0; round < 20; round += 1) {
    const again = await ctx.db.transaction().execute(async (tx) => {
      let pending = false;
      const now = ctx.clock.now();
      const tasks = await claimDueTaskClocks(tx, now, BATCH);
      for (const task of tasks) {
        const row = await tx.selectFrom('cases').selectAll().where('id', '=', task.case_id).executeTakeFirstOrThrow();
        const { steps } = await playbookOfCase(tx, row.playbook_id);
        const step = steps.find((s) => s.key === task.step_key);
        if (!step || !task.activated_at || row.status === 'closed') {
          await updateTask(tx, task.id, { next_check_at: null });
          continue;
        }
        const calendar = await loadCalendar(tx, row.organisation_id);
        const urgent = flagsOf(row).illegalOrSerious;
        let remindedAt = task.reminded_at;
        let level = task.escalation_level;
        const assigned = task.assignee_user_id !== null || step.role === 'any';
        // A task nobody holds skips the assignee and escalates at once (Cases issue).
        const chain = assigned ? step.escalation : step.escalation.filter((t) => t !== 'assignee');
        const clock = { activatedAt: task.activated_at, dueAt: task.due_at ?? task.activated_at, remindedAt, escalationLevel: level, rule: step.dueRule, chain };
        let event = task.due_at ? nextClockEvent(clock, calendar, urgent) : undefined;
        if (!assigned && level === 0 && chain[0]) event = { kind: 'escalate', level: 1, target: chain[0], at: now };
        if (event && event.at.getTime() <= now.getTime()) {
          if (event.kind === 'remind') {
            remindedAt = now;
            reminders += 1;
            await notify(tx, ctx, {
              organisationId: row.organisation_id,
              userIds: task.assignee_user_id ? [task.assignee_user_id] : [],
              caseId: row.id,
              taskId: task.id,
              kind: 'task_reminder',
              params: { reference: row.reference, stepKey: task.step_key, dueAt: (task.due_at ?? now).toISOString() },
              actorId: null,
              mail: { template: 'task_reminder', params: { reference: row.reference, stepKey: task.step_key, caseUrl: caseUrl(ctx, row.id) } },
            });
            await appendLedger(tx, { action: 'task.reminded', at: now, actorId: null, organisationId: row.organisation_id, caseId: row.id, subject: { type: 'task', id: task.id }, data: { stepKey: task.step_key } });
          } else {
            level = event.level;
            escalations += 1;
            const users = await targetUsers(tx, row, event.target, task.assignee_user_id);
            await notify(tx, ctx, {
              organisationId: row.organisation_id,
              userIds: users,
              caseId: row.id,
              taskId: task.id,
              kind: assigned ? 'task_overdue' : 'task_unassigned',
              params: { reference: row.reference, stepKey: task.step_key, level, target: event.target },
              actorId: null,
              mail: { template: 'task_overdue', params: { reference: row.reference, stepKey: task.step_key, caseUrl: caseUrl(ctx, row.id) } },
            });
            await appendLedger(tx, {
              action: 'task.escalated',
              at: now,
              actorId: null,
              organisationId: row.organisation_id,
              caseId: row.id,
              subject: { type: 'task', id: task.id },
              data: { stepKey: task.step_key, level, target: event.target, notified: users.length },
            });
          }
        }
        const next = task.due_at ? (nextClockEvent({ ...clock, remindedAt, escalationLevel: level }, calendar, urgent)?.at ?? null) : null;
        await updateTask(tx, task.id, { reminded_at: remindedAt, escalation_level: level, next_check_at: next, updated_at: now });
        if (next && next.getTime() <= now.getTime()) pending = true;
      }
      return pending || tasks.length === BATCH;
    });
    if (!again) break;
  }
  return { reminders, escalations };
}
