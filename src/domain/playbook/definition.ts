// A playbook: versioned data (not code) listing the procedure's steps (DESIGN.md §2). The
// structure is checked by the zod schema in src/contract/playbook.ts; this module checks the
// meaning: known roles, parsable due rules and conditions, known dependencies, no cycle.
import { type Role, roles } from '../auth/roles.js';
import { type Condition, ConditionSyntaxError, parseCondition } from './conditions.js';
import { type DueRule, parseDueRule } from './due-rules.js';

/** Roles a step may belong to: the procedure's roles, or `any` participant. */
export const stepRoles = ['staff', 'supervisor', 'general_direction', 'hr', 'it', 'union', 'legal', 'any'] as const;
export type StepRole = (typeof stepRoles)[number];

export const completions = ['manual', 'system:intake', 'event:evidence_sealed', 'event:union_notice_sent', 'action:notify_direction'] as const;
export type Completion = (typeof completions)[number];

/** Who is told when a task is overdue, level by level. */
export const escalationTargets = ['assignee', 'supervisor', 'general_direction', 'hr', 'it'] as const;
export type EscalationTarget = (typeof escalationTargets)[number];

export interface LocalisedText {
  'fr-CA': string;
  en: string;
}

export interface PlaybookStep {
  key: string;
  role: StepRole;
  title: LocalisedText;
  guidance: LocalisedText;
  due: string;
  appliesWhen: string;
  completion: Completion;
  escalation: EscalationTarget[];
  dependsOn?: string[];
  perLocation?: boolean;
  optional?: boolean;
}

export interface PlaybookDefinition {
  format: 1;
  name: LocalisedText;
  source?: string;
  steps: PlaybookStep[];
}

export interface CompiledStep extends PlaybookStep {
  dueRule: DueRule;
  condition: Condition;
}

export interface PlaybookProblem {
  path: string;
  /** A stable id, also the i18n key suffix: playbook.problem.<code>. */
  code:
    | 'duplicate_key'
    | 'bad_key'
    | 'unknown_role'
    | 'bad_due_rule'
    | 'bad_condition'
    | 'unknown_fact'
    | 'unknown_dependency'
    | 'self_dependency'
    | 'cycle'
    | 'unknown_completion'
    | 'unknown_escalation'
    | 'no_steps'
    | 'intake_step_needs_intake_due';
  params?: Record<string, string>;
}

const KEY_PATTERN = /^\d+(\.\d+){0,3}$/;

export function isAssignableRole(role: StepRole): role is Exclude<StepRole, 'any'> {
  return role !== 'any' && (roles as readonly string[]).includes(role);
}

export function validatePlaybook(def: PlaybookDefinition): { ok: true; steps: CompiledStep[] } | { ok: false; problems: PlaybookProblem[] } {
  const problems: PlaybookProblem[] = [];
  if (def.steps.length === 0) problems.push({ path: 'steps', code: 'no_steps' });
  const keys = new Map<string, number>();
  const compiled: CompiledStep[] = [];
  def.steps.forEach((step, i) => {
    const at = (field: string) => `steps.${i}.${field}`;
    if (!KEY_PATTERN.test(step.key)) problems.push({ path: at('key'), code: 'bad_key', params: { key: step.key } });
    if (keys.has(step.key)) problems.push({ path: at('key'), code: 'duplicate_key', params: { key: step.key } });
    keys.set(step.key, i);
    if (!(stepRoles as readonly string[]).includes(step.role)) problems.push({ path: at('role'), code: 'unknown_role', params: { role: step.role } });
    if (!(completions as readonly string[]).includes(step.completion)) {
      problems.push({ path: at('completion'), code: 'unknown_completion', params: { completion: step.completion } });
    }
    step.escalation.forEach((target, j) => {
      if (!(escalationTargets as readonly string[]).includes(target)) {
        problems.push({ path: `${at('escalation')}.${j}`, code: 'unknown_escalation', params: { target } });
      }
    });
    const dueRule = parseDueRule(step.due);
    if (!dueRule) problems.push({ path: at('due'), code: 'bad_due_rule', params: { rule: step.due } });
    if (step.completion === 'system:intake' && dueRule && dueRule.kind !== 'at_intake') {
      problems.push({ path: at('due'), code: 'intake_step_needs_intake_due' });
    }
    let condition: Condition | undefined;
    try {
      condition = parseCondition(step.appliesWhen);
    } catch (error) {
      if (error instanceof ConditionSyntaxError) {
        problems.push({
          path: at('appliesWhen'),
          code: error.reason === 'unknown_fact' ? 'unknown_fact' : 'bad_condition',
          params: { condition: step.appliesWhen, token: error.token ?? '' },
        });
      } else throw error;
    }
    if (dueRule && condition) compiled.push({ ...step, dueRule, condition });
  });
  def.steps.forEach((step, i) => {
    (step.dependsOn ?? []).forEach((dep, j) => {
      if (dep === step.key) problems.push({ path: `steps.${i}.dependsOn.${j}`, code: 'self_dependency', params: { key: dep } });
      else if (!keys.has(dep)) problems.push({ path: `steps.${i}.dependsOn.${j}`, code: 'unknown_dependency', params: { key: dep } });
    });
  });
  const cycle = findCycle(def.steps);
  if (cycle) problems.push({ path: 'steps', code: 'cycle', params: { cycle: cycle.join(' → ') } });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, steps: compiled };
}

/** A dependency cycle as a list of keys (first = last), or undefined. */
export function findCycle(steps: ReadonlyArray<Pick<PlaybookStep, 'key' | 'dependsOn'>>): string[] | undefined {
  const deps = new Map(steps.map((s) => [s.key, s.dependsOn ?? []]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (key: string): string[] | undefined => {
    const s = state.get(key);
    if (s === 'done') return undefined;
    if (s === 'visiting') return [...stack.slice(stack.indexOf(key)), key];
    state.set(key, 'visiting');
    stack.push(key);
    for (const d of deps.get(key) ?? []) {
      if (!deps.has(d) || d === key) continue;
      const found = visit(d);
      if (found) return found;
    }
    stack.pop();
    state.set(key, 'done');
    return undefined;
  };
  for (const s of steps) {
    const found = visit(s.key);
    if (found) return found;
  }
  return undefined;
}

export function assertRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
