// Each search adapter against a local server on 127.0.0.1 speaking its provider's documented
// wire format (tests/fixtures/search/), including its error and rate-limit answers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BRAVE_PATH,
  BRAVE_TEST_KEY,
  braveRateLimited,
  type ReplayServer,
  startBraveServer,
  startSearxngServer,
} from '../../../tests/support/search-servers.js';
import { createBraveProvider } from './brave.js';
import { createSearxngProvider, searxngSearchUrl } from './searxng.js';

let searxng: ReplayServer;
let brave: ReplayServer;
const now = () => new Date('2026-03-03T15:00:00Z');

beforeAll(async () => {
  [searxng, brave] = await Promise.all([startSearxngServer(), startBraveServer()]);
});
afterAll(async () => {
  await Promise.all([searxng.close(), brave.close()]);
});
beforeEach(() => {
  searxng.requests.length = 0;
  brave.requests.length = 0;
});

describe('SearXNG adapter', () => {
  const provider = () => createSearxngProvider({ baseUrl: searxng.origin, timeoutMs: 2000, now });

  it('asks GET /search?q=…&format=json and parses url, title and content', async () => {
    const outcome = await provider().search('"Marie-Ève Tremblay"');
    expect(searxng.requests[0]).toMatchObject({ path: '/search', query: { q: '"Marie-Ève Tremblay"', format: 'json' } });
    expect(searxng.requests[0]?.headers.accept).toBe('application/json');
    expect(outcome).toMatchObject({ ok: true, unresponsive: ['google: too many requests', 'qwant: CAPTCHA'] });
    if (!outcome.ok) throw new Error('expected results');
    expect(outcome.hits).toHaveLength(3);
    expect(outcome.hits[1]).toEqual({
      url: 'https://forum.example.net/t/enseignante-a-eviter/4412/',
      title: 'Enseignante à éviter - Forum des parents',
      snippet: 'Marie-Ève Tremblay enseigne encore en 4e année. Tout le monde devrait savoir…',
    });
  });

  it('keeps a base URL with a path (an instance behind a reverse proxy)', () => {
    expect(searxngSearchUrl('https://search.example.org/searxng', 'a b')).toBe(
      'https://search.example.org/searxng/search?q=a+b&format=json',
    );
  });

  it.each([
    ['403 (json format not enabled)', { status: 403, fixture: 'searxng-forbidden.html' }, 'auth_failed', 403],
    [
      '429 from its limiter',
      { status: 429, fixture: 'searxng-too-many-requests.html', headers: { 'retry-after': '300' } },
      'rate_limited',
      429,
    ],
    ['500', { status: 500, fixture: 'server-error.html' }, 'server_error', 500],
    ['a 200 that is not its JSON', { status: 200, fixture: 'brave-malformed.txt' }, 'bad_response', 200],
    ['a 200 with another JSON shape', { status: 200, body: '{"results": "none"}' }, 'bad_response', 200],
    ['404 (wrong SEARXNG_URL)', { status: 404, body: 'not found', headers: { 'content-type': 'text/plain' } }, 'http_error', 404],
  ])('maps %s', async (_name, reply, code, status) => {
    searxng.queue(reply);
    const outcome = await provider().search('x');
    expect(outcome).toMatchObject({ ok: false, code, httpStatus: status });
  });

  it('takes the wait from Retry-After', async () => {
    searxng.queue({ status: 429, fixture: 'searxng-too-many-requests.html', headers: { 'retry-after': '300' } });
    expect(await provider().search('x')).toMatchObject({ ok: false, code: 'rate_limited', retryAfterSeconds: 300 });
  });

  it('reports an unreachable instance and a silent one without throwing', async () => {
    const down = createSearxngProvider({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 2000 });
    expect(await down.search('x')).toMatchObject({ ok: false, code: 'network_error', httpStatus: null });
    // A server that accepts the request and never answers.
    const silent = http.createServer(() => undefined);
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', () => ok()));
    const address = silent.address() as AddressInfo;
    try {
      const hung = createSearxngProvider({ baseUrl: `http://127.0.0.1:${address.port}`, timeoutMs: 100 });
      expect(await hung.search('x')).toMatchObject({ ok: false, code: 'timeout' });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('Brave Search adapter', () => {
  const provider = (apiKey = BRAVE_TEST_KEY) =>
    createBraveProvider({ apiKey, url: `${brave.origin}${BRAVE_PATH}`, timeoutMs: 2000, now, minIntervalMs: 0 });

  it('sends the key in X-Subscription-Token, asks 20 results, and parses web.results', async () => {
    const outcome = await provider().search('"Marie-Ève Tremblay"');
    const req = brave.requests[0];
    expect(req).toMatchObject({ path: BRAVE_PATH, query: { q: '"Marie-Ève Tremblay"', count: '20' } });
    expect(req?.headers['x-subscription-token']).toBe(BRAVE_TEST_KEY);
    expect(req?.headers.accept).toBe('application/json');
    if (!outcome.ok) throw new Error('expected results');
    expect(outcome.hits.map((h) => h.url)).toEqual([
      'https://m.facebook.com/groups/parents.ecole.des.cedres/posts/1029384756/',
      'https://forum.example.net/t/enseignante-a-eviter/4412?utm_campaign=digest&utm_source=email',
      'https://www.tiktok.com/@laprof_tremblay_fake',
    ]);
    // Brave's <strong> highlighting and entities are not stored.
    expect(outcome.hits[0]).toMatchObject({
      title: "Parents de l'école des Cèdres | Facebook",
      snippet: "Vous connaissez Marie-Ève Tremblay? Voici ce qu'elle a fait à nos enfants…",
    });
  });

  it("spaces its requests to the plan's one per second", async () => {
    const paced = createBraveProvider({ apiKey: BRAVE_TEST_KEY, url: `${brave.origin}${BRAVE_PATH}`, timeoutMs: 2000, minIntervalMs: 300 });
    const started = Date.now();
    await paced.search('a');
    await paced.search('b');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('answers no hits when the response has no web section', async () => {
    brave.queue({ status: 200, fixture: 'brave-no-web.json' });
    expect(await provider().search('"xqzv-nothing"')).toEqual({ ok: true, hits: [] });
  });

  it('maps an invalid key (422 SUBSCRIPTION_TOKEN_INVALID, 401) to auth_failed', async () => {
    expect(await provider('wrong-key').search('x')).toMatchObject({
      ok: false,
      code: 'auth_failed',
      httpStatus: 422,
      detail: expect.stringContaining('SUBSCRIPTION_TOKEN_INVALID'),
    });
    brave.queue({ status: 401, fixture: 'brave-unauthorized.json' });
    expect(await provider().search('x')).toMatchObject({ ok: false, code: 'auth_failed', httpStatus: 401 });
  });

  it('backs off a minute on the per-second limit and until the reset on the monthly quota', async () => {
    brave.queue(braveRateLimited('second'));
    expect(await provider().search('x')).toMatchObject({
      ok: false,
      code: 'rate_limited',
      httpStatus: 429,
      retryAfterSeconds: 60,
      detail: expect.stringContaining('RATE_LIMITED'),
    });
    brave.queue(braveRateLimited('month'));
    expect(await provider().search('x')).toMatchObject({
      ok: false,
      code: 'rate_limited',
      retryAfterSeconds: 1419704,
      detail: expect.stringContaining('QUOTA_LIMITED'),
    });
  });

  it.each([
    ['500', { status: 500, fixture: 'server-error.html' }, 'server_error'],
    ['503', { status: 503, body: '' }, 'server_error'],
    ['malformed JSON', { status: 200, fixture: 'brave-malformed.txt' }, 'bad_response'],
  ])('maps %s', async (_name, reply, code) => {
    brave.queue(reply);
    expect(await provider().search('x')).toMatchObject({ ok: false, code });
  });
});
