import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultBusinessCalendar } from '../calendar/index.js';
import { emptyFacts } from '../playbook/conditions.js';
import { type CompiledStep, type PlaybookDefinition, type StepRole, validatePlaybook } from '../playbook/definition.js';
import { type ExistingTask, type PlanAction, planTasks } from './task-plan.js';

const def = JSON.parse(readFileSync(new URL('../../../seed/playbook/default.json', import.meta.url), 'utf8')) as PlaybookDefinition;
const compiled = validatePlaybook(def);
if (!compiled.ok) throw new Error('default playbook invalid');
const steps: CompiledStep[] = compiled.steps;
const now = new Date('2026-03-03T15:00:00Z'); // Tuesday 10:00 in Toronto

function plan(overrides: Partial<Parameters<typeof planTasks>[0]> = {}): PlanAction[] {
  return planTasks({
    steps,
    facts: emptyFacts(),
    joinedRoles: new Set<StepRole>(['staff', 'supervisor']),
    locationIds: [],
    existing: [],
    caseClosed: false,
    now,
    calendar: defaultBusinessCalendar,
    ...overrides,
  });
}

const keys = (actions: PlanAction[], kind: PlanAction['kind']) => actions.filter((a) => a.kind === kind).map((a) => a.stepKey).sort();

describe('task plan', () => {
  it('creates at intake the steps that always apply; roles not yet joined wait as pending', () => {
    const actions = plan();
    expect(keys(actions, 'create')).toEqual(['4.1.1', '4.1.2', '4.1.3', '4.2.1', '4.2.2', '4.2.5', '4.3.1', '4.4.1']);
    const byKey = new Map(actions.map((a) => [a.stepKey, a]));
    expect(byKey.get('4.1.2')).toMatchObject({ status: 'done' });
    expect(byKey.get('4.2.2')).toMatchObject({ status: 'open', dueAt: new Date('2026-03-03T19:00:00Z') });
    expect(byKey.get('4.2.1')).toMatchObject({ status: 'open', dueAt: new Date('2026-03-04T22:00:00Z') }); // Wed 17:00 EST
    expect(byKey.get('4.3.1')).toMatchObject({ status: 'pending', dueAt: null });
    expect(byKey.has('4.6.1')).toBe(false); // optional: added on demand
  });

  it('adds steps when facts change and retires them, with the reason, when they stop applying', () => {
    const facts = emptyFacts();
    facts.flags.illegalOrSerious = true;
    facts.flags.studentInvolved = true;
    expect(keys(plan({ facts }), 'create')).toEqual(expect.arrayContaining(['4.1.4', '4.2.4']));
    const existing: ExistingTask[] = [
      { id: 't1', stepKey: '4.1.4', locationId: null, status: 'open', occurrence: 1, retiredBySystem: false },
      { id: 't2', stepKey: '4.2.4', locationId: null, status: 'done', occurrence: 1, retiredBySystem: false },
    ];
    const after = plan({ existing });
    const retire = after.find((a) => a.kind === 'retire');
    expect(retire).toMatchObject({ taskId: 't1', facts: ['flags.illegalOrSerious'] });
    expect(after.some((a) => a.kind !== 'create' && 'taskId' in a && a.taskId === 't2')).toBe(false); // done stays done
  });

  it('brings back a task the system retired when its condition holds again', () => {
    const facts = emptyFacts();
    facts.flags.publicExposure = true;
    const existing: ExistingTask[] = [{ id: 't9', stepKey: '4.5.1', locationId: null, status: 'not_applicable', occurrence: 1, retiredBySystem: true }];
    expect(plan({ facts, existing, joinedRoles: new Set<StepRole>(['general_direction']) }).find((a) => a.stepKey === '4.5.1')).toMatchObject({
      kind: 'revive',
      status: 'open',
    });
  });

  it('starts a pending task’s clock when its role joins', () => {
    const existing: ExistingTask[] = [{ id: 'it1', stepKey: '4.3.1', locationId: null, status: 'pending', occurrence: 1, retiredBySystem: false }];
    const actions = plan({ existing, joinedRoles: new Set<StepRole>(['staff', 'supervisor', 'it']) });
    expect(actions.find((a) => a.stepKey === '4.3.1')).toMatchObject({ kind: 'activate', taskId: 'it1', activatedAt: now });
  });

  it('makes one task per location for per-location steps, and 4.3.3 only after takedown consent', () => {
    const facts = emptyFacts();
    const locs = ['L1', 'L2'];
    const first = plan({ locationIds: locs, facts });
    expect(first.filter((a) => a.stepKey === '4.3.2').map((a) => (a.kind === 'create' ? a.locationId : null))).toEqual(['L1', 'L2']);
    expect(first.some((a) => a.stepKey === '4.3.3')).toBe(false);
    facts.consents.takedown = true;
    expect(plan({ locationIds: locs, facts }).filter((a) => a.stepKey === '4.3.3')).toHaveLength(2);
  });

  it('creates nothing new on a closed case', () => {
    expect(plan({ caseClosed: true })).toEqual([]);
  });
});
