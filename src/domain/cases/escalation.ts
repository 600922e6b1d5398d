// Reminders and escalations of a task's clock (PLAYBOOK.md): a reminder before the due time,
// then, once overdue, one escalation level after another along the step's chain (e.g.
// assignee → supervisor → general direction). For "bd" steps they wait for working hours,
// except the first escalation at the due time itself (closing time) and except when the case
// is flagged illegalOrSerious, where everything goes out at once.
import { type BusinessCalendar, addWallClockHours, endOfNthBusinessDay, nextWorkingInstant } from '../calendar/index.js';
import type { EscalationTarget } from '../playbook/definition.js';
import { type DueRule, followsWorkingHours } from '../playbook/due-rules.js';

export interface TaskClock {
  activatedAt: Date;
  dueAt: Date;
  remindedAt: Date | null;
  /** Number of escalation levels already sent. */
  escalationLevel: number;
  rule: DueRule;
  chain: readonly EscalationTarget[];
}

export type ClockEvent =
  | { kind: 'remind'; at: Date }
  | { kind: 'escalate'; level: number; target: EscalationTarget; at: Date };

/** `t` if it falls in working hours, closing time included; else the next opening. */
function inWorkingHours(calendar: BusinessCalendar, t: Date): Date {
  const justBefore = new Date(t.getTime() - 1);
  const next = nextWorkingInstant(calendar, justBefore);
  return next.getTime() === justBefore.getTime() ? t : next;
}

/** When the reminder is due: a quarter of the window before the due time (≥ 15 min, ≤ 1 day). */
export function reminderTime(clock: TaskClock, calendar: BusinessCalendar, urgent: boolean): Date | null {
  const window = clock.dueAt.getTime() - clock.activatedAt.getTime();
  if (window <= 0) return null;
  const lead = Math.min(Math.max(window / 4, 15 * 60_000), 24 * 3_600_000);
  const at = new Date(clock.dueAt.getTime() - lead);
  const adjusted = followsWorkingHours(clock.rule, urgent) ? inWorkingHours(calendar, at) : at;
  return adjusted.getTime() < clock.dueAt.getTime() ? adjusted : null;
}

/** When escalation level `level` (1-based) goes out. */
export function escalationTime(clock: TaskClock, level: number, calendar: BusinessCalendar, urgent: boolean): Date {
  if (level <= 1) return clock.dueAt;
  let t = clock.dueAt;
  for (let l = 2; l <= level; l += 1) {
    if (clock.rule.kind === 'business_days') t = endOfNthBusinessDay(calendar, t, 1);
    else if (clock.rule.kind === 'hours') t = addWallClockHours(t, Math.max(1, clock.rule.value));
    else t = addWallClockHours(t, 24);
  }
  return followsWorkingHours(clock.rule, urgent) ? inWorkingHours(calendar, t) : t;
}

/** The next event of this clock, whether already due (at ≤ now) or in the future; none when the chain is spent. */
export function nextClockEvent(clock: TaskClock, calendar: BusinessCalendar, urgent: boolean): ClockEvent | undefined {
  if (clock.remindedAt === null && clock.escalationLevel === 0) {
    const r = reminderTime(clock, calendar, urgent);
    if (r) return { kind: 'remind', at: r };
  }
  const level = clock.escalationLevel + 1;
  const target = clock.chain[level - 1];
  if (!target) return undefined;
  return { kind: 'escalate', level, target, at: escalationTime(clock, level, calendar, urgent) };
}
