// SearXNG's search API (docs.searxng.org/dev/search_api.html): GET {SEARXNG_URL}/search?q=…
// &format=json answers {query, number_of_results, results: [{url, title, content, engine,
// engines, score, publishedDate?, …}], answers, corrections, infoboxes, suggestions,
// unresponsive_engines: [[engine, error], …]}. An instance answers 403 when the json format is
// not enabled in its settings.yml (search.formats), 429 when its limiter refuses us.
import { z } from 'zod';
import type { SearchOutcome, SearchProvider } from '../../app/watches/ports.js';
import { type Fetch, failure, getText, httpFailure, parseJson } from './http.js';

const searxngResponse = z.object({
  query: z.string().optional(),
  number_of_results: z.number().optional(),
  results: z.array(
    z.object({
      url: z.string(),
      title: z.string().nullish(),
      content: z.string().nullish(),
      engine: z.string().nullish(),
      engines: z.array(z.string()).nullish(),
      score: z.number().nullish(),
      publishedDate: z.string().nullish(),
    }),
  ),
  unresponsive_engines: z.array(z.union([z.array(z.string()), z.string()])).optional(),
});

export interface SearxngOptions {
  baseUrl: string;
  timeoutMs?: number;
  fetch?: Fetch;
  now?: () => Date;
}

export function searxngSearchUrl(baseUrl: string, query: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const url = new URL('search', base);
  url.searchParams.set('q', query);
  url.searchParams.set('format', 'json');
  return url.href;
}

export function createSearxngProvider(options: SearxngOptions): SearchProvider {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const now = options.now ?? (() => new Date());
  return {
    id: 'searxng',
    async search(query: string): Promise<SearchOutcome> {
      const res = await getText(doFetch, searxngSearchUrl(options.baseUrl, query), { accept: 'application/json' }, timeoutMs);
      if ('failed' in res) return failure(res.failed, null, res.detail);
      if (res.status < 200 || res.status > 299) {
        const detail = res.status === 403 ? 'forbidden: is "json" listed in search.formats of settings.yml?' : `HTTP ${res.status}`;
        return httpFailure(res, [401, 403], detail, now());
      }
      const parsed = searxngResponse.safeParse(parseJson(res.text));
      if (!parsed.success) return failure('bad_response', res.status, 'not a SearXNG JSON answer');
      return {
        ok: true,
        hits: parsed.data.results.map((r) => ({ url: r.url, title: r.title ?? null, snippet: r.content ?? null })),
        unresponsive: (parsed.data.unresponsive_engines ?? []).map((e) => (Array.isArray(e) ? e.join(': ') : e)),
      };
    },
  };
}
