// When a location is re-checked next (Takedown issue: "hourly first day, then daily").
// Consecutive "unknown" outcomes (a site down, a rate limit) stretch the interval, doubling
// from the second one, never beyond a day. Pure.
import type { CheckOutcome } from './classify.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** How long a worker holds a due location while it fetches it (another worker skips it). */
export const CHECK_LEASE_MS = 10 * 60_000;

/** Consecutive unknown outcomes after this check. */
export function nextBackoff(previous: number, outcome: CheckOutcome): number {
  return outcome === 'unknown' ? Math.min(previous + 1, 10) : 0;
}

export function nextCheckAt(locationAddedAt: Date, now: Date, backoff: number): Date {
  const firstDay = now.getTime() < locationAddedAt.getTime() + DAY_MS;
  const base = firstDay ? HOUR_MS : DAY_MS;
  const stretched = base * 2 ** Math.max(0, backoff - 1);
  return new Date(now.getTime() + Math.min(stretched, DAY_MS));
}
