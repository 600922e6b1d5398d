// When a captured page counts as complete. After the scroll that wakes lazy content, the capture
// waits until the network has been idle for a while: long enough for a script to ask for what a
// response told it to (comments, then their images), short enough not to keep a frightened
// person waiting. The window follows the page's own pace: twice its median request time,
// between 50 ms (a fast page on a near server) and 500 ms (Playwright's "networkidle").

export const QUIET_MIN_MS = 50;
export const QUIET_MAX_MS = 500;
/** Before any request has finished, nothing is known of the page's pace. */
export const QUIET_UNKNOWN_MS = 250;

export function quietWindowMs(durationsMs: readonly number[]): number {
  const finite = durationsMs.filter((d) => Number.isFinite(d) && d >= 0).sort((a, b) => a - b);
  if (finite.length === 0) return QUIET_UNKNOWN_MS;
  const mid = Math.floor(finite.length / 2);
  const median = finite.length % 2 === 1 ? (finite[mid] ?? 0) : ((finite[mid - 1] ?? 0) + (finite[mid] ?? 0)) / 2;
  return Math.round(Math.min(QUIET_MAX_MS, Math.max(QUIET_MIN_MS, 2 * median)));
}
