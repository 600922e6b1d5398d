// Server capture benchmark (Evidence issue, "bench/capture"), one run, one local page:
//   node bin/tsx.js bench/capture.ts [runs=10]
// 1. The floor: bare playwright-core, warm browser, a fresh context per page: goto(load) +
//    full-page PNG + A4 PDF + CDP MHTML (also shown without the context's creation).
// Single runs start 0.5 s apart, on a warm and idle browser, as a report does, floor and
// Rempart taking turns (the machine's other load weighs on both alike); the throughput burst
// (4) runs back to back.
// 2. Rempart: POST /api/v1/cases/{id}/captures → evidence sealed (queue, sandboxed Chromium as
//    the capture user, egress proxy, scrolling for lazy content, 7 artefacts, WACZ, blob store,
//    sealing transaction), median and p95.
// 3. single-file-cli on the same page, if installed (never installed by this script).
// 4. A report with 3 links → all 3 sealed (p95; target < 3 s), captures per minute at the
//    default CAPTURE_CONCURRENCY, and the server's RSS (Node, and Chromium's processes).
// The app runs as in production in its own process (this script forked with --serve) on a
// throwaway embedded PostgreSQL; the fixture page is tests/fixtures/pages/article.html, served on
// 127.0.0.1 (CAPTURE_ALLOW_HOSTS=127.0.0.1).
import { execFile, fork } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const here = fileURLToPath(import.meta.url);
const tsxBin = fileURLToPath(new URL('../bin/tsx.js', import.meta.url));
const run = promisify(execFile);

type FromApp =
  | { type: 'ready'; publicUrl: string; user: { email: string; password: string }; caseId: string }
  | { type: 'sealed'; id: string; at: number; status: string }
  | { type: 'breakdown'; rows: Array<{ queueMs: number; captureMs: number; storeAndSealMs: number; phases: Record<string, number> }> }
  | { type: 'rss'; node: { rss: number; hwm: number }; chromium: { rss: number; processes: number } };

if (process.argv[2] === '--serve') await serve();
else await bench();

async function processTree(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(Number(name), ppid);
  }
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  tree.delete(root);
  return [...tree];
}

async function rssKb(pid: number, field = 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
}

// ───────────────────────────── the app process ─────────────────────────────

async function serve(): Promise<void> {
  const { randomBytes } = await import('node:crypto');
  const { loadConfig } = await import('../src/config.js');
  const { openRuntime, startServer } = await import('../src/main.js');
  const [dataDir = '', port = '0'] = process.argv.slice(3);
  const runtime = await openRuntime(
    loadConfig({ REMPART_DATA_DIR: dataDir, PORT: port, REMPART_DEMO: '0', LOG_LEVEL: 'warn', CAPTURE_ALLOW_HOSTS: '127.0.0.1' }),
  );
  const app = await startServer(runtime);
  const { db, clock, passwords } = runtime.ctx;
  const now = clock.now();
  const u = randomBytes(3).toString('hex');
  const org = await db
    .insertInto('organisations')
    .values({ name: `Bench ${u}`, slug: `bench-${u}`, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const unit = await db
    .insertInto('units')
    .values({ organisation_id: org.id, name: `École ${u}`, kind: 'school', code: `B${u}`, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const makeUser = async (label: string, roles: Array<{ role: string; unitId?: string; isPrimary?: boolean }>) => {
    const email = `${label}-${u}@bench.test`;
    const password = `pw-${label}-${u}-bench`;
    const person = await db
      .insertInto('persons')
      .values({ organisation_id: org.id, unit_id: unit.id, full_name: `Personne ${label}`, email, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await db
      .insertInto('users')
      .values({
        organisation_id: org.id,
        person_id: person.id,
        email,
        display_name: label,
        password_hash: await passwords.hash(password),
        preferred_locale: 'fr-CA',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const r of roles) {
      await db
        .insertInto('role_grants')
        .values({
          user_id: user.id,
          role: r.role,
          unit_id: r.unitId ?? null,
          association_id: null,
          is_primary: r.isPrimary ?? false,
          created_at: now,
        })
        .execute();
    }
    return { email, password };
  };
  await makeUser('supervisor', [{ role: 'staff' }, { role: 'supervisor', unitId: unit.id, isPrimary: true }]);
  const user = await makeUser('staff', [{ role: 'staff' }]);
  const send = (m: FromApp) => process.send?.(m);
  send({ type: 'ready', publicUrl: runtime.ctx.config.publicUrl, user, caseId: '' });

  // The bench asks to be told when evidence is sealed. A trigger in this throwaway database
  // notifies at commit, so the time is exact and no polling loads the machine meanwhile.
  const { sql } = await import('kysely');
  await sql`
    create function bench_evidence_done() returns trigger language plpgsql as $$
    begin
      perform pg_notify('bench_evidence_done', new.id::text || ' ' || new.status);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger bench_evidence_done after update of status on evidence
    for each row when (new.status in ('sealed', 'failed')) execute function bench_evidence_done()`.execute(db);
  const watched = new Set<string>();
  const done = new Map<string, { at: number; status: string }>();
  const listener = await runtime.database.pool.connect();
  listener.on('notification', (n) => {
    const at = Date.now();
    const [id = '', status = ''] = (n.payload ?? '').split(' ');
    if (watched.delete(id)) send({ type: 'sealed', id, at, status });
    else done.set(id, { at, status });
  });
  await listener.query('listen bench_evidence_done');
  const watch = (id: string) => {
    const seen = done.get(id);
    if (seen) {
      done.delete(id);
      send({ type: 'sealed', id, at: seen.at, status: seen.status });
    } else watched.add(id);
  };
  process.on('message', async (m: { type: string; ids?: string[] }) => {
    if (m.type === 'watch') for (const id of m.ids ?? []) watch(id);
    if (m.type === 'watch-case') {
      const rows = await db
        .selectFrom('evidence')
        .select('id')
        .where('case_id', '=', m.ids?.[0] ?? '')
        .execute();
      for (const r of rows) watch(r.id);
    }
    if (m.type === 'breakdown') {
      // Where the time of each capture went: the queue (created → started), the browser work
      // (started → captured, with the phases the http artefact records) and storing + sealing.
      const rows = [];
      for (const id of m.ids ?? []) {
        const ev = await db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        const http = await db
          .selectFrom('artefacts')
          .select('sha256')
          .where('evidence_id', '=', id)
          .where('kind', '=', 'http')
          .executeTakeFirstOrThrow();
        const chunks: Buffer[] = [];
        for await (const c of await runtime.ctx.blobs.get(http.sha256)) chunks.push(c as Buffer);
        const report = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          timings: { totalMs: number | null; phases?: Record<string, number> };
        };
        const ms = (a: Date | string | null, b: Date | string | null) =>
          a && b ? new Date(b).getTime() - new Date(a).getTime() : Number.NaN;
        rows.push({
          queueMs: ms(ev.created_at, ev.started_at),
          // captured_at is when the browser work started; the http artefact has its length.
          captureMs: report.timings.totalMs ?? Number.NaN,
          storeAndSealMs: ms(ev.captured_at, ev.sealed_at) - (report.timings.totalMs ?? Number.NaN),
          phases: report.timings.phases ?? {},
        });
      }
      send({ type: 'breakdown', rows });
    }
    if (m.type === 'rss') {
      const pids = await processTree(process.pid);
      let chromiumRss = 0;
      for (const pid of pids) chromiumRss += await rssKb(pid);
      send({
        type: 'rss',
        node: { rss: await rssKb(process.pid), hwm: await rssKb(process.pid, 'VmHWM') },
        chromium: { rss: chromiumRss, processes: pids.length },
      });
    }
    if (m.type === 'stop') {
      listener.release();
      await app.close();
      await runtime.close();
      if (runtime.database.embedded) await rm(runtime.database.embedded.baseDir, { recursive: true, force: true });
      process.exit(0);
    }
  });
}

// ───────────────────────────── the bench process ─────────────────────────────

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return (sorted[lo] ?? Number.NaN) + ((sorted[hi] ?? Number.NaN) - (sorted[lo] ?? Number.NaN)) * (rank - lo);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** A pause between single runs: each starts on a warm, idle browser (the burst below has none). */
function pause(): Promise<void> {
  return new Promise((r) => setTimeout(r, 500));
}

interface FloorRun {
  /** newContext + newPage + goto + PNG + PDF + MHTML + close. */
  totalMs: number;
  /** goto + PNG + PDF + MHTML on a context and page created beforehand. */
  preparedMs: number;
  phases: { context: number; goto: number; png: number; pdf: number; mhtml: number };
}

async function startFloor(url: string): Promise<{ once(): Promise<FloorRun>; close(): Promise<void> }> {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  // Bare Playwright as root cannot keep Chromium's sandbox: the floor runs without it.
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', chromiumSandbox: !root });
  const dir = await mkdtemp(join(tmpdir(), 'rempart-floor-'));
  const once = async (): Promise<FloorRun> => {
    const t0 = performance.now();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const t1 = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    const t2 = performance.now();
    await page.screenshot({ fullPage: true, path: join(dir, 'a.png') });
    const t3 = performance.now();
    await page.pdf({ format: 'A4', printBackground: true, path: join(dir, 'a.pdf') });
    const t4 = performance.now();
    const cdp = await context.newCDPSession(page);
    const { data } = (await cdp.send('Page.captureSnapshot', { format: 'mhtml' })) as { data: string };
    await writeFile(join(dir, 'a.mhtml'), data);
    const t5 = performance.now();
    await context.close();
    return {
      totalMs: performance.now() - t0,
      preparedMs: t5 - t1,
      phases: { context: t1 - t0, goto: t2 - t1, png: t3 - t2, pdf: t4 - t3, mhtml: t5 - t4 },
    };
  };
  for (let i = 0; i < 3; i += 1) await once();
  return {
    once,
    async close() {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function singleFile(url: string, runs: number): Promise<number[] | string> {
  try {
    await run('npx', ['--no-install', 'single-file', '--help'], { timeout: 30_000 });
  } catch {
    return 'not installed (npx --no-install single-file failed; this bench never installs it)';
  }
  const dir = await mkdtemp(join(tmpdir(), 'rempart-single-file-'));
  const out: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    const file = join(dir, `p${i}.html`);
    await run(
      'npx',
      ['--no-install', 'single-file', '--browser-executable-path=/usr/bin/chromium', '--browser-args=["--no-sandbox"]', url, file],
      { timeout: 60_000 },
    ).catch(() => undefined);
    const ok = await readFile(file).then(
      () => true,
      () => false,
    );
    if (ok) out.push(performance.now() - t0);
  }
  await rm(dir, { recursive: true, force: true });
  return out.length > 0 ? out : 'installed, but produced no file';
}

async function bench(): Promise<void> {
  const runs = Number(process.argv[2] ?? 10);
  const loadAtStart = loadavg()[0] ?? 0;
  const { startFixtureServer } = await import('../tests/support/capture.js');
  const fx = await startFixtureServer();
  const page = fx.url('/article.html');
  const dataDir = await mkdtemp(join(tmpdir(), 'rempart-bench-capture-'));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const child = fork(tsxBin, [here, '--serve', dataDir, String(port)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiters = new Map<string, (m: { at: number; status: string }) => void>();
  const early = new Map<string, { at: number; status: string }>();
  child.on('message', (m: FromApp) => {
    if (m.type !== 'sealed') return;
    const w = waiters.get(m.id);
    if (w) w(m);
    else early.set(m.id, m);
  });
  const sealed = (id: string) =>
    new Promise<{ at: number; status: string }>((resolve) => {
      const got = early.get(id);
      if (got) return resolve(got);
      waiters.set(id, resolve);
    });
  const next = <T extends FromApp['type']>(type: T) =>
    new Promise<Extract<FromApp, { type: T }>>((resolve) => {
      const on = (m: FromApp) => {
        if (m.type === type) {
          child.off('message', on);
          resolve(m as Extract<FromApp, { type: T }>);
        }
      };
      child.on('message', on);
    });
  try {
    const ready = await next('ready');
    const base = ready.publicUrl;
    const origin = new URL(base).origin;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(ready.user),
    });
    const cookie = (login.headers.getSetCookie().find((c) => c.startsWith('rempart_session=')) ?? '').split(';')[0] ?? '';
    const api = async (path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, cookie },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const caseId = String((await api('/api/v1/cases', { summary: 'Bench des captures.' })).id);

    const captureOnce = async (url: string, ids?: string[]) => {
      const t0 = Date.now();
      const { evidenceId } = (await api(`/api/v1/cases/${caseId}/captures`, { url })) as { evidenceId: string };
      ids?.push(evidenceId);
      child.send({ type: 'watch', ids: [evidenceId] });
      const done = await sealed(evidenceId);
      if (done.status !== 'sealed') throw new Error(`capture ${evidenceId} ${done.status}`);
      return done.at - t0;
    };

    // Warm-up: browser start, JIT, pool. Not counted.
    for (let i = 0; i < 3; i += 1) await captureOnce(page);
    // Floor and Rempart take turns, so that the machine's other load weighs on both alike.
    const floor = await startFloor(page);
    const floorRuns: FloorRun[] = [];
    const rempartMs: number[] = [];
    const rempartIds: string[] = [];
    for (let i = 0; i < runs; i += 1) {
      await pause();
      floorRuns.push(await floor.once());
      await pause();
      rempartMs.push(await captureOnce(page, rempartIds));
    }
    await floor.close();
    const floorMs = floorRuns.map((r) => r.totalMs);
    child.send({ type: 'breakdown', ids: rempartIds });
    const breakdown = await next('breakdown');
    const single = await singleFile(page, Math.min(3, runs));

    // A report with 3 links → all sealed.
    const reportMs: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const urls = [1, 2, 3].map((k) => `${page}?r=${i}-${k}`);
      const t0 = Date.now();
      const c = await api('/api/v1/cases', { summary: `Bench ${i}: trois liens.`, urls });
      child.send({ type: 'watch-case', ids: [String(c.id)] });
      // The server lists the case's evidence; wait for the three.
      const ids = await new Promise<string[]>((resolve) => {
        const seen: string[] = [];
        const on = (m: FromApp) => {
          if (m.type === 'sealed' && !seen.includes(m.id)) {
            seen.push(m.id);
            if (seen.length === 3) {
              child.off('message', on);
              resolve(seen);
            }
          }
        };
        child.on('message', on);
      });
      for (const id of ids) early.delete(id);
      reportMs.push(Date.now() - t0);
    }

    // Throughput: 20 captures queued at once, at the default concurrency.
    const burst = 20;
    const t0 = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < burst; i += 1)
      ids.push(String((await api(`/api/v1/cases/${caseId}/captures`, { url: `${page}?burst=${i}` })).evidenceId));
    child.send({ type: 'watch', ids });
    const ends = await Promise.all(ids.map(sealed));
    const burstS = (Math.max(...ends.map((e) => e.at)) - t0) / 1000;
    child.send({ type: 'rss' });
    const rss = await next('rss');

    const median = (v: number[]) => percentile(v, 50);
    const fMed = median(floorMs);
    const rows: Array<[string, string, string, string]> = [
      ['floor: playwright-core goto+PNG+PDF+MHTML (warm)', fMed.toFixed(0), percentile(floorMs, 95).toFixed(0), '1.00×'],
      [
        '  the same on a context made beforehand',
        median(floorRuns.map((r) => r.preparedMs)).toFixed(0),
        percentile(
          floorRuns.map((r) => r.preparedMs),
          95,
        ).toFixed(0),
        `${(median(floorRuns.map((r) => r.preparedMs)) / fMed).toFixed(2)}×`,
      ],
      [
        'Rempart POST → sealed (7 artefacts, WACZ)',
        median(rempartMs).toFixed(0),
        percentile(rempartMs, 95).toFixed(0),
        `${(median(rempartMs) / fMed).toFixed(2)}×`,
      ],
      typeof single === 'string'
        ? ['single-file-cli', '–', '–', single]
        : ['single-file-cli', median(single).toFixed(0), percentile(single, 95).toFixed(0), `${(median(single) / fMed).toFixed(2)}×`],
      ['report with 3 links → all sealed', median(reportMs).toFixed(0), percentile(reportMs, 95).toFixed(0), `target p95 < 3000 ms`],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    process.stdout.write(
      `\nCapture bench — ${runs} runs, page ${page} (${cpus().length} CPUs, load ${loadAtStart.toFixed(1)} at start)\n\n`,
    );
    process.stdout.write(`${'measure'.padEnd(w)}  median ms  p95 ms  ratio to floor\n`);
    for (const r of rows) process.stdout.write(`${r[0].padEnd(w)}  ${r[1].padStart(9)}  ${r[2].padStart(6)}  ${r[3]}\n`);
    const phaseNames = Object.keys(breakdown.rows[0]?.phases ?? {});
    const medianOf = (pick: (r: (typeof breakdown.rows)[number]) => number) => median(breakdown.rows.map(pick)).toFixed(0);
    const floorPhases = Object.keys(floorRuns[0]?.phases ?? {}) as Array<keyof FloorRun['phases']>;
    process.stdout.write('\nwhere the floor spends its time (medians, ms): ');
    process.stdout.write(`${floorPhases.map((p) => `${p} ${median(floorRuns.map((r) => r.phases[p])).toFixed(0)}`).join(', ')}\n`);
    process.stdout.write('where a Rempart capture spends its time (medians, ms):\n');
    process.stdout.write(`  queue (created → started) ${medianOf((r) => r.queueMs)}\n`);
    process.stdout.write(`  browser work ${medianOf((r) => r.captureMs)}, phases ended at: `);
    process.stdout.write(`${phaseNames.map((p) => `${p} ${medianOf((r) => r.phases[p] ?? Number.NaN)}`).join(', ')}\n`);
    process.stdout.write(`  storing + sealing (browser work done → sealed) ${medianOf((r) => r.storeAndSealMs)}\n`);
    process.stdout.write(
      `\ncaptures per minute at CAPTURE_CONCURRENCY=2: ${((burst / burstS) * 60).toFixed(1)} (${burst} captures in ${burstS.toFixed(1)} s)\n`,
    );
    process.stdout.write(
      `server RSS: Node ${(rss.node.rss / 1024).toFixed(0)} MB (peak ${(rss.node.hwm / 1024).toFixed(0)} MB); Chromium ${(rss.chromium.rss / 1024).toFixed(0)} MB over ${rss.chromium.processes} processes (shared pages counted more than once)\n`,
    );
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send({ type: 'stop' });
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    await fx.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
