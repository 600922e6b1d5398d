// Due rules of playbook steps (PLAYBOOK.md clock rules):
//   "<N>h"       N wall-clock hours after the step becomes active (harm spreads at night too)
//   "<N>bd"      closing time of the Nth business day after activation (organisation calendar)
//   "weekly"     7 days after activation, recurring until the case closes
//   "at_intake"  done by the system at intake
//   "none"       no clock
import { type BusinessCalendar, addWallClockHours, endOfNthBusinessDay } from '../calendar/index.js';

export type DueRule =
  | { kind: 'hours'; value: number }
  | { kind: 'business_days'; value: number }
  | { kind: 'weekly' }
  | { kind: 'at_intake' }
  | { kind: 'none' };

export function parseDueRule(text: string): DueRule | undefined {
  const t = text.trim();
  if (t === 'weekly') return { kind: 'weekly' };
  if (t === 'at_intake') return { kind: 'at_intake' };
  if (t === 'none') return { kind: 'none' };
  const m = /^(\d{1,3})(h|bd)$/.exec(t);
  if (!m) return undefined;
  const value = Number(m[1]);
  if (value < 1 || (m[2] === 'h' && value > 720) || (m[2] === 'bd' && value > 60)) return undefined;
  return m[2] === 'h' ? { kind: 'hours', value } : { kind: 'business_days', value };
}

export function formatDueRule(rule: DueRule): string {
  switch (rule.kind) {
    case 'hours':
      return `${rule.value}h`;
    case 'business_days':
      return `${rule.value}bd`;
    default:
      return rule.kind;
  }
}

/** When a step activated at `activatedAt` is due; null when it has no clock. */
export function dueAt(rule: DueRule, activatedAt: Date, calendar: BusinessCalendar): Date | null {
  switch (rule.kind) {
    case 'hours':
      return addWallClockHours(activatedAt, rule.value);
    case 'business_days':
      return endOfNthBusinessDay(calendar, activatedAt, rule.value);
    case 'weekly':
      return addWallClockHours(activatedAt, 7 * 24);
    case 'at_intake':
      return activatedAt;
    case 'none':
      return null;
  }
}

/** Whether reminders and escalations of this rule wait for working hours. */
export function followsWorkingHours(rule: DueRule, illegalOrSerious: boolean): boolean {
  return rule.kind === 'business_days' && !illegalOrSerious;
}
