// What the search adapters share: one GET with a time limit, and the mapping of HTTP failures
// to SearchOutcome codes. Failures never throw past the adapter.
import type { SearchErrorCode, SearchOutcome } from '../../app/watches/ports.js';
import { rateLimitDelaySeconds } from '../../domain/watches/watch-rules.js';

export type Fetch = typeof fetch;

export interface FetchedJson {
  status: number;
  headers: Headers;
  text: string;
}

export async function getText(
  doFetch: Fetch,
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<FetchedJson | { failed: 'timeout' | 'network_error'; detail: string }> {
  try {
    const res = await doFetch(url, { method: 'GET', headers, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, headers: res.headers, text: await res.text() };
  } catch (error) {
    const e = error as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return { failed: 'timeout', detail: `no answer within ${timeoutMs} ms` };
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return { failed: 'network_error', detail: cause?.code ?? cause?.message ?? e.message };
  }
}

export function failure(
  code: SearchErrorCode,
  httpStatus: number | null,
  detail: string,
  retryAfterSeconds: number | null = null,
): SearchOutcome {
  return { ok: false, code, httpStatus, retryAfterSeconds, detail: detail.slice(0, 300) };
}

/** Non-2xx answers common to both providers; `authStatuses` are the provider's "bad key" codes. */
export function httpFailure(res: FetchedJson, authStatuses: readonly number[], detail: string, now: Date): SearchOutcome {
  if (res.status === 429) {
    const seconds = rateLimitDelaySeconds(
      {
        retryAfter: res.headers.get('retry-after'),
        reset: res.headers.get('x-ratelimit-reset'),
        remaining: res.headers.get('x-ratelimit-remaining'),
      },
      now,
    );
    return failure('rate_limited', 429, detail, seconds);
  }
  if (authStatuses.includes(res.status)) return failure('auth_failed', res.status, detail);
  if (res.status >= 500) return failure('server_error', res.status, detail);
  return failure('http_error', res.status, detail);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
