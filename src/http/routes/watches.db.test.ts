// Watches through the API and the worker: creation (and the clear refusal when no search
// provider is configured), runs against local SearXNG- and Brave-shaped servers replaying the
// providers' documented answers, de-duplication across runs, providers and manual imports,
// rate limits and API errors recorded and shown (never a crashed job), the triage inbox, the
// schedule with a moved clock, and access.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { asBrowser, loginCookie } from '../../../tests/support/builders.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';
import {
  BRAVE_PATH,
  BRAVE_TEST_KEY,
  braveRateLimited,
  type ReplayServer,
  startBraveServer,
  startSearxngServer,
} from '../../../tests/support/search-servers.js';
import { searchProvidersFromConfig } from '../../adapters/search/index.js';
import { runDueWatches } from '../../app/watches/run-due-watches.js';
import { verifyLedger } from '../../adapters/db/ledger.js';
import { ManualClock } from '../../domain/clock.js';

const START = '2026-03-03T15:00:00Z';
const clock = new ManualClock(START);
let t: TestApp;
let org: TestOrg;
let searxng: ReplayServer;
let brave: ReplayServer;
const cookies = new Map<string, string>();
type User = { email: string; password: string };

async function call(
  user: User,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  extra: Record<string, string> = {},
) {
  let c = cookies.get(user.email);
  if (!c) {
    c = await loginCookie(t.app, user);
    cookies.set(user.email, c);
  }
  return t.app.inject({
    method,
    url,
    headers: asBrowser(c, extra),
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

/** A case reported by staff A, with IT, HR and general direction joined (4.2.2 done). */
async function openCase(urls: string[] = []): Promise<{ id: string; reference: string }> {
  const res = await call(org.staffA, 'POST', '/api/v1/cases', { summary: 'Un parent publie mon nom partout.', urls });
  expect(res.statusCode).toBe(201);
  const t422 = res.json().tasks.find((x: { stepKey: string }) => x.stepKey === '4.2.2');
  expect((await call(org.supA, 'PATCH', `/api/v1/tasks/${t422.id}`, { status: 'done' })).statusCode).toBe(200);
  return { id: res.json().id, reference: res.json().reference };
}

interface ResultJson {
  id: string;
  url: string;
  normalizedUrl: string;
  providers: string[];
  status: string;
  isLocation: boolean;
  locationId: string | null;
}

async function results(caseId: string, status?: string): Promise<ResultJson[]> {
  const res = await call(org.it, 'GET', `/api/v1/cases/${caseId}/watch-results${status ? `?status=${status}` : ''}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

const byHost = (rows: ResultJson[], fragment: string) => rows.find((r) => r.normalizedUrl.includes(fragment));

beforeAll(async () => {
  [searxng, brave] = await Promise.all([startSearxngServer(), startBraveServer()]);
  t = await createTestApp({
    clock,
    env: { SEARXNG_URL: searxng.origin, BRAVE_SEARCH_API_KEY: BRAVE_TEST_KEY, BRAVE_SEARCH_URL: `${brave.origin}${BRAVE_PATH}` },
  });
  org = await buildTestOrg(t.ctx);
});
afterAll(async () => {
  await t.close();
  await Promise.all([searxng.close(), brave.close()]);
});

describe('a watch through both providers', () => {
  let caseId = '';
  let reference = '';
  let watchId = '';

  it('is set up by IT, its names kept out of the ledger, and its first run queued', async () => {
    ({ id: caseId, reference } = await openCase(['https://www.tiktok.com/@laprof_tremblay_fake']));
    const res = await call(org.it, 'POST', `/api/v1/cases/${caseId}/watches`, { queries: [{ text: 'Marie-Ève Tremblay', kind: 'name' }] });
    expect(res.statusCode).toBe(201);
    const watch = res.json();
    watchId = watch.id;
    expect(watch).toMatchObject({
      caseId,
      providers: ['searxng', 'brave'],
      unconfiguredProviders: [],
      intervalHours: 24,
      active: true,
      nextRunAt: '2026-03-04T15:00:00.000Z',
      lastError: [],
    });
    const entries = await t.ctx.db
      .selectFrom('ledger_entries')
      .select(['action', 'body'])
      .where('case_id', '=', caseId)
      .where('action', '=', 'watch.created')
      .execute();
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0]?.body)).not.toContain('Tremblay');
  });

  it('runs each query through SearXNG and Brave and lands each page once in the inbox', async () => {
    await t.runJobs();
    expect(searxng.requests.map((r) => r.query)).toEqual([{ q: '"Marie-Ève Tremblay"', format: 'json' }]);
    expect(brave.requests.map((r) => r.query)).toEqual([{ q: '"Marie-Ève Tremblay"', count: '20' }]);
    const all = await results(caseId);
    // SearXNG: facebook (www + tracking), forum, youtube; Brave: facebook (m.), forum (utm), tiktok.
    expect(all).toHaveLength(4);
    expect(byHost(all, 'facebook.com/groups')?.providers).toEqual(['brave', 'searxng']);
    expect(byHost(all, 'forum.example.net')?.providers).toEqual(['brave', 'searxng']);
    expect(byHost(all, 'youtube.com')?.providers).toEqual(['searxng']);
    // Already a location of the case: marked as such, not offered for triage.
    expect(byHost(all, 'tiktok.com')).toMatchObject({ status: 'added', isLocation: true });
    expect((await results(caseId, 'new')).map((r) => r.normalizedUrl).sort()).toEqual([
      'https://facebook.com/groups/parents.ecole.des.cedres/posts/1029384756',
      'https://forum.example.net/t/enseignante-a-eviter/4412',
      'https://youtube.com/watch?v=dQw4w9WgXcQ',
    ]);
    const [watch] = (await call(org.it, 'GET', `/api/v1/cases/${caseId}/watches`)).json();
    expect(watch).toMatchObject({
      lastError: [],
      lastRun: { status: 'ok', resultCount: 4, newCount: 3 },
      nextRunAt: '2026-03-04T15:00:00.000Z',
    });
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'params'])
      .where('case_id', '=', caseId)
      .where('kind', '=', 'watch_results')
      .execute();
    expect(notes).toEqual([{ user_id: org.it.id, params: { reference, count: 3 } }]);
  });

  it('keeps one row per page across runs: a second run adds only what is new', async () => {
    searxng.queue({ status: 200, fixture: 'searxng-results-second-run.json' });
    const run = await call(org.it, 'POST', `/api/v1/watches/${watchId}/run`);
    expect(run.statusCode).toBe(202);
    expect(run.json()).toEqual({ watchId, queued: true });
    clock.advance(60_000);
    await t.runJobs();
    const all = await results(caseId);
    expect(all).toHaveLength(5);
    expect(byHost(all, 'reddit.com')).toMatchObject({ status: 'new', providers: ['searxng'] });
    expect(byHost(all, 'facebook.com/groups')?.providers).toEqual(['brave', 'searxng']);
    const rows = await t.ctx.db
      .selectFrom('watch_results')
      .select(['normalized_url', 'first_seen_at', 'last_seen_at'])
      .where('case_id', '=', caseId)
      .execute();
    expect(new Set(rows.map((r) => r.normalized_url)).size).toBe(rows.length);
    const fb = rows.find((r) => r.normalized_url.includes('facebook'));
    expect(fb?.first_seen_at.toISOString()).toBe('2026-03-03T15:00:00.000Z');
    expect(fb?.last_seen_at.toISOString()).toBe('2026-03-03T15:01:00.000Z');
  });

  it('records a rate limit with its next attempt, keeps the other provider going, and retries after it', async () => {
    searxng.requests.length = 0;
    brave.requests.length = 0;
    brave.queue(braveRateLimited('second'));
    await call(org.it, 'POST', `/api/v1/watches/${watchId}/run`);
    await t.runJobs();
    let [watch] = (await call(org.it, 'GET', `/api/v1/cases/${caseId}/watches`, undefined, { 'accept-language': 'en' })).json();
    expect(watch.lastRun.status).toBe('partial');
    expect(watch.lastError).toEqual([
      {
        provider: 'brave',
        code: 'rate_limited',
        httpStatus: 429,
        retryAt: '2026-03-03T15:02:00.000Z',
        at: '2026-03-03T15:01:00.000Z',
        message: 'Brave Search rate-limited our requests (429). Next attempt: 2026-03-03 15:02 UTC.',
      },
    ]);
    expect(watch.nextRunAt).toBe('2026-03-03T15:02:00.000Z');
    // Before the retry time, Brave is not asked; its error stays on show.
    await call(org.it, 'POST', `/api/v1/watches/${watchId}/run`);
    await t.runJobs();
    expect(brave.requests).toHaveLength(1);
    expect(searxng.requests).toHaveLength(2);
    [watch] = (await call(org.it, 'GET', `/api/v1/cases/${caseId}/watches`)).json();
    expect(watch.lastError.map((e: { code: string }) => e.code)).toEqual(['rate_limited']);
    expect(watch.lastError[0].message).toMatch(/Brave Search a limité nos requêtes/);
    // The scheduled sweep picks it up once the retry time has come.
    clock.set('2026-03-03T15:02:30Z');
    expect(await runDueWatches(t.ctx, { providers: searchProvidersFromConfig(t.ctx.config) })).toEqual({ ran: 1 });
    expect(brave.requests).toHaveLength(2);
    [watch] = (await call(org.it, 'GET', `/api/v1/cases/${caseId}/watches`)).json();
    expect(watch).toMatchObject({ lastError: [], lastRun: { status: 'ok' }, nextRunAt: '2026-03-04T15:02:30.000Z' });
    expect(await runDueWatches(t.ctx, { providers: searchProvidersFromConfig(t.ctx.config) })).toEqual({ ran: 0 });
  });

  it('records a bad key, a 5xx and malformed JSON without crashing the job', async () => {
    brave.queue({ status: 401, fixture: 'brave-unauthorized.json' });
    searxng.queue({ status: 500, fixture: 'server-error.html' });
    await call(org.it, 'POST', `/api/v1/watches/${watchId}/run`);
    await t.runJobs();
    let [watch] = (await call(org.it, 'GET', `/api/v1/cases/${caseId}/watches`)).json();
    expect(watch.lastRun.status).toBe('failed');
    expect(watch.lastError.map((e: { provider: string; code: string; httpStatus: number }) => [e.provider, e.code, e.httpStatus])).toEqual([
      ['searxng', 'server_error', 500],
      ['brave', 'auth_failed', 401],
    ]);
    // The job itself succeeded: nothing left failed or waiting for a retry in the queue.
    const failedJobs = await sql<{
      n: string;
    }>`select count(*) as n from graphile_worker.jobs where task_identifier = 'run-watch' and last_error is not null`.execute(t.ctx.db);
    expect(Number(failedJobs.rows[0]?.n)).toBe(0);
    searxng.queue({ status: 200, fixture: 'brave-malformed.txt' });
    await call(org.it, 'POST', `/api/v1/watches/${watchId}/run`);
    await t.runJobs();
    [watch] = (await call(org.it, 'GET', `/api/v1/cases/${caseId}/watches`, undefined, { 'accept-language': 'en' })).json();
    expect(watch.lastRun.status).toBe('partial');
    expect(watch.lastError).toEqual([
      expect.objectContaining({ provider: 'searxng', code: 'bad_response', message: expect.stringContaining('invalid JSON') }),
    ]);
    // Nothing new came of the failed runs.
    expect(await results(caseId)).toHaveLength(5);
  });

  it('imports URLs found by hand into the same inbox, merged with what the watches found', async () => {
    const res = await call(org.it, 'POST', `/api/v1/cases/${caseId}/watch-results/import`, {
      text: 'https://forum.example.net/t/enseignante-a-eviter/4412?utm_source=courriel\nhttps://nouveau.example.org/page\n\nbonjour',
      urls: ['https://nouveau.example.org/page/'],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ created: 1, rejected: ['bonjour'] });
    expect(body.results.map((r: ResultJson) => [r.normalizedUrl, r.providers])).toEqual([
      ['https://nouveau.example.org/page', ['import']],
      ['https://forum.example.net/t/enseignante-a-eviter/4412', ['brave', 'import', 'searxng']],
    ]);
    expect(await results(caseId)).toHaveLength(6);
    const none = await call(org.it, 'POST', `/api/v1/cases/${caseId}/watch-results/import`, { text: 'pas une adresse' });
    expect(none.statusCode).toBe(400);
    expect((await call(org.it, 'POST', `/api/v1/cases/${caseId}/watch-results/import`, {})).statusCode).toBe(400);
  });

  it('triages: dismiss, add as a location (its 4.3.2 step appears), add and capture — each in the ledger', async () => {
    const inbox = await results(caseId, 'new');
    const youtube = byHost(inbox, 'youtube.com');
    const forum = byHost(inbox, 'forum.example.net');
    const reddit = byHost(inbox, 'reddit.com');
    if (!youtube || !forum || !reddit) throw new Error('inbox incomplete');

    const dismissed = await call(org.it, 'PATCH', `/api/v1/watch-results/${youtube.id}`, { action: 'dismiss' });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json()).toMatchObject({ result: { status: 'dismissed' }, locationId: null, evidenceId: null });
    expect((await call(org.it, 'PATCH', `/api/v1/watch-results/${youtube.id}`, { action: 'dismiss' })).statusCode).toBe(409);

    const added = await call(org.it, 'PATCH', `/api/v1/watch-results/${forum.id}`, { action: 'add_location' });
    expect(added.statusCode).toBe(200);
    const locationId = added.json().locationId;
    expect(added.json().result).toMatchObject({ status: 'added', isLocation: true, locationId });
    const view = (await call(org.it, 'GET', `/api/v1/cases/${caseId}`)).json();
    expect(view.locations.map((l: { id: string }) => l.id)).toContain(locationId);
    expect(
      view.tasks.filter((x: { stepKey: string; locationId: string | null }) => x.stepKey === '4.3.2' && x.locationId === locationId),
    ).toHaveLength(1);
    expect((await call(org.it, 'PATCH', `/api/v1/watch-results/${forum.id}`, { action: 'add_location' })).statusCode).toBe(409);

    const captured = await call(org.it, 'PATCH', `/api/v1/watch-results/${reddit.id}`, { action: 'add_and_capture' });
    expect(captured.statusCode).toBe(200);
    const { evidenceId } = captured.json();
    expect(captured.json().result.status).toBe('added_captured');
    const evidence = await t.ctx.db.selectFrom('evidence').selectAll().where('id', '=', evidenceId).executeTakeFirstOrThrow();
    expect(evidence).toMatchObject({
      status: 'queued',
      source: 'capture',
      source_url: reddit.url,
      location_id: captured.json().locationId,
      requested_by: org.it.id,
    });

    const actions = (
      await t.ctx.db.selectFrom('ledger_entries').select(['action', 'body']).where('case_id', '=', caseId).orderBy('seq').execute()
    ).map((e) => e.action);
    expect(actions.filter((a) => a === 'watch_result.triaged')).toHaveLength(3);
    expect(actions.filter((a) => a === 'location.added').length).toBeGreaterThanOrEqual(3);
    expect(actions).toContain('evidence.capture_requested');
    expect((await verifyLedger(t.ctx.db)).ok).toBe(true);
    expect((await results(caseId, 'new')).map((r) => r.normalizedUrl).sort()).toEqual([
      'https://facebook.com/groups/parents.ecole.des.cedres/posts/1029384756',
      'https://nouveau.example.org/page',
    ]);
  });

  it('changes, pauses and deletes a watch; the results stay', async () => {
    const patched = await call(org.it, 'PATCH', `/api/v1/watches/${watchId}`, {
      intervalHours: 6,
      sites: ['https://www.Facebook.com/'],
      providers: ['searxng'],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ intervalHours: 6, sites: ['facebook.com'], providers: ['searxng'] });
    expect((await call(org.it, 'PATCH', `/api/v1/watches/${watchId}`, { active: false })).json().active).toBe(false);
    expect((await call(org.it, 'PATCH', `/api/v1/watches/${watchId}`, { intervalHours: 0 })).statusCode).toBe(400);
    expect((await call(org.it, 'DELETE', `/api/v1/watches/${watchId}`)).statusCode).toBe(204);
    expect((await call(org.it, 'GET', `/api/v1/cases/${caseId}/watches`)).json()).toEqual([]);
    expect(await results(caseId)).toHaveLength(6);
    expect((await call(org.it, 'DELETE', `/api/v1/watches/${watchId}`)).statusCode).toBe(404);
  });
});

describe('watch rules', () => {
  it('refuses bad input with 400 and field paths', async () => {
    const { id } = await openCase();
    for (const body of [
      { queries: [] },
      { queries: [{ text: 'x', kind: 'name' }] },
      { queries: [{ text: 'Nom Prénom', kind: 'other' }] },
      { queries: [{ text: 'Nom Prénom', kind: 'name' }], intervalHours: 0 },
      { queries: [{ text: 'Nom Prénom', kind: 'name' }], providers: ['google'] },
    ]) {
      const res = await call(org.it, 'POST', `/api/v1/cases/${id}/watches`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    const badSite = await call(org.it, 'POST', `/api/v1/cases/${id}/watches`, {
      queries: [{ text: 'Nom Prénom', kind: 'name' }],
      sites: ['pas un site'],
    });
    expect(badSite.statusCode).toBe(400);
    expect(badSite.json().error.fields[0].path).toBe('sites.0');
  });

  it('lets IT, the supervisor and general direction manage watches; others who see the case get 403, the rest 404', async () => {
    const { id } = await openCase();
    const body = { queries: [{ text: 'Nom Prénom', kind: 'name' }], intervalHours: 1 };
    expect((await call(org.supA, 'POST', `/api/v1/cases/${id}/watches`, body)).statusCode).toBe(201);
    expect((await call(org.dg, 'GET', `/api/v1/cases/${id}/watches`)).statusCode).toBe(200);
    expect((await call(org.staffA, 'GET', `/api/v1/cases/${id}/watches`)).statusCode).toBe(403);
    expect((await call(org.hr, 'POST', `/api/v1/cases/${id}/watches`, body)).statusCode).toBe(403);
    const hidden = [org.staffB, org.supB, org.committee, org.admin];
    const [watch] = (await call(org.it, 'GET', `/api/v1/cases/${id}/watches`)).json();
    await call(org.it, 'POST', `/api/v1/cases/${id}/watch-results/import`, { urls: ['https://exemple.org/a'] });
    const [result] = await results(id);
    for (const u of hidden) {
      expect((await call(u, 'GET', `/api/v1/cases/${id}/watches`)).statusCode).toBe(404);
      expect((await call(u, 'GET', `/api/v1/cases/${id}/watch-results`)).statusCode).toBe(404);
      expect((await call(u, 'POST', `/api/v1/cases/${id}/watches`, body)).statusCode).toBe(404);
      expect((await call(u, 'PATCH', `/api/v1/watches/${watch.id}`, { active: false })).statusCode).toBe(404);
      expect((await call(u, 'POST', `/api/v1/watches/${watch.id}/run`)).statusCode).toBe(404);
      expect((await call(u, 'DELETE', `/api/v1/watches/${watch.id}`)).statusCode).toBe(404);
      expect((await call(u, 'PATCH', `/api/v1/watch-results/${result?.id}`, { action: 'dismiss' })).statusCode).toBe(404);
      expect((await call(u, 'POST', `/api/v1/cases/${id}/watch-results/import`, { urls: ['https://a.org/'] })).statusCode).toBe(404);
    }
    expect((await call(org.it, 'PATCH', '/api/v1/watch-results/not-a-uuid', { action: 'dismiss' })).statusCode).toBe(404);
  });

  it('never runs the watches of a closed case', async () => {
    const { id } = await openCase();
    await call(org.it, 'POST', `/api/v1/cases/${id}/watches`, { queries: [{ text: 'Nom Fermé', kind: 'name' }] });
    await t.ctx.db.updateTable('cases').set({ status: 'closed', closed_at: clock.now() }).where('id', '=', id).execute();
    searxng.requests.length = 0;
    await t.runJobs();
    const before = clock.now();
    clock.advance(7 * 24 * 3_600_000);
    await runDueWatches(t.ctx, { providers: searchProvidersFromConfig(t.ctx.config) });
    clock.set(before);
    expect(searxng.requests.filter((r) => r.query.q === '"Nom Fermé"')).toEqual([]);
    const [watch] = (await call(org.it, 'GET', `/api/v1/cases/${id}/watches`)).json();
    expect(watch.lastRun).toBeNull();
    expect((await call(org.it, 'POST', `/api/v1/watches/${watch.id}/run`)).statusCode).toBe(409);
  });
});

describe('a server without search providers', () => {
  let bare: TestApp;
  beforeAll(async () => {
    bare = await createTestApp({ clock: new ManualClock(START) });
  });
  afterAll(async () => {
    await bare.close();
  });

  it('refuses a watch with a message that says how to configure one', async () => {
    const o = await buildTestOrg(bare.ctx);
    const cookie = await loginCookie(bare.app, o.staffA);
    const opened = await bare.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: asBrowser(cookie),
      payload: { summary: 'Sans moteur.' },
    });
    const t422 = opened.json().tasks.find((x: { stepKey: string }) => x.stepKey === '4.2.2');
    await bare.app.inject({
      method: 'PATCH',
      url: `/api/v1/tasks/${t422.id}`,
      headers: asBrowser(await loginCookie(bare.app, o.supA)),
      payload: { status: 'done' },
    });
    const itCookie = await loginCookie(bare.app, o.it);
    const res = await bare.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${opened.json().id}/watches`,
      headers: asBrowser(itCookie, { 'accept-language': 'en' }),
      payload: { queries: [{ text: 'Nom Prénom', kind: 'name' }] },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'conflict', message: expect.stringContaining('SEARXNG_URL') });
    expect(res.json().error.message).toContain('BRAVE_SEARCH_API_KEY');
  });
});
