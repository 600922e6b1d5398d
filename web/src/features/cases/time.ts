// Clocks for due times: a "now" that ticks (live countdowns), durations in days / hours /
// minutes, and calendar days in the organisation's time zone (for "today").
import { useEffect, useState } from 'react';

/** The current time, updated every `intervalMs` (30 s by default) while the component is shown. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
}

/** A positive span cut into whole days, hours and minutes (rounded down to the minute). */
export function durationParts(ms: number): DurationParts {
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  return { days: Math.floor(totalMinutes / 1440), hours: Math.floor((totalMinutes % 1440) / 60), minutes: totalMinutes % 60 };
}

/** `YYYY-MM-DD` of a moment in a time zone. */
export function dayKey(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

export type DueGroup = 'overdue' | 'today' | 'later' | 'none';

export function dueGroup(dueAt: string | null, now: Date, timeZone: string): DueGroup {
  if (!dueAt) return 'none';
  const due = new Date(dueAt);
  if (due.getTime() <= now.getTime()) return 'overdue';
  return dayKey(due, timeZone) === dayKey(now, timeZone) ? 'today' : 'later';
}
