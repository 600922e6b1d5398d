// The Brave Search API (api-dashboard.search.brave.com, Web search): GET
// https://api.search.brave.com/res/v1/web/search?q=…&count=20 with `X-Subscription-Token` and
// `Accept: application/json` answers {type: "search", query: {original, …}, web: {type:
// "search", results: [{title, url, description, age?, page_age?, profile: {name, …}, …}]},
// mixed, …}. Errors are {type: "ErrorResponse", error: {code, detail, status}} (the reference
// also shows `errors: [...]`): 422 SUBSCRIPTION_TOKEN_INVALID (401/403 also seen), 429
// RATE_LIMITED / QUOTA_LIMITED with X-RateLimit-Limit/-Remaining/-Reset per window
// ("1, 15000" / "0, 14999" / "1, 1419704": per second, per month).
import { z } from 'zod';
import type { SearchOutcome, SearchProvider } from '../../app/watches/ports.js';
import { type Fetch, failure, getText, httpFailure, parseJson } from './http.js';

export const BRAVE_RESULTS_PER_REQUEST = 20;

const braveResponse = z.object({
  type: z.literal('search'),
  web: z
    .object({
      results: z.array(
        z.object({
          url: z.string(),
          title: z.string().nullish(),
          description: z.string().nullish(),
          age: z.string().nullish(),
          page_age: z.string().nullish(),
        }),
      ),
    })
    .optional(),
});

const errorItem = z.object({ code: z.string().optional(), detail: z.string().optional() });
const braveError = z.object({ type: z.literal('ErrorResponse'), error: errorItem.optional(), errors: z.array(errorItem).optional() });

export interface BraveOptions {
  apiKey: string;
  url: string;
  timeoutMs?: number;
  fetch?: Fetch;
  now?: () => Date;
  /** Pause between two requests of this adapter (the free plan allows one per second). */
  minIntervalMs?: number;
}

/** Brave wraps matched words in <strong>; the snippet is stored as text. */
function stripTags(text: string | null | undefined): string | null {
  if (!text) return null;
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

export function createBraveProvider(options: BraveOptions): SearchProvider {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const now = options.now ?? (() => new Date());
  const minIntervalMs = options.minIntervalMs ?? 1100;
  let lastRequestAt = 0;
  return {
    id: 'brave',
    async search(query: string): Promise<SearchOutcome> {
      const wait = lastRequestAt + minIntervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      lastRequestAt = Date.now();
      const url = new URL(options.url);
      url.searchParams.set('q', query);
      url.searchParams.set('count', String(BRAVE_RESULTS_PER_REQUEST));
      const res = await getText(doFetch, url.href, { accept: 'application/json', 'x-subscription-token': options.apiKey }, timeoutMs);
      if ('failed' in res) return failure(res.failed, null, res.detail);
      if (res.status < 200 || res.status > 299) {
        const err = braveError.safeParse(parseJson(res.text));
        const item = err.success ? (err.data.error ?? err.data.errors?.[0]) : undefined;
        const detail = item?.code ? `${item.code}${item.detail ? `: ${item.detail}` : ''}` : `HTTP ${res.status}`;
        if (item?.code === 'SUBSCRIPTION_TOKEN_INVALID') return failure('auth_failed', res.status, detail);
        return httpFailure(res, [401, 403, 422], detail, now());
      }
      const parsed = braveResponse.safeParse(parseJson(res.text));
      if (!parsed.success) return failure('bad_response', res.status, 'not a Brave Search JSON answer');
      return {
        ok: true,
        hits: (parsed.data.web?.results ?? []).map((r) => ({ url: r.url, title: stripTags(r.title), snippet: stripTags(r.description) })),
      };
    },
  };
}
