// Removal re-checks through the worker and the API: fixture pages on 127.0.0.1
// (CAPTURE_ALLOW_HOSTS=127.0.0.1) classified against the key text of each location's sealed
// capture, a redirect to a blocked address refused with 0 connections reaching it, the schedule
// (hourly the first day, then daily; unknown outcomes back off) with a moved clock, closed cases
// left alone, "re-check now", and access.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { asBrowser, loginCookie } from '../../../tests/support/builders.js';
import { type CountingListener, startCountingListener } from '../../../tests/support/capture.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';
import { latestCheck } from '../../app/rechecks/latest-check.js';
import { sealEvidence } from '../../app/evidence/seal-evidence.js';
import { verifyLedger } from '../../adapters/db/ledger.js';
import { ManualClock } from '../../domain/clock.js';
import { recheckDueLocationsJob } from '../../jobs/recheck-locations.js';

const START = '2026-03-03T15:00:00Z';
const clock = new ManualClock(START);
const HOUR = 3_600_000;
let t: TestApp;
let org: TestOrg;
let site: http.Server;
let origin = '';
let privateListener: CountingListener;
const served = new Map<string, Buffer>();
const cookies = new Map<string, string>();
type User = { email: string; password: string };

const fixture = (name: string) => readFile(new URL(`../../../tests/fixtures/rechecks/${name}`, import.meta.url));

async function call(user: User, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) {
  let c = cookies.get(user.email);
  if (!c) {
    c = await loginCookie(t.app, user);
    cookies.set(user.email, c);
  }
  return t.app.inject({ method, url, headers: asBrowser(c), ...(payload ? { payload } : {}) });
}

/** The fixture site: each path answers a status and a page, and remembers the bytes it sent. */
const routes: Record<string, { status: number; page?: string; location?: () => string }> = {
  '/online': { status: 200, page: 'online.html' },
  '/gone-404': { status: 404, page: 'not-found.html' },
  '/gone-410': { status: 410, page: 'not-found.html' },
  '/unavailable': { status: 200, page: 'facebook-unavailable.html' },
  '/moderated': { status: 200, page: 'key-text-gone.html' },
  '/login-wall': { status: 403, page: 'login-wall.html' },
  '/to-private': { status: 302, location: () => `http://127.0.0.2:${privateListener.port}/admin` },
};

async function sweep(): Promise<void> {
  await recheckDueLocationsJob.handler(t.ctx, {});
}

/** A case reported by staff A with these paths of the fixture site as locations; IT joined. */
async function openCase(paths: string[]): Promise<{ id: string; locations: Map<string, string> }> {
  const opened = await call(org.staffA, 'POST', '/api/v1/cases', {
    summary: 'Un parent publie sur moi.',
    urls: paths.map((p) => `${origin}${p}`),
  });
  expect(opened.statusCode).toBe(201);
  const t422 = opened.json().tasks.find((x: { stepKey: string }) => x.stepKey === '4.2.2');
  expect((await call(org.supA, 'PATCH', `/api/v1/tasks/${t422.id}`, { status: 'done' })).statusCode).toBe(200);
  const locations = new Map<string, string>(
    opened.json().locations.map((l: { id: string; url: string }) => [new URL(l.url).pathname, l.id]),
  );
  return { id: opened.json().id, locations };
}

/** A sealed capture of the location whose html artefact is captured.html (the key text). */
async function sealCapture(caseId: string, locationId: string, url: string): Promise<void> {
  const now = clock.now();
  const evidence = await t.ctx.db
    .insertInto('evidence')
    .values({
      case_id: caseId,
      location_id: locationId,
      source: 'capture',
      status: 'capturing',
      source_url: url,
      requested_by: org.it.id,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const html = await fixture('captured.html');
  const stored = await t.ctx.blobs.put(Readable.from([html]));
  await t.ctx.db.transaction().execute((tx) =>
    sealEvidence(tx, t.ctx, {
      evidence,
      artefacts: [{ kind: 'html', mediaType: 'text/html', size: stored.size, sha256: stored.sha256, filename: 'page.html' }],
      details: { captureStartedAt: now, captureEndedAt: now },
      store: t.ctx.blobs.kind,
    }),
  );
}

async function checksOf(locationId: string, user: User = org.it) {
  const res = await call(user, 'GET', `/api/v1/locations/${locationId}/checks`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

beforeAll(async () => {
  privateListener = await startCountingListener('127.0.0.2');
  site = http.createServer((req, res) => {
    void (async () => {
      const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
      if (!route) return res.writeHead(404).end();
      if (route.location) return res.writeHead(route.status, { location: route.location() }).end();
      const body = await fixture(route.page ?? 'not-found.html');
      served.set(req.url ?? '', body);
      res.writeHead(route.status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    })();
  });
  await new Promise<void>((ok) => site.listen(0, '127.0.0.1', () => ok()));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  t = await createTestApp({ clock, env: { CAPTURE_ALLOW_HOSTS: '127.0.0.1' } });
  org = await buildTestOrg(t.ctx);
});
afterAll(async () => {
  await t.close();
  site.closeAllConnections();
  await new Promise<void>((ok) => site.close(() => ok()));
  await privateListener.close();
});

describe('removal re-checks', () => {
  let caseId = '';
  let loc = new Map<string, string>();

  it('classifies each fixture page against the key text of its capture, with the evidence of the check', async () => {
    ({ id: caseId, locations: loc } = await openCase([
      '/online',
      '/gone-404',
      '/gone-410',
      '/unavailable',
      '/moderated',
      '/login-wall',
      '/to-private',
    ]));
    for (const [path, id] of loc) await sealCapture(caseId, id, `${origin}${path}`);
    await sweep();
    const expected: Record<string, [string, string, number | null]> = {
      '/online': ['online', 'key_text_present', 200],
      '/gone-404': ['removed', 'http_404', 404],
      '/gone-410': ['removed', 'http_410', 410],
      '/unavailable': ['removed', 'removal_marker', 200],
      '/moderated': ['removed', 'key_text_gone', 200],
      '/login-wall': ['unknown', 'http_forbidden', 403],
      '/to-private': ['unknown', 'destination_blocked', null],
    };
    for (const [path, [outcome, reason, status]] of Object.entries(expected)) {
      const id = loc.get(path) ?? '';
      const body = await checksOf(id);
      expect({
        path,
        status: body.status,
        outcome: body.checks[0]?.outcome,
        reason: body.checks[0]?.reason,
        http: body.checks[0]?.httpStatus,
      }).toEqual({ path, status: outcome, outcome, reason, http: status });
      expect(body.checks).toHaveLength(1);
      expect(body.lastCheckedAt).toBe('2026-03-03T15:00:00.000Z');
    }
    const online = (await checksOf(loc.get('/online') ?? '')).checks[0];
    const bytes = served.get('/online') ?? Buffer.alloc(0);
    expect(online.evidence).toEqual({
      bodySha256: createHash('sha256').update(bytes).digest('hex'),
      bodyBytes: bytes.length,
      contentType: 'text/html; charset=utf-8',
      matchedMarker: null,
      keyText: 'found',
      redirects: [],
    });
    expect(online.finalUrl).toBe(`${origin}/online`);
    expect(online.explanation).toMatch(/texte clé/);
    const marker = (await checksOf(loc.get('/unavailable') ?? '')).checks[0];
    expect(marker.evidence.matchedMarker).toBe("Ce contenu n'est pas disponible pour le moment");
    expect((await checksOf(loc.get('/moderated') ?? '')).checks[0].evidence.keyText).toBe('missing');
  });

  it('never reaches a blocked address: the redirect to 127.0.0.2 is refused, 0 connections', async () => {
    const check = (await checksOf(loc.get('/to-private') ?? '')).checks[0];
    expect(check.evidence.redirects).toEqual([`${origin}/to-private`]);
    expect(check.finalUrl).toBe(`http://127.0.0.2:${privateListener.port}/admin`);
    expect(privateListener.hits()).toBe(0);
  });

  it('records each check in the ledger, tells IT of a removal, and exposes the latest check', async () => {
    const entries = await t.ctx.db
      .selectFrom('ledger_entries')
      .select(['action', 'body'])
      .where('case_id', '=', caseId)
      .where('action', '=', 'location.checked')
      .execute();
    expect(entries).toHaveLength(7);
    expect(JSON.stringify(entries.map((e) => e.body))).not.toContain('Tremblay');
    expect((await verifyLedger(t.ctx.db)).ok).toBe(true);
    const removed = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('case_id', '=', caseId)
      .where('kind', '=', 'location_removed')
      .execute();
    expect(removed).toHaveLength(4);
    expect(new Set(removed.map((n) => n.user_id))).toEqual(new Set([org.it.id]));
    expect(await latestCheck(t.ctx.db, loc.get('/gone-410') ?? '')).toMatchObject({
      outcome: 'removed',
      reason: 'http_410',
      httpStatus: 410,
    });
    // A removal closes nothing by itself: the case and its tasks are as they were.
    const view = (await call(org.it, 'GET', `/api/v1/cases/${caseId}`)).json();
    expect(view.status).not.toBe('closed');
  });

  it('checks hourly the first day, then daily; unknown outcomes back off', async () => {
    const nextOf = async (path: string) =>
      await t.ctx.db
        .selectFrom('locations')
        .select(['next_check_at', 'check_backoff'])
        .where('id', '=', loc.get(path) ?? '')
        .executeTakeFirstOrThrow();
    expect((await nextOf('/online')).next_check_at?.toISOString()).toBe('2026-03-03T16:00:00.000Z');
    expect(await nextOf('/login-wall')).toMatchObject({ check_backoff: 1 });

    clock.set('2026-03-03T15:30:00Z');
    const before = await t.ctx.db.selectFrom('location_checks').select('id').where('case_id', '=', caseId).execute();
    await sweep();
    expect(await t.ctx.db.selectFrom('location_checks').select('id').where('case_id', '=', caseId).execute()).toHaveLength(before.length);

    clock.set('2026-03-03T16:00:00Z');
    await sweep();
    expect((await nextOf('/online')).next_check_at?.toISOString()).toBe('2026-03-03T17:00:00.000Z');
    // Second unknown in a row: two hours.
    expect(await nextOf('/login-wall')).toMatchObject({ check_backoff: 2 });
    expect((await nextOf('/login-wall')).next_check_at?.toISOString()).toBe('2026-03-03T18:00:00.000Z');

    // After the first day: daily.
    clock.set('2026-03-04T15:30:00Z');
    cookies.clear();
    await sweep();
    expect((await nextOf('/online')).next_check_at?.toISOString()).toBe('2026-03-05T15:30:00.000Z');
    expect((await nextOf('/gone-404')).next_check_at?.toISOString()).toBe('2026-03-05T15:30:00.000Z');
    expect((await checksOf(loc.get('/online') ?? '')).checks).toHaveLength(3);
    expect(privateListener.hits()).toBe(0);
  });

  it('re-checks now on request (queued), as IT', async () => {
    const id = loc.get('/online') ?? '';
    const res = await call(org.it, 'POST', `/api/v1/locations/${id}/recheck`);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ locationId: id, queued: true });
    await t.runJobs();
    const body = await checksOf(id);
    expect(body.checks).toHaveLength(4);
    expect(body.checks[0]).toMatchObject({ trigger: 'manual', outcome: 'online' });
    const row = await t.ctx.db
      .selectFrom('location_checks')
      .select('requested_by')
      .where('id', '=', body.checks[0].id)
      .executeTakeFirstOrThrow();
    expect(row.requested_by).toBe(org.it.id);
  });

  it('says unknown for a 200 when there is no capture to compare with', async () => {
    const { locations } = await openCase(['/online']);
    await sweep();
    const body = await checksOf(locations.get('/online') ?? '');
    expect(body.checks[0]).toMatchObject({ outcome: 'unknown', reason: 'no_key_text', httpStatus: 200 });
  });

  it('never re-checks the locations of a closed case', async () => {
    const { id, locations } = await openCase(['/gone-404']);
    await t.ctx.db.updateTable('cases').set({ status: 'closed', closed_at: clock.now() }).where('id', '=', id).execute();
    await sweep();
    clock.advance(3 * HOUR);
    await sweep();
    expect((await checksOf(locations.get('/gone-404') ?? '')).checks).toEqual([]);
    expect((await call(org.it, 'POST', `/api/v1/locations/${locations.get('/gone-404')}/recheck`)).statusCode).toBe(409);
  });

  it('shows checks to whoever sees the case, lets only IT, supervisor and direction ask, hides the location from others', async () => {
    const id = loc.get('/online') ?? '';
    expect((await call(org.staffA, 'GET', `/api/v1/locations/${id}/checks`)).statusCode).toBe(200);
    expect((await call(org.staffA, 'POST', `/api/v1/locations/${id}/recheck`)).statusCode).toBe(403);
    expect((await call(org.hr, 'POST', `/api/v1/locations/${id}/recheck`)).statusCode).toBe(403);
    expect((await call(org.supA, 'POST', `/api/v1/locations/${id}/recheck`)).statusCode).toBe(202);
    for (const u of [org.staffB, org.supB, org.committee, org.admin]) {
      expect((await call(u, 'GET', `/api/v1/locations/${id}/checks`)).statusCode).toBe(404);
      expect((await call(u, 'POST', `/api/v1/locations/${id}/recheck`)).statusCode).toBe(404);
    }
    expect((await call(org.it, 'GET', '/api/v1/locations/not-a-uuid/checks')).statusCode).toBe(404);
  });
});
