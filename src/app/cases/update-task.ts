// PATCH /tasks/{id} {status, note?}: by the assignee or a participant in the task's role (any
// participant for role `any`). open → done | not_applicable (with a reason); done or
// not_applicable → open (reopen). A pending task (role not joined) cannot change. Completing the
// weekly follow-up schedules the next one; completing 4.2.2 notifies the direction.
import type { z } from 'zod';
import { appendLedger } from '../../adapters/db/ledger.js';
import { findTask, insertTask, listCaseTasks, updateTask } from '../../adapters/db/tasks.js';
import type { taskSchema, updateTaskBody } from '../../contract/cases.js';
import { DomainError } from '../../domain/errors.js';
import { bodyDigest } from '../../domain/ledger/chain.js';
import { dueAt } from '../../domain/playbook/due-rules.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadCalendar } from './calendar.js';
import { loadCaseForUpdate } from './load-case.js';
import { notifyDirectionInTx } from './notify-direction.js';
import { playbookOfCase } from './playbook-store.js';
import { presentTask, userNames } from './present.js';
import { flagsOf, nextCheckAt } from './procedure.js';

function isUuid(v: string) {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
}

export async function updateTaskStatus(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  input: { actor: Principal; taskId: string; body: z.infer<typeof updateTaskBody>; locale: Locale },
): Promise<z.infer<typeof taskSchema>> {
  const { actor, body } = input;
  const now = ctx.clock.now();
  if (!isUuid(input.taskId)) throw new DomainError('not_found');
  return ctx.db.transaction().execute(async (tx) => {
    const peek = await findTask(tx, input.taskId);
    if (!peek) throw new DomainError('not_found');
    const { row, access } = await loadCaseForUpdate(tx, actor, peek.case_id, now);
    const task = await findTask(tx, input.taskId);
    if (!task) throw new DomainError('not_found');
    const { steps, definition } = await playbookOfCase(tx, row.playbook_id);
    const step = steps.find((s) => s.key === task.step_key);
    if (!step) throw new DomainError('invalid_transition');

    const mayAct =
      task.assignee_user_id === actor.userId ||
      (task.role === 'any' ? access.kind !== 'grant' : access.roles.includes(task.role) || (task.role === 'staff' && access.kind === 'affected')) ||
      (task.role === 'supervisor' && access.roles.includes('general_direction') && row.supervisor_is_general_direction);
    if (!mayAct) throw new DomainError('forbidden');
    if (row.status === 'closed') throw new DomainError('invalid_transition', { messageKey: 'case.error.closed' });
    if (task.status === 'pending') throw new DomainError('invalid_transition', { messageKey: 'task.error.pending' });
    if (task.status === body.status) throw new DomainError('invalid_transition', { params: { from: task.status, to: body.status } });
    if (body.status === 'not_applicable' && !body.note) throw new DomainError('invalid_input', { fields: [{ path: 'note', message: 'field.required' }] });
    if (body.status === 'done' && step.completion === 'event:union_notice_sent') {
      throw new DomainError('consent_required', { messageKey: 'task.error.union_notice_needs_consent' });
    }
    if (body.status === 'done') {
      const siblings = await listCaseTasks(tx, row.id);
      const blocking = (step.dependsOn ?? []).filter((dep) =>
        siblings.some((t) => t.step_key === dep && (t.location_id === task.location_id || t.location_id === null) && (t.status === 'open' || t.status === 'pending')),
      );
      if (blocking.length > 0) throw new DomainError('invalid_transition', { messageKey: 'task.error.dependency_open', params: { steps: blocking.join(', ') } });
    }

    if (body.status === 'done' && step.completion === 'action:notify_direction') {
      await notifyDirectionInTx(tx, ctx, row, actor, body.note);
    } else if (body.status === 'open') {
      const calendar = await loadCalendar(tx, row.organisation_id);
      const due = dueAt(step.dueRule, now, calendar);
      await updateTask(tx, task.id, {
        status: 'open',
        completed_at: null,
        completed_by: null,
        completion_source: null,
        na_reason: null,
        retired_by_system: false,
        activated_at: now,
        due_at: due,
        reminded_at: null,
        escalation_level: 0,
        note: body.note ?? task.note,
        next_check_at: nextCheckAt(step, { activatedAt: now, dueAt: due, remindedAt: null, escalationLevel: 0, assigned: true }, calendar, flagsOf(row).illegalOrSerious, now),
        updated_at: now,
      });
    } else {
      await updateTask(tx, task.id, {
        status: body.status,
        completed_at: now,
        completed_by: actor.userId,
        completion_source: 'person',
        note: body.status === 'done' ? (body.note ?? null) : task.note,
        na_reason: body.status === 'not_applicable' ? (body.note ?? null) : null,
        retired_by_system: false,
        next_check_at: null,
        updated_at: now,
      });
      // The weekly follow-up (4.2.5) comes back a week later until the case closes.
      if (body.status === 'done' && step.dueRule.kind === 'weekly') {
        const calendar = await loadCalendar(tx, row.organisation_id);
        const due = dueAt(step.dueRule, now, calendar);
        const next = await insertTask(tx, {
          case_id: row.id,
          step_key: task.step_key,
          location_id: task.location_id,
          occurrence: task.occurrence + 1,
          role: task.role,
          status: 'open',
          assignee_user_id: task.assignee_user_id,
          activated_at: now,
          due_at: due,
          next_check_at: nextCheckAt(step, { activatedAt: now, dueAt: due, remindedAt: null, escalationLevel: 0, assigned: true }, calendar, flagsOf(row).illegalOrSerious, now),
          created_at: now,
          updated_at: now,
        });
        await appendLedger(tx, { action: 'task.created', at: now, actorId: actor.userId, organisationId: row.organisation_id, caseId: row.id, subject: { type: 'task', id: next.id }, data: { stepKey: task.step_key, occurrence: task.occurrence + 1 } });
      }
    }
    if (!(body.status === 'done' && step.completion === 'action:notify_direction')) {
      await appendLedger(tx, {
        action: body.status === 'done' ? 'task.done' : body.status === 'open' ? 'task.reopened' : 'task.not_applicable',
        at: now,
        actorId: actor.userId,
        organisationId: row.organisation_id,
        caseId: row.id,
        subject: { type: 'task', id: task.id },
        data: { stepKey: task.step_key, by: 'person', ...(body.note ? { noteDigest: bodyDigest(body.note) } : {}) },
      });
    }
    await tx.updateTable('cases').set({ updated_at: now }).where('id', '=', row.id).execute();
    const updated = await findTask(tx, task.id);
    if (!updated) throw new DomainError('not_found');
    const names = await userNames(tx, updated.assignee_user_id ? [updated.assignee_user_id] : []);
    return presentTask(updated, definition, input.locale, names);
  });
}
