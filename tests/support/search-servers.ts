// Local stand-ins for the search providers, on 127.0.0.1, replaying the documented response
// samples of tests/fixtures/search/ (SearXNG's JSON API, the Brave Search API). Each request is
// recorded; `reply` decides the next answers (a queue, then the default).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixturesDir = fileURLToPath(new URL('../fixtures/search/', import.meta.url));

export function searchFixture(name: string): string {
  return readFileSync(join(fixturesDir, name), 'utf8');
}

export interface Reply {
  status: number;
  fixture?: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
}

export interface ReplayServer {
  origin: string;
  requests: RecordedRequest[];
  /** Answers for the next requests, in order; then the default answer again. */
  queue(...replies: Reply[]): void;
  /** Replaces the default answer. */
  setDefault(reply: Reply | ((req: RecordedRequest) => Reply)): void;
  close(): Promise<void>;
}

function contentType(reply: Reply): string {
  if (reply.headers?.['content-type']) return reply.headers['content-type'];
  return reply.fixture?.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/json';
}

async function startReplayServer(route: string, initial: (req: RecordedRequest) => Reply): Promise<ReplayServer> {
  const requests: RecordedRequest[] = [];
  const pending: Reply[] = [];
  let fallback: (req: RecordedRequest) => Reply = initial;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const recorded: RecordedRequest = { path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers };
    requests.push(recorded);
    if (url.pathname !== route) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const reply = pending.shift() ?? fallback(recorded);
    const body = reply.body ?? (reply.fixture ? searchFixture(reply.fixture) : '');
    res.writeHead(reply.status, { ...reply.headers, 'content-type': contentType(reply) }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    queue: (...replies) => pending.push(...replies),
    setDefault: (reply) => {
      fallback = typeof reply === 'function' ? reply : () => reply;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** SearXNG: GET /search?q=…&format=json; the json format must be asked for (403 otherwise, as an instance without it). */
export function startSearxngServer(): Promise<ReplayServer> {
  return startReplayServer('/search', (req) =>
    req.query.format === 'json' ? { status: 200, fixture: 'searxng-results.json' } : { status: 403, fixture: 'searxng-forbidden.html' },
  );
}

export const BRAVE_TEST_KEY = 'BSA-test-subscription-token';
export const BRAVE_PATH = '/res/v1/web/search';

/** Brave: GET /res/v1/web/search with X-Subscription-Token; a wrong token answers 422 SUBSCRIPTION_TOKEN_INVALID. */
export function startBraveServer(): Promise<ReplayServer> {
  return startReplayServer(BRAVE_PATH, (req) =>
    req.headers['x-subscription-token'] === BRAVE_TEST_KEY
      ? {
          status: 200,
          fixture: 'brave-web-search.json',
          headers: { 'x-ratelimit-limit': '1, 2000', 'x-ratelimit-remaining': '0, 1990', 'x-ratelimit-reset': '1, 1419704' },
        }
      : { status: 422, fixture: 'brave-invalid-token.json' },
  );
}

/** Brave's 429 as documented: the error body and the per-window rate-limit headers. */
export function braveRateLimited(kind: 'second' | 'month'): Reply {
  return kind === 'second'
    ? {
        status: 429,
        fixture: 'brave-rate-limited.json',
        headers: { 'x-ratelimit-limit': '1, 2000', 'x-ratelimit-remaining': '0, 1985', 'x-ratelimit-reset': '1, 1419704' },
      }
    : {
        status: 429,
        fixture: 'brave-quota-limited.json',
        headers: { 'x-ratelimit-limit': '1, 2000', 'x-ratelimit-remaining': '1, 0', 'x-ratelimit-reset': '1, 1419704' },
      };
}
