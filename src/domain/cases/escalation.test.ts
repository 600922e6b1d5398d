import { describe, expect, it } from 'vitest';
import { defaultBusinessCalendar as cal } from '../calendar/index.js';
import { nextClockEvent, type TaskClock } from './escalation.js';

const base: TaskClock = {
  activatedAt: new Date('2026-03-03T15:00:00Z'),
  dueAt: new Date('2026-03-03T19:00:00Z'),
  remindedAt: null,
  escalationLevel: 0,
  rule: { kind: 'hours', value: 4 },
  chain: ['assignee', 'general_direction'],
};

describe('task clock', () => {
  it('reminds a quarter of the window before the due time', () => {
    expect(nextClockEvent(base, cal, false)).toEqual({ kind: 'remind', at: new Date('2026-03-03T18:00:00Z') });
  });

  it('escalates at the due time, then along the chain, then stops', () => {
    const reminded = { ...base, remindedAt: new Date('2026-03-03T18:00:00Z') };
    expect(nextClockEvent(reminded, cal, false)).toEqual({ kind: 'escalate', level: 1, target: 'assignee', at: base.dueAt });
    expect(nextClockEvent({ ...reminded, escalationLevel: 1 }, cal, false)).toEqual({
      kind: 'escalate',
      level: 2,
      target: 'general_direction',
      at: new Date('2026-03-03T23:00:00Z'),
    });
    expect(nextClockEvent({ ...reminded, escalationLevel: 2 }, cal, false)).toBeUndefined();
  });

  it('keeps later escalations of business-day steps in working hours unless the case is serious', () => {
    const bd: TaskClock = {
      ...base,
      activatedAt: new Date('2026-03-05T15:00:00Z'),
      dueAt: new Date('2026-03-06T22:00:00Z'), // Fri 17:00 EST
      rule: { kind: 'business_days', value: 1 },
      remindedAt: new Date('2026-03-06T14:00:00Z'),
      escalationLevel: 1,
    };
    const normal = nextClockEvent(bd, cal, false);
    expect(normal?.at.toISOString()).toBe('2026-03-09T21:00:00.000Z'); // Mon 17:00 EDT
    const serious = nextClockEvent({ ...bd, rule: { kind: 'hours', value: 24 } }, cal, true);
    expect(serious?.at.toISOString()).toBe('2026-03-07T22:00:00.000Z');
  });
});
