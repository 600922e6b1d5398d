// The procedure engine: keeps a case's tasks in step with its playbook, facts and joined roles
// (domain/cases/task-plan.ts decides; this applies), assigns tasks to the primary holder of
// their role, and makes roles join the case (DESIGN.md §7). Runs inside the caller's
// transaction, with a Ledger entry per change.
import type { Selectable } from 'kysely';
import type { Tx } from '../../adapters/db/database.js';
import { addCaseRole, addParticipant, instigatorKinds, joinedRoles, latestConsents, listLocations, roleHolders } from '../../adapters/db/cases.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { CasesTable } from '../../adapters/db/schema-cases.js';
import { insertTask, listCaseTasks, updateTask } from '../../adapters/db/tasks.js';
import type { BusinessCalendar } from '../../domain/calendar/index.js';
import { nextClockEvent } from '../../domain/cases/escalation.js';
import { type ExistingTask, planTasks } from '../../domain/cases/task-plan.js';
import { type CaseFacts, type CaseFlag, caseFlags, emptyFacts } from '../../domain/playbook/conditions.js';
import type { CompiledStep, StepRole } from '../../domain/playbook/definition.js';
import type { AppContext } from '../context.js';
import { loadCalendar } from './calendar.js';
import { playbookOfCase } from './playbook-store.js';

export type CaseRow = Selectable<CasesTable>;

export function flagsOf(row: Pick<CaseRow, 'flags'>): Record<CaseFlag, boolean> {
  const stored = row.flags as Record<string, unknown>;
  return Object.fromEntries(caseFlags.map((f) => [f, stored[f] === true])) as Record<CaseFlag, boolean>;
}

export async function caseFacts(tx: Tx, row: CaseRow): Promise<CaseFacts> {
  const facts = emptyFacts();
  facts.flags = flagsOf(row);
  const kinds = await instigatorKinds(tx, row.id);
  facts.instigatorKnown = kinds.some((k) => k !== 'unknown');
  facts.studentInstigator = kinds.includes('student');
  for (const c of await latestConsents(tx, row.id)) facts.consents[c.purpose] = c.granted;
  return facts;
}

async function affectedPerson(tx: Tx, row: CaseRow) {
  return tx
    .selectFrom('persons')
    .leftJoin('users', 'users.person_id', 'persons.id')
    .select(['persons.id', 'persons.association_id', 'users.id as userId'])
    .where('persons.id', '=', row.affected_person_id)
    .executeTakeFirstOrThrow();
}

/** Users who hold `role` for this case: the unit's supervisors, the person's union, or org-wide holders. */
export async function holdersForCase(tx: Tx, row: CaseRow, role: string): Promise<Array<{ userId: string; isPrimary: boolean }>> {
  if (role === 'staff') {
    const person = await affectedPerson(tx, row);
    return person.userId ? [{ userId: person.userId, isPrimary: true }] : [];
  }
  if (role === 'supervisor') {
    if (row.supervisor_is_general_direction || !row.unit_id) return holdersForCase(tx, row, 'general_direction');
    const person = await affectedPerson(tx, row);
    // Never the affected person themself (a case about the supervisor goes to general direction).
    return (await roleHolders(tx, row.organisation_id, 'supervisor', { unitId: row.unit_id })).filter((h) => h.personId !== person.id);
  }
  if (role === 'union') {
    const person = await affectedPerson(tx, row);
    if (!person.association_id) return [];
    return roleHolders(tx, row.organisation_id, 'union', { associationId: person.association_id });
  }
  if (role === 'legal') {
    const participants = await tx
      .selectFrom('case_participants')
      .select('user_id')
      .where('case_id', '=', row.id)
      .where('role', '=', 'legal')
      .where('removed_at', 'is', null)
      .execute();
    return participants.map((p, i) => ({ userId: p.user_id, isPrimary: i === 0 }));
  }
  return roleHolders(tx, row.organisation_id, role);
}

/**
 * Makes `role` join the case: its holders become participants and its pending tasks start.
 * Returns the users who were not participants before.
 */
export async function joinRole(
  tx: Tx,
  ctx: Pick<AppContext, 'clock'>,
  row: CaseRow,
  role: string,
  input: { actorId: string | null; reason: string },
): Promise<string[]> {
  const now = ctx.clock.now();
  const roleJoined = await addCaseRole(tx, row.id, role, now);
  const holders = await holdersForCase(tx, row, role);
  // When general direction stands in for the supervisor, it takes part as general direction.
  const participantRole = role === 'supervisor' && (row.supervisor_is_general_direction || !row.unit_id) ? 'general_direction' : role;
  const added: string[] = [];
  for (const h of holders) {
    if (await addParticipant(tx, { caseId: row.id, userId: h.userId, role: participantRole, at: now, addedBy: input.actorId, reason: input.reason })) {
      added.push(h.userId);
      await appendLedger(tx, {
        action: 'participant.added',
        at: now,
        actorId: input.actorId,
        organisationId: row.organisation_id,
        caseId: row.id,
        subject: { type: 'user', id: h.userId },
        data: { role: participantRole, reason: input.reason },
      });
    }
  }
  if (roleJoined) {
    await appendLedger(tx, {
      action: 'case.role_joined',
      at: now,
      actorId: input.actorId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'case', id: row.id },
      data: { role, reason: input.reason },
    });
  }
  return added;
}

async function assigneeFor(tx: Tx, row: CaseRow, role: StepRole): Promise<string | null> {
  if (role === 'any') return null;
  const holders = await holdersForCase(tx, row, role);
  return holders.find((h) => h.isPrimary)?.userId ?? (role === 'staff' || role === 'legal' ? (holders[0]?.userId ?? null) : null);
}

export function nextCheckAt(step: CompiledStep, task: { activatedAt: Date; dueAt: Date | null; remindedAt: Date | null; escalationLevel: number; assigned: boolean }, calendar: BusinessCalendar, urgent: boolean, now: Date): Date | null {
  if (!task.dueAt) return task.assigned ? null : now;
  // No primary holder: escalate at once.
  if (!task.assigned && task.escalationLevel === 0 && step.role !== 'any') return now;
  const event = nextClockEvent(
    { activatedAt: task.activatedAt, dueAt: task.dueAt, remindedAt: task.remindedAt, escalationLevel: task.escalationLevel, rule: step.dueRule, chain: step.escalation },
    calendar,
    urgent,
  );
  return event?.at ?? null;
}

export interface OpenedTask {
  id: string;
  stepKey: string;
  assigneeUserId: string | null;
}

/** Brings the case's tasks in line with the plan. Returns the tasks that just opened. */
export async function applyPlan(tx: Tx, ctx: Pick<AppContext, 'clock'>, row: CaseRow, actorId: string | null): Promise<OpenedTask[]> {
  const now = ctx.clock.now();
  const [{ steps }, facts, roles, locations, existing, calendar] = await Promise.all([
    playbookOfCase(tx, row.playbook_id),
    caseFacts(tx, row),
    joinedRoles(tx, row.id),
    listLocations(tx, row.id),
    listCaseTasks(tx, row.id),
    loadCalendar(tx, row.organisation_id),
  ]);
  const actions = planTasks({
    steps,
    facts,
    joinedRoles: new Set(roles as StepRole[]),
    locationIds: locations.map((l) => l.id),
    existing: existing.map(
      (t): ExistingTask => ({ id: t.id, stepKey: t.step_key, locationId: t.location_id, status: t.status, occurrence: t.occurrence, retiredBySystem: t.retired_by_system }),
    ),
    caseClosed: row.status === 'closed',
    now,
    calendar,
  });
  const stepOf = new Map(steps.map((s) => [s.key, s]));
  const urgent = facts.flags.illegalOrSerious;
  const opened: OpenedTask[] = [];
  const ledger = (action: string, taskId: string, data: Record<string, string | number | boolean | null | string[]>) =>
    appendLedger(tx, { action, at: now, actorId, organisationId: row.organisation_id, caseId: row.id, subject: { type: 'task', id: taskId }, data });

  for (const action of actions) {
    const step = stepOf.get(action.stepKey);
    if (!step) continue;
    if (action.kind === 'create') {
      const assignee = action.status === 'pending' ? null : await assigneeFor(tx, row, step.role);
      const task = await insertTask(tx, {
        case_id: row.id,
        step_key: step.key,
        location_id: action.locationId,
        role: step.role,
        status: action.status,
        assignee_user_id: assignee,
        activated_at: action.activatedAt,
        due_at: action.dueAt,
        completed_at: action.status === 'done' ? now : null,
        completion_source: action.status === 'done' ? 'system' : null,
        next_check_at:
          action.status === 'open' && action.activatedAt
            ? nextCheckAt(step, { activatedAt: action.activatedAt, dueAt: action.dueAt, remindedAt: null, escalationLevel: 0, assigned: assignee !== null || step.role === 'any' }, calendar, urgent, now)
            : null,
        created_at: now,
        updated_at: now,
      });
      await ledger(action.status === 'done' ? 'task.done' : 'task.created', task.id, {
        stepKey: step.key,
        status: action.status,
        locationId: action.locationId,
        ...(action.status === 'done' ? { by: 'system' } : {}),
      });
      if (action.status === 'open') opened.push({ id: task.id, stepKey: step.key, assigneeUserId: assignee });
    } else if (action.kind === 'activate' || action.kind === 'revive') {
      const status = action.kind === 'activate' ? 'open' : action.status;
      const assignee = status === 'open' ? await assigneeFor(tx, row, step.role) : null;
      await updateTask(tx, action.taskId, {
        status,
        assignee_user_id: assignee,
        activated_at: action.activatedAt,
        due_at: action.dueAt,
        na_reason: null,
        retired_by_system: false,
        reminded_at: null,
        escalation_level: 0,
        next_check_at:
          status === 'open' && action.activatedAt
            ? nextCheckAt(step, { activatedAt: action.activatedAt, dueAt: action.dueAt, remindedAt: null, escalationLevel: 0, assigned: assignee !== null || step.role === 'any' }, calendar, urgent, now)
            : null,
        updated_at: now,
      });
      await ledger(action.kind === 'activate' ? 'task.activated' : 'task.revived', action.taskId, { stepKey: step.key, status });
      if (status === 'open') opened.push({ id: action.taskId, stepKey: step.key, assigneeUserId: assignee });
    } else {
      await updateTask(tx, action.taskId, {
        status: 'not_applicable',
        na_reason: `condition:${action.facts.join(',')}`,
        retired_by_system: true,
        next_check_at: null,
        updated_at: now,
      });
      await ledger('task.not_applicable', action.taskId, { stepKey: step.key, by: 'system', facts: action.facts });
    }
  }
  return opened;
}

/**
 * Completes, as the system, the open tasks whose step completes on `event` (4.1.1 on the first
 * sealed evidence; more evidence may follow).
 */
export async function completeEventSteps(tx: Tx, ctx: Pick<AppContext, 'clock'>, row: CaseRow, event: CompiledStep['completion'], actorId: string | null): Promise<number> {
  const now = ctx.clock.now();
  const { steps } = await playbookOfCase(tx, row.playbook_id);
  const keys = new Set(steps.filter((s) => s.completion === event).map((s) => s.key));
  let done = 0;
  for (const t of await listCaseTasks(tx, row.id)) {
    if (!keys.has(t.step_key) || (t.status !== 'open' && t.status !== 'pending')) continue;
    await updateTask(tx, t.id, { status: 'done', completed_at: now, completed_by: null, completion_source: 'system', next_check_at: null, updated_at: now });
    await appendLedger(tx, { action: 'task.done', at: now, actorId, organisationId: row.organisation_id, caseId: row.id, subject: { type: 'task', id: t.id }, data: { stepKey: t.step_key, by: 'system', event } });
    done += 1;
  }
  return done;
}
