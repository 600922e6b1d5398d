import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultBusinessCalendar } from '../calendar/index.js';
import { ConditionSyntaxError, emptyFacts, evaluateCondition, parseCondition } from './conditions.js';
import { findCycle, type PlaybookDefinition, validatePlaybook } from './definition.js';
import { dueAt, parseDueRule } from './due-rules.js';

const defaultPlaybook = JSON.parse(readFileSync(new URL('../../../seed/playbook/default.json', import.meta.url), 'utf8')) as PlaybookDefinition;

describe('conditions', () => {
  it('evaluates facts with and, or, not and parentheses', () => {
    const facts = emptyFacts();
    const c = parseCondition('instigator.student or (flags.studentInvolved and not consent.takedown)');
    expect(evaluateCondition(c, facts)).toBe(false);
    facts.flags.studentInvolved = true;
    expect(evaluateCondition(c, facts)).toBe(true);
    facts.consents.takedown = true;
    expect(evaluateCondition(c, facts)).toBe(false);
    facts.studentInstigator = true;
    expect(evaluateCondition(c, facts)).toBe(true);
    expect(evaluateCondition(parseCondition('always'), emptyFacts())).toBe(true);
  });

  it('refuses unknown facts and bad syntax', () => {
    expect(() => parseCondition('flags.nope')).toThrow(ConditionSyntaxError);
    expect(() => parseCondition('always and')).toThrow(/unexpected_end/);
    expect(() => parseCondition('(always')).toThrow(ConditionSyntaxError);
    expect(() => parseCondition('always always')).toThrow(/unexpected_token/);
    expect(() => parseCondition('  ')).toThrow(/empty/);
  });
});

describe('due rules', () => {
  it('parses hours, business days, weekly, at intake and none', () => {
    expect(parseDueRule('4h')).toEqual({ kind: 'hours', value: 4 });
    expect(parseDueRule('2bd')).toEqual({ kind: 'business_days', value: 2 });
    expect(parseDueRule('weekly')).toEqual({ kind: 'weekly' });
    expect(parseDueRule('0h')).toBeUndefined();
    expect(parseDueRule('3 days')).toBeUndefined();
  });

  it('computes 1 bd from a Friday evening as Monday closing time in Toronto', () => {
    const friday = new Date('2026-03-06T23:30:00Z'); // Fri 18:30 EST
    const due = dueAt({ kind: 'business_days', value: 1 }, friday, defaultBusinessCalendar);
    expect(due?.toISOString()).toBe('2026-03-09T21:00:00.000Z'); // Mon 17:00 EDT? no: DST starts Mar 8 → 17:00 EDT = 21:00Z
  });

  it('counts hours on the wall clock, night included', () => {
    expect(dueAt({ kind: 'hours', value: 4 }, new Date('2026-03-07T03:00:00Z'), defaultBusinessCalendar)?.toISOString()).toBe('2026-03-07T07:00:00.000Z');
  });
});

describe('playbook validation', () => {
  it('accepts the default playbook from the procedure', () => {
    const r = validatePlaybook(defaultPlaybook);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.steps.map((s) => s.key)).toContain('4.3.3');
  });

  it('names an unknown role, a bad rule, a bad condition and a missing dependency', () => {
    const broken: PlaybookDefinition = structuredClone(defaultPlaybook);
    (broken.steps[0] as { role: string }).role = 'janitor';
    (broken.steps[1] as { due: string }).due = 'soon';
    (broken.steps[2] as { appliesWhen: string }).appliesWhen = 'flags.bogus';
    (broken.steps[3] as { dependsOn: string[] }).dependsOn = ['9.9'];
    const r = validatePlaybook(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => `${p.path}:${p.code}`)).toEqual(
        expect.arrayContaining(['steps.0.role:unknown_role', 'steps.1.due:bad_due_rule', 'steps.2.appliesWhen:unknown_fact', 'steps.3.dependsOn.0:unknown_dependency']),
      );
    }
  });

  it('finds dependency cycles', () => {
    expect(findCycle([{ key: 'a', dependsOn: ['b'] }, { key: 'b', dependsOn: ['c'] }, { key: 'c', dependsOn: ['a'] }])).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle([{ key: 'a', dependsOn: ['b'] }, { key: 'b' }])).toBeUndefined();
    const cyclic: PlaybookDefinition = structuredClone(defaultPlaybook);
    const s421 = cyclic.steps.find((s) => s.key === '4.2.1');
    if (s421) s421.dependsOn = ['4.2.3'];
    const r = validatePlaybook(cyclic);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.some((p) => p.code === 'cycle')).toBe(true);
  });
});
