// Ports of the watches feature, implemented in src/adapters/search/ (one adapter per provider).
import type { SearchProviderId } from '../../domain/watches/watch-rules.js';

export interface SearchHit {
  url: string;
  title: string | null;
  snippet: string | null;
}

export type SearchErrorCode =
  /** 429: retry after `retryAfterSeconds`. */
  | 'rate_limited'
  /** 401/403/422 invalid key, or SearXNG's JSON format not enabled (403). */
  | 'auth_failed'
  | 'server_error'
  /** A 2xx whose body is not the provider's JSON. */
  | 'bad_response'
  | 'http_error'
  | 'network_error'
  | 'timeout';

export type SearchOutcome =
  | { ok: true; hits: SearchHit[] /** Engines that did not answer (SearXNG), for the run's record. */; unresponsive?: string[] }
  | { ok: false; code: SearchErrorCode; httpStatus: number | null; retryAfterSeconds: number | null; detail: string };

export interface SearchProvider {
  readonly id: SearchProviderId;
  /** One request for one search string. Never throws: failures come back as outcomes. */
  search(query: string): Promise<SearchOutcome>;
}
