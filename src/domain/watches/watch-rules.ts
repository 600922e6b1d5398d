// Rules of a watch (step 4.3.1 as a standing search): who manages it, what is sent to the search
// providers, which providers a run uses, and when it runs next. Pure.
import type { CaseAccess } from '../cases/access.js';

export const searchProviderIds = ['searxng', 'brave'] as const;
export type SearchProviderId = (typeof searchProviderIds)[number];
export type WatchQueryKind = 'name' | 'handle' | 'phrase';

export interface WatchQuery {
  text: string;
  kind: WatchQueryKind;
}

export const DEFAULT_INTERVAL_HOURS = 24;
/** At most this many provider requests per watch and run (queries × sites), to spare API quotas. */
export const MAX_REQUESTS_PER_PROVIDER = 40;
/** The shortest wait after a rate limit that gave no usable time. */
export const MIN_RATE_LIMIT_BACKOFF_S = 60;

/** IT searches (4.3.1); the supervisor and general direction may set a watch up too. */
export function canManageWatches(access: CaseAccess): boolean {
  return access.kind === 'participant' && access.roles.some((r) => r === 'it' || r === 'supervisor' || r === 'general_direction');
}

/**
 * The search strings of a watch: names and phrases as exact phrases, handles as typed without
 * the leading @ (engines drop it), each once per site filter (`site:host`) or once without.
 */
export function searchStrings(queries: readonly WatchQuery[], sites: readonly string[]): string[] {
  const base = queries.map((q) => {
    const text = q.text.replace(/\s+/g, ' ').trim().replace(/"/g, '');
    if (q.kind === 'handle') return `"${text.replace(/^@/, '')}"`;
    return `"${text}"`;
  });
  const out = sites.length === 0 ? base : base.flatMap((b) => sites.map((s) => `${b} site:${s}`));
  return [...new Set(out)].slice(0, MAX_REQUESTS_PER_PROVIDER);
}

/** A site filter as typed ("https://www.facebook.com/", "Facebook.com") → "facebook.com". */
export function normaliseSite(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  let host = t;
  try {
    host = new URL(t.includes('://') ? t : `https://${t}`).hostname;
  } catch {
    return undefined;
  }
  host = host.replace(/^www\./, '').replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : undefined;
}

export interface ProviderErrorState {
  provider: string;
  retryAt: string | null;
}

/**
 * The providers a run asks: those the watch names that the server has configured, minus those
 * still inside a rate-limit back-off.
 */
export function providersForRun(
  requested: readonly string[],
  configured: readonly string[],
  lastErrors: readonly ProviderErrorState[],
  now: Date,
): { run: string[]; waiting: string[]; unconfigured: string[] } {
  const run: string[] = [];
  const waiting: string[] = [];
  const unconfigured: string[] = [];
  for (const p of requested) {
    if (!configured.includes(p)) {
      unconfigured.push(p);
      continue;
    }
    const retryAt = lastErrors.find((e) => e.provider === p)?.retryAt;
    if (retryAt && new Date(retryAt).getTime() > now.getTime()) waiting.push(p);
    else run.push(p);
  }
  return { run, waiting, unconfigured };
}

/** Next run: the interval after this one, or sooner when a rate-limited provider may retry. */
export function nextRunAt(now: Date, intervalHours: number, retryAts: ReadonlyArray<string | null>): Date {
  let next = now.getTime() + intervalHours * 3_600_000;
  for (const r of retryAts) {
    if (!r) continue;
    const t = new Date(r).getTime();
    if (t > now.getTime() && t < next) next = t;
  }
  return new Date(next);
}

/**
 * How long to wait after a 429, from the answer's headers: Retry-After (seconds or an HTTP
 * date), else X-RateLimit-Reset as Brave sends it (seconds until each window resets, e.g.
 * "1, 1419704" for the per-second and the monthly window; the longest window whose
 * X-RateLimit-Remaining is 0 is the one that bit), never less than a minute.
 */
export function rateLimitDelaySeconds(
  headers: { retryAfter?: string | null; reset?: string | null; remaining?: string | null },
  now: Date,
): number {
  const floor = (s: number) => Math.max(MIN_RATE_LIMIT_BACKOFF_S, Math.ceil(s));
  const ra = headers.retryAfter?.trim();
  if (ra) {
    if (/^\d+$/.test(ra)) return floor(Number(ra));
    const at = Date.parse(ra);
    if (!Number.isNaN(at)) return floor((at - now.getTime()) / 1000);
  }
  const numbers = (h: string | null | undefined) =>
    h?.trim() ? h.split(',').map((s) => (s.trim() === '' ? Number.NaN : Number(s.trim()))) : [];
  const resets = numbers(headers.reset);
  const remaining = numbers(headers.remaining);
  if (resets.length > 0 && resets.every((n) => Number.isFinite(n) && n >= 0)) {
    const exhausted = resets.filter((_, i) => remaining[i] === 0);
    const pick = exhausted.length > 0 ? Math.max(...exhausted) : Math.max(...resets);
    return floor(pick);
  }
  return MIN_RATE_LIMIT_BACKOFF_S;
}
