// Which tasks a case should have, given its playbook, facts, joined roles and locations
// (PLAYBOOK.md completion and clock rules; DESIGN.md §7). Pure: the caller applies the plan.
//  - a step whose condition holds gets a task (one per location for per-location steps);
//  - its clock starts when its role has joined (before that the task is `pending`);
//  - a task whose condition no longer holds becomes `not_applicable` with the facts as reason;
//    if the condition holds again later, the same task comes back;
//  - done tasks stay done; optional steps exist only once someone adds them.
import type { BusinessCalendar } from '../calendar/index.js';
import { type CaseFacts, evaluateCondition, factsOf } from '../playbook/conditions.js';
import type { CompiledStep, StepRole } from '../playbook/definition.js';
import { dueAt } from '../playbook/due-rules.js';

export const taskStatuses = ['pending', 'open', 'done', 'not_applicable'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export interface ExistingTask {
  id: string;
  stepKey: string;
  locationId: string | null;
  status: TaskStatus;
  occurrence: number;
  /** not_applicable set by the system (condition stopped holding), not by a person. */
  retiredBySystem: boolean;
}

export interface PlanInput {
  steps: readonly CompiledStep[];
  facts: CaseFacts;
  joinedRoles: ReadonlySet<StepRole>;
  locationIds: readonly string[];
  existing: readonly ExistingTask[];
  caseClosed: boolean;
  now: Date;
  calendar: BusinessCalendar;
}

export type PlanAction =
  | { kind: 'create'; stepKey: string; locationId: string | null; status: 'pending' | 'open' | 'done'; activatedAt: Date | null; dueAt: Date | null }
  | { kind: 'activate'; taskId: string; stepKey: string; activatedAt: Date; dueAt: Date | null }
  | { kind: 'retire'; taskId: string; stepKey: string; facts: string[] }
  | { kind: 'revive'; taskId: string; stepKey: string; status: 'pending' | 'open'; activatedAt: Date | null; dueAt: Date | null };

function roleJoined(role: StepRole, joined: ReadonlySet<StepRole>): boolean {
  return role === 'any' || joined.has(role);
}

export function planTasks(input: PlanInput): PlanAction[] {
  const actions: PlanAction[] = [];
  const latest = new Map<string, ExistingTask>();
  for (const t of input.existing) {
    const k = `${t.stepKey}|${t.locationId ?? ''}`;
    const prev = latest.get(k);
    if (!prev || t.occurrence > prev.occurrence) latest.set(k, t);
  }
  for (const step of input.steps) {
    const instances: Array<string | null> = step.perLocation ? [...input.locationIds] : [null];
    const applies = evaluateCondition(step.condition, input.facts);
    const joined = roleJoined(step.role, input.joinedRoles);
    for (const locationId of instances) {
      const existing = latest.get(`${step.key}|${locationId ?? ''}`);
      if (!existing) {
        if (!applies || input.caseClosed || step.optional) continue;
        if (step.completion === 'system:intake') {
          actions.push({ kind: 'create', stepKey: step.key, locationId, status: 'done', activatedAt: input.now, dueAt: input.now });
          continue;
        }
        actions.push({
          kind: 'create',
          stepKey: step.key,
          locationId,
          status: joined ? 'open' : 'pending',
          activatedAt: joined ? input.now : null,
          dueAt: joined ? dueAt(step.dueRule, input.now, input.calendar) : null,
        });
        continue;
      }
      if (existing.status === 'done') continue;
      if (existing.status === 'not_applicable') {
        if (applies && existing.retiredBySystem && !input.caseClosed) {
          actions.push({
            kind: 'revive',
            taskId: existing.id,
            stepKey: step.key,
            status: joined ? 'open' : 'pending',
            activatedAt: joined ? input.now : null,
            dueAt: joined ? dueAt(step.dueRule, input.now, input.calendar) : null,
          });
        }
        continue;
      }
      if (!applies) {
        actions.push({ kind: 'retire', taskId: existing.id, stepKey: step.key, facts: factsOf(step.condition) });
        continue;
      }
      if (existing.status === 'pending' && joined) {
        actions.push({ kind: 'activate', taskId: existing.id, stepKey: step.key, activatedAt: input.now, dueAt: dueAt(step.dueRule, input.now, input.calendar) });
      }
    }
  }
  return actions;
}
