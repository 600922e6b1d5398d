// Server captures end to end, with real Chromium (sandboxed, as the unprivileged capture user
// when the tests run as root), the real queue and PostgreSQL, and a fixture web server on
// 127.0.0.1 (CAPTURE_ALLOW_HOSTS=127.0.0.1). Listeners on 127.0.0.2–5 count every connection:
// the private-network rule must keep them at zero. Runs in the db-embedded project only.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserProcessTree, CAPTURE_USER, removeStaleBrowserDirs } from '../../adapters/capture/chromium.js';
import type { CapturerHandle } from '../../adapters/capture/capturer.js';
import { recoverStaleCaptures } from '../../app/evidence/recover-stale-captures.js';
import { captureWorkRoot } from '../../app/evidence/run-capture.js';
import type { HttpReport } from '../../domain/capture/capture-report.js';
import { createTestApp, type TestApp } from '../../../tests/support/app.js';
import { ledgerEntries } from '../../../tests/support/auth.js';
import { asBrowser, loginCookie } from '../../../tests/support/builders.js';
import { type FixtureServer, startFixtureServer } from '../../../tests/support/capture.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';

let t: TestApp;
let org: TestOrg;
let fx: FixtureServer;
let slowMs = 30_000;
const cookies = new Map<string, string>();

async function as(user: { email: string; password: string }) {
  const c = cookies.get(user.email) ?? (await loginCookie(t.app, user));
  cookies.set(user.email, c);
  return c;
}

async function openCase(user: { email: string; password: string }, urls: string[] = []): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: asBrowser(await as(user)),
    payload: { summary: 'Publication hostile en ligne.', ...(urls.length ? { urls } : {}) },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

async function capture(user: { email: string; password: string }, caseId: string, url: string) {
  return t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/captures`, headers: asBrowser(await as(user)), payload: { url } });
}

async function evidence(id: string) {
  return t.ctx.db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function artefacts(evidenceId: string) {
  return t.ctx.db.selectFrom('artefacts').selectAll().where('evidence_id', '=', evidenceId).orderBy('kind').execute();
}

async function bytes(sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await t.ctx.blobs.get(sha256)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function httpReport(evidenceId: string): Promise<HttpReport> {
  const a = (await artefacts(evidenceId)).find((x) => x.kind === 'http');
  if (!a) throw new Error('no http artefact');
  return JSON.parse((await bytes(a.sha256)).toString('utf8')) as HttpReport;
}

async function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((ok, fail) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (e, z) => (e || !z ? fail(e) : ok(z))),
  );
  const files = new Map<string, Buffer>();
  await new Promise<void>((ok, fail) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (e, stream) => {
        if (e || !stream) return fail(e);
        const parts: Buffer[] = [];
        stream.on('data', (c: Buffer) => parts.push(c));
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(parts));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => ok());
    zip.on('error', fail);
    zip.readEntry();
  });
  return files;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function runUntil(evidenceId: string, statuses: string[], timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    await t.runJobs();
    const ev = await evidence(evidenceId);
    if (statuses.includes(ev.status)) return ev;
    if (Date.now() > end) throw new Error(`evidence ${evidenceId} still ${ev.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function noHits() {
  return Object.fromEntries(Object.entries(fx.blocked).map(([k, l]) => [k, l.hits()]));
}

beforeAll(async () => {
  fx = await startFixtureServer({ slowMs: () => slowMs });
  t = await createTestApp({ capture: 'real', env: { CAPTURE_ALLOW_HOSTS: '127.0.0.1' } });
  org = await buildTestOrg(t.ctx);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await fx?.close();
});

describe('server capture of a page', () => {
  let evidenceId = '';

  it('answers 202 at once with the evidence queued and its job in the same transaction', async () => {
    const caseId = await openCase(org.staffA);
    const res = await capture(org.staffA, caseId, fx.url('/redirect-to-article'));
    expect(res.statusCode).toBe(202);
    evidenceId = res.json().evidenceId;
    expect(await evidence(evidenceId)).toMatchObject({ status: 'queued', source: 'capture', source_url: fx.url('/redirect-to-article') });
    const jobs = await t.ctx.db
      .selectFrom('graphile_worker.jobs' as never)
      .select(['task_identifier' as never])
      .where('key' as never, '=', `capture:${evidenceId}` as never)
      .execute();
    expect(jobs).toHaveLength(1);
  });

  it('seals images, lazy content and the redirect in all 7 artefact kinds; hashes match the bytes and the ledger', async () => {
    const ev = await runUntil(evidenceId, ['sealed', 'failed']);
    expect(ev.error_message).toBeNull();
    expect(ev.status).toBe('sealed');
    const list = await artefacts(evidenceId);
    expect(list.map((a) => a.kind).sort()).toEqual(['html', 'http', 'mhtml', 'pdf', 'screenshot', 'viewport', 'wacz']);
    for (const a of list) {
      const b = await bytes(a.sha256);
      expect(sha(b)).toBe(a.sha256);
      expect(b.length).toBe(Number(a.size));
    }
    const sealed = (await ledgerEntries(t.ctx.db, 'evidence.sealed')).find((e) => e.subject?.id === evidenceId);
    expect(sealed?.data.manifestSha256).toBe(ev.manifest_sha256);
    const manifest = ev.manifest as { finalUrl: string; httpStatus: number; browser: { version: string }; artefacts: unknown[] };
    expect(manifest).toMatchObject({ finalUrl: fx.url('/article.html'), httpStatus: 200 });
    expect(manifest.browser.version).toMatch(/^\d+\./);
    expect(manifest.artefacts).toHaveLength(7);
    const actions = (await t.ctx.db.selectFrom('ledger_entries').select('action').where('action', 'like', 'evidence.%').execute()).map(
      (r) => r.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['evidence.capture_requested', 'evidence.capture_started', 'evidence.sealed']));

    const png = await bytes(list.find((a) => a.kind === 'screenshot')?.sha256 ?? '');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(20)).toBeGreaterThan(3000); // full page, not the first viewport
    expect((await bytes(list.find((a) => a.kind === 'pdf')?.sha256 ?? '')).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await bytes(list.find((a) => a.kind === 'html')?.sha256 ?? '')).toString()).toContain('Commentaire chargé plus tard');
    expect((await bytes(list.find((a) => a.kind === 'mhtml')?.sha256 ?? '')).toString()).toMatch(/multipart\/related/);
  });

  it('records the redirect chain, every request with the address the proxy connected to, and no refusal', async () => {
    const report = await httpReport(evidenceId);
    expect(report.redirectChain.map((h) => h.status)).toEqual([302, 200]);
    expect(report.redirectChain[0]).toMatchObject({ url: fx.url('/redirect-to-article'), location: '/article.html', ip: '127.0.0.1' });
    const urls = report.requests.map((r) => new URL(r.url).pathname);
    expect(urls).toEqual(
      expect.arrayContaining([
        '/article.html',
        '/style.css',
        '/app.js',
        '/img/photo-1.png',
        '/img/photo-2.png',
        '/api/comments.json',
        '/img/lazy.png',
        '/img/native-lazy.png',
      ]),
    );
    expect(report.requests.filter((r) => r.status === 200).every((r) => r.ip === '127.0.0.1')).toBe(true);
    expect(report.refused).toEqual([]);
    expect(report.loginWallSuspected).toBe(false);
    expect(report.browser.sandbox).toBe(true);
    expect(report.page).toMatchObject({ heightCapped: false, heightCap: 20_000 });
  });

  it('archives every request and response in a WACZ: datapackage hashes, pages.jsonl and an index with the sub-resources', async () => {
    const wacz = (await artefacts(evidenceId)).find((a) => a.kind === 'wacz');
    const files = await unzip(await bytes(wacz?.sha256 ?? ''));
    const datapackage = JSON.parse(files.get('datapackage.json')?.toString() ?? '{}') as {
      resources: Array<{ path: string; hash: string; bytes: number }>;
    };
    expect(datapackage.resources.map((r) => r.path)).toEqual(
      expect.arrayContaining(['pages/pages.jsonl', 'indexes/index.cdx', 'archive/capture.warc.gz']),
    );
    for (const r of datapackage.resources) {
      const content = files.get(r.path);
      expect(content, r.path).toBeDefined();
      expect(r.hash).toBe(`sha256:${sha(content ?? Buffer.alloc(0))}`);
    }
    expect(files.get('pages/pages.jsonl')?.toString()).toContain(fx.url('/article.html'));
    const index = files.get('indexes/index.cdx')?.toString() ?? '';
    for (const path of [
      '/article.html',
      '/style.css',
      '/app.js',
      '/img/photo-1.png',
      '/api/comments.json',
      '/img/lazy.png',
      '/redirect-to-article',
    ]) {
      expect(index, path).toContain(path.replace(/^\//, ''));
    }
  });

  it('archives what the page asks for while it prints (after the first WARC was written) in a second WARC of the same WACZ', async () => {
    const caseId = await openCase(org.staffA);
    const id = (await capture(org.staffA, caseId, fx.url('/print.html'))).json().evidenceId as string;
    const ev = await runUntil(id, ['sealed', 'failed']);
    expect(ev.status).toBe('sealed');
    const report = await httpReport(id);
    expect(report.requests.find((r) => r.url.endsWith('/img/print-only.png'))).toMatchObject({ status: 200, archived: true });
    const files = await unzip(await bytes((await artefacts(id)).find((a) => a.kind === 'wacz')?.sha256 ?? ''));
    const datapackage = JSON.parse(files.get('datapackage.json')?.toString() ?? '{}') as {
      resources: Array<{ path: string; hash: string }>;
    };
    expect(datapackage.resources.map((r) => r.path)).toEqual(
      expect.arrayContaining(['archive/capture.warc.gz', 'archive/capture-late.warc.gz']),
    );
    for (const r of datapackage.resources) expect(r.hash, r.path).toBe(`sha256:${sha(files.get(r.path) ?? Buffer.alloc(0))}`);
    const index = files.get('indexes/index.cdx')?.toString() ?? '';
    expect(index).toContain('print.html');
    expect(index).toMatch(/img\/print-only\.png.*capture-late\.warc\.gz/);
  });

  it('runs Chromium as the unprivileged capture user with its sandbox on (when the server is root)', async (ctx) => {
    if (process.getuid?.() !== 0) ctx.skip();
    const launched = (t.ctx.capture as CapturerHandle).launched();
    if (!launched) throw new Error('browser not running');
    expect(launched.user).toBe(CAPTURE_USER);
    // A live page, so that a renderer process exists while we look.
    const context = await launched.browser.newContext();
    const page = await context.newPage();
    await page.setContent('<p>bac à sable</p>');
    const tree = await browserProcessTree(launched.instanceMarker);
    await context.close();
    const root = tree.find((p) => p.type === 'browser');
    expect(root?.uid).toBeGreaterThan(0);
    expect(tree.every((p) => p.uid === root?.uid)).toBe(true);
    const renderers = tree.filter((p) => p.type === 'renderer');
    expect(renderers.length).toBeGreaterThan(0);
    // Sandboxed renderers: seccomp-bpf filter on, in their own user namespace.
    for (const r of renderers) {
      expect(r.seccomp).toBe(2);
      expect(r.userNs).not.toBe(root?.userNs);
    }
  });
});

describe('the browser status (/healthz "browser" check)', () => {
  it('names the browser found, its version, the user it runs as and the sandbox', async () => {
    const status = await t.ctx.capture.status();
    expect(status).toMatchObject({ found: true, running: true, sandbox: true, error: null });
    expect(status.executablePath).toMatch(/chrom/);
    expect(status.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    if (process.getuid?.() === 0) expect(status.user).toBe(CAPTURE_USER);
  });
});

describe('the private-network rule', () => {
  let caseId = '';
  beforeAll(async () => {
    caseId = await openCase(org.staffA);
  });

  it('refuses a first URL on a blocked address, or a non-http(s) scheme, with 422 and queues nothing', async () => {
    const before = await t.ctx.db
      .selectFrom('evidence')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    for (const url of [
      `http://127.0.0.2:${fx.blocked.first.port}/`,
      `http://[::1]:${fx.port}/`,
      'http://169.254.169.254/latest/meta-data/',
      `http://2130706434:${fx.blocked.first.port}/`,
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<h1>x</h1>',
    ]) {
      const res = await capture(org.staffA, caseId, url);
      expect(res.statusCode, url).toBe(422);
      expect(res.json().error.code).toBe('destination_blocked');
    }
    const after = await t.ctx.db
      .selectFrom('evidence')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(fx.blocked.first.hits()).toBe(0);
  });

  it('refuses a redirect to 127.0.0.3: sealed with what was seen, the refusal in the http artefact, 0 hits', async () => {
    const res = await capture(org.staffA, caseId, fx.url('/redirect-blocked'));
    const ev = await runUntil(res.json().evidenceId, ['sealed', 'failed']);
    expect(ev.status).toBe('sealed');
    const report = await httpReport(ev.id);
    expect(report.mainDocumentRefused).toBe(true);
    expect(report.redirectChain[0]).toMatchObject({ status: 302, ip: '127.0.0.1' });
    expect(report.refused.map((r) => r.target).join(' ')).toContain('127.0.0.3');
    expect((ev.manifest as { httpStatus: number }).httpStatus).toBe(302);
    expect(fx.blocked.redirect.hits()).toBe(0);
  });

  it('refuses sub-requests (image, fetch, WebSocket, service worker, metadata address) and local files; 0 hits', async () => {
    const res = await capture(org.staffA, caseId, fx.url('/hostile.html'));
    const ev = await runUntil(res.json().evidenceId, ['sealed', 'failed']);
    expect(ev.status).toBe('sealed');
    const report = await httpReport(ev.id);
    const refused = report.refused.map((r) => r.target).join(' ');
    expect(refused).toContain(`127.0.0.4:${fx.blocked.image.port}/pixel.png`);
    expect(refused).toContain(`127.0.0.5:${fx.blocked.websocket.port}`);
    expect(refused).toContain('169.254.169.254');
    expect(report.requests.some((r) => r.url.startsWith('file:') && r.status === null)).toBe(false);
    expect(noHits()).toEqual({ first: 0, redirect: 0, image: 0, websocket: 0 });
  });
});

describe('what the page shows', () => {
  it('seals a login wall and says so; seals a 404 with its status; fails an unreachable host after its retry', async () => {
    const caseId = await openCase(org.staffA);
    const login = (await capture(org.staffA, caseId, fx.url('/login.html'))).json().evidenceId;
    const missing = (await capture(org.staffA, caseId, fx.url('/missing'))).json().evidenceId;
    const closed = (await capture(org.staffA, caseId, 'http://127.0.0.1:9/')).json().evidenceId;
    await runUntil(login, ['sealed']);
    expect((await httpReport(login)).loginWallSuspected).toBe(true);
    const m = await runUntil(missing, ['sealed']);
    expect((m.manifest as { httpStatus: number }).httpStatus).toBe(404);
    const failed = await runUntil(closed, ['failed'], 30_000);
    expect(failed).toMatchObject({ status: 'failed', error_code: 'unreachable', attempts: 2 });
    expect(failed.manifest).toBeNull();
    expect(await artefacts(closed)).toEqual([]);
    const shown = await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${closed}`, headers: asBrowser(await as(org.staffA)) });
    expect(shown.json()).toMatchObject({
      status: 'failed',
      artefacts: [],
      error: { code: 'unreachable', message: 'Le site est injoignable.' },
    });
    const sealedView = await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${login}`, headers: asBrowser(await as(org.staffA)) });
    expect(sealedView.json().artefacts).toHaveLength(7);
    expect(sealedView.json().manifestSha256).toMatch(/^[0-9a-f]{64}$/);

    // A failed capture can be retried; a sealed one cannot; another organisation's user sees 404.
    const retry = await t.app.inject({ method: 'POST', url: `/api/v1/evidence/${closed}/retry`, headers: asBrowser(await as(org.staffA)) });
    expect(retry.statusCode).toBe(202);
    expect(await evidence(closed)).toMatchObject({ status: 'queued', attempts: 0, error_code: null });
    const sealedRetry = await t.app.inject({
      method: 'POST',
      url: `/api/v1/evidence/${login}/retry`,
      headers: asBrowser(await as(org.staffA)),
    });
    expect(sealedRetry.statusCode).toBe(409);
  });

  it("answers 404 for another user's evidence and case", async () => {
    const caseId = await openCase(org.staffA);
    const evidenceId = (await capture(org.staffA, caseId, fx.url('/login.html'))).json().evidenceId;
    await runUntil(evidenceId, ['sealed']);
    const other = await as(org.staffB);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/evidence/${evidenceId}/retry`, headers: asBrowser(other) })).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/cases/${caseId}/captures`,
          headers: asBrowser(other),
          payload: { url: fx.url('/article.html') },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/cases/${caseId}/locations`,
          headers: asBrowser(other),
          payload: { url: fx.url('/article.html') },
        })
      ).statusCode,
    ).toBe(404);
    const get = await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${evidenceId}`, headers: asBrowser(other) });
    expect(get.statusCode).toBe(404);
  });
});

describe('preserve first', () => {
  it('captures every link of a report without anyone asking: 3 links → 3 sealed', async () => {
    const urls = [fx.url('/article.html'), fx.url('/login.html'), fx.url('/missing')];
    const started = Date.now();
    const caseId = await openCase(org.staffA, urls);
    const rows = await t.ctx.db.selectFrom('evidence').select(['id', 'location_id', 'status']).where('case_id', '=', caseId).execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === 'queued' && r.location_id !== null)).toBe(true);
    for (const r of rows) await runUntil(r.id, ['sealed']);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(20_000);
    // Step 4.1.1 completes itself on the first sealed evidence.
    const task = await t.ctx.db
      .selectFrom('tasks')
      .select('status')
      .where('case_id', '=', caseId)
      .where('step_key', '=', '4.1.1')
      .executeTakeFirst();
    if (task) expect(task.status).toBe('done');
  });

  it('captures a location added later, and gives it its per-location tasks', async () => {
    const caseId = await openCase(org.staffA, [fx.url('/article.html')]);
    const tasksBefore = await t.ctx.db
      .selectFrom('tasks')
      .select('id')
      .where('case_id', '=', caseId)
      .where('location_id', 'is not', null)
      .execute();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/locations`,
      headers: asBrowser(await as(org.staffA)),
      payload: { url: fx.url('/login.html'), authorHandle: '@auteur' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.location).toMatchObject({ url: fx.url('/login.html'), host: '127.0.0.1' });
    const tasksAfter = await t.ctx.db
      .selectFrom('tasks')
      .select('id')
      .where('case_id', '=', caseId)
      .where('location_id', '=', body.location.id)
      .execute();
    if (tasksBefore.length > 0) expect(tasksAfter.length).toBeGreaterThan(0);
    expect((await runUntil(body.evidenceId, ['sealed'])).location_id).toBe(body.location.id);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/locations`,
      headers: asBrowser(await as(org.staffA)),
      payload: { url: fx.url('/login.html') },
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('crash safety', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('kill -9 during a capture: nothing sealed with a missing blob; re-queued and sealed after restart; temp files removed', async () => {
    slowMs = 30_000;
    const caseId = await openCase(org.staffA);
    const evidenceId = (await capture(org.staffA, caseId, fx.url('/slow'))).json().evidenceId;
    const tsx = fileURLToPath(new URL('../../../bin/tsx.js', import.meta.url));
    const script = fileURLToPath(new URL('../../../tests/fixtures/capture-worker.ts', import.meta.url));
    child = spawn(process.execPath, [tsx, script], {
      env: {
        ...process.env,
        REMPART_TEST_PG: JSON.stringify(t.database.config),
        REMPART_DATA_DIR: t.config.dataDir,
        CAPTURE_ALLOW_HOSTS: '127.0.0.1',
        WORKER: 'inline',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const childPid = child.pid ?? 0;
    // Wait until the child's browser is loading the slow page.
    const end = Date.now() + 30_000;
    while (!fx.requested.includes('/slow')) {
      if (Date.now() > end) throw new Error('the worker never loaded the page');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await evidence(evidenceId)).toMatchObject({ status: 'capturing', attempts: 1 });
    expect((await readdir(captureWorkRoot(t.ctx))).some((n) => n.startsWith(`${childPid}-`))).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    // The killed worker's connection (and advisory lock) goes with it.
    let recovered = { requeued: 0, failed: 0, tempRemoved: 0 };
    for (let i = 0; i < 50 && recovered.requeued === 0; i += 1) {
      recovered = await recoverStaleCaptures(t.ctx);
      if (recovered.requeued === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(recovered.requeued).toBe(1);
    expect((await readdir(captureWorkRoot(t.ctx))).some((n) => n.startsWith(`${childPid}-`))).toBe(false);
    expect(await evidence(evidenceId)).toMatchObject({ status: 'queued', error_code: 'interrupted' });
    // The killed browser's profile and home go on the next launch's sweep.
    await removeStaleBrowserDirs();
    expect((await readdir(tmpdir())).some((n) => n.startsWith(`rempart-chromium-${childPid}-`))).toBe(false);

    slowMs = 0;
    const ev = await runUntil(evidenceId, ['sealed', 'failed']);
    expect(ev.status).toBe('sealed');
    expect(ev.attempts).toBe(2);
    // Every sealed evidence of the database points to blobs that exist, whole.
    const sealedArtefacts = await t.ctx.db
      .selectFrom('artefacts')
      .innerJoin('evidence', 'evidence.id', 'artefacts.evidence_id')
      .select(['artefacts.sha256', 'artefacts.size'])
      .where('evidence.status', '=', 'sealed')
      .execute();
    for (const a of sealedArtefacts) expect((await t.ctx.blobs.stat(a.sha256))?.size).toBe(Number(a.size));
  }, 90_000);
});
