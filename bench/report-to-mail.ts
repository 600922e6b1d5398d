// Report → supervisor mail benchmark (Cases issue: "accepted by the SMTP server within 2 s of the
// 201"). For each report, the time from the 201 of POST /api/v1/cases to the moment a local SMTP
// server accepts the supervisor's mail (end of DATA), matched by the case reference in the
// Subject; sequential reports, then 8 at a time. Baseline in the same run: a bare nodemailer send
// (the app's SMTP adapter) of a similar message to the same SMTP server.
//   node bin/tsx.js bench/report-to-mail.ts [reports=200] [staff=20] [urls=0]
// urls=0: reports with a summary only (the mail path alone). urls=1: each report carries one link
// to a small page served by this script on 127.0.0.1 (CAPTURE_ALLOW_HOSTS=127.0.0.1), so when the
// server captures links (step 4.1.1, capture-evidence jobs) each report also starts a real
// Chromium capture, on the same queue and worker as the mail.
// The app runs as in production, in its own process (this script forked with --serve):
// openRuntime + startServer on a throwaway embedded PostgreSQL, inline worker, real HTTP on
// 127.0.0.1. This process plays the browsers (fetch, session cookie, Origin) and the SMTP relay.
// Staff log in once each: the login limit is 50 per address per 15 minutes, so staff <= 40.
import { type ChildProcess, fork } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createSmtpMailer } from '../src/adapters/mail/mailer.js';

interface BenchUser {
  email: string;
  password: string;
}
type FromApp =
  | { type: 'ready'; publicUrl: string; supervisor: BenchUser; staff: BenchUser[]; captures: boolean }
  | { type: 'stats'; mail: StatsRow | undefined; evidence: Array<{ status: string; n: number; p50: number | null }> };
type StatsRow = { n: number; p50: number; p95: number };

const here = fileURLToPath(import.meta.url);
const tsxBin = fileURLToPath(new URL('../bin/tsx.js', import.meta.url));

if (process.argv[2] === '--serve') await serve();
else await bench();

// ───────────────────────────── the app process ─────────────────────────────

async function serve(): Promise<void> {
  const { randomBytes } = await import('node:crypto');
  const { loadConfig } = await import('../src/config.js');
  const { openRuntime, startServer } = await import('../src/main.js');
  const [dataDir = '', smtpUrl = '', port = '0', staffCount = '20', allowHosts = ''] = process.argv.slice(3);
  const runtime = await openRuntime(
    loadConfig({
      REMPART_DATA_DIR: dataDir,
      SMTP_URL: smtpUrl,
      PORT: port,
      REMPART_DEMO: '0',
      LOG_LEVEL: 'warn',
      CAPTURE_ALLOW_HOSTS: allowHosts,
    }),
  );
  const app = await startServer(runtime);
  const { db, clock, passwords } = runtime.ctx;
  const now = clock.now();
  const u = randomBytes(3).toString('hex');
  const org = await db
    .insertInto('organisations')
    .values({ name: `Centre de services bench ${u}`, slug: `bench-${u}`, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const unit = await db
    .insertInto('units')
    .values({ organisation_id: org.id, name: `École bench ${u}`, kind: 'school', code: `B${u}`, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const makeUser = async (label: string, roles: Array<{ role: string; unitId?: string; isPrimary?: boolean }>): Promise<BenchUser> => {
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
        display_name: `Personne ${label}`,
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
  const supervisor = await makeUser('supervisor', [{ role: 'staff' }, { role: 'supervisor', unitId: unit.id, isPrimary: true }]);
  const staff: BenchUser[] = [];
  for (let i = 0; i < Number(staffCount); i += 1) staff.push(await makeUser(`staff${i}`, [{ role: 'staff' }]));

  // Whether a URL in a report can make the server capture the page (a capture job kind exists):
  // the figures of urls=1 then include the captures' load on the worker.
  const { jobs } = await import('../src/jobs/index.js');
  const captures = jobs.some((j) => /captur/i.test(j.name));

  const send = (m: FromApp) => process.send?.(m);
  send({ type: 'ready', publicUrl: runtime.ctx.config.publicUrl, supervisor, staff, captures });

  process.on('message', async (m: { type: string }) => {
    if (m.type === 'stats') {
      // Server-side view of the same mails: queued (intake transaction) → marked sent.
      const { sql } = await import('kysely');
      const mail = await sql<StatsRow>`
        select count(*)::int as n,
          (percentile_cont(0.5) within group (order by extract(epoch from sent_at - created_at) * 1000))::float as p50,
          (percentile_cont(0.95) within group (order by extract(epoch from sent_at - created_at) * 1000))::float as p95
        from mail_messages where template = 'case_reported' and status = 'sent'`.execute(db);
      const evidence = await sql<{ status: string; n: number; p50: number | null }>`
        select status, count(*)::int as n,
          (percentile_cont(0.5) within group (order by extract(epoch from finished_at - created_at) * 1000))::float as p50
        from evidence group by status order by status`.execute(db);
      send({ type: 'stats', mail: mail.rows[0], evidence: evidence.rows });
    }
    if (m.type === 'stop') {
      await app.close();
      await runtime.close();
      if (runtime.database.embedded) await rm(runtime.database.embedded.baseDir, { recursive: true, force: true });
      process.exit(0);
    }
  });
}

// ───────────────────────────── the bench process ─────────────────────────────

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** A loopback SMTP relay: the time DATA ended (message accepted), To and Subject parsed. */
async function startSmtp() {
  const accepted = new Map<string, { at: number; to: string[]; subject: string }>();
  const waiters = new Map<string, () => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const at = performance.now();
        callback();
        void simpleParser(Buffer.concat(chunks)).then((parsed) => {
          const subject = parsed.subject ?? '';
          const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) =>
            a.value.map((v) => v.address ?? ''),
          );
          const key = /RMP-\d{4}-\d{4,}|BENCH-\d+/.exec(subject)?.[0] ?? subject;
          accepted.set(key, { at, to, subject });
          waiters.get(key)?.();
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}?tls=off`,
    accepted,
    /** Resolves with the time the message whose subject holds `key` was accepted. */
    waitFor(key: string, timeoutMs = 30_000): Promise<{ at: number; to: string[]; subject: string }> {
      const found = accepted.get(key);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no mail for ${key} within ${timeoutMs} ms`)), timeoutMs);
        waiters.set(key, () => {
          clearTimeout(timer);
          waiters.delete(key);
          resolve(accepted.get(key)!);
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function nextMessage(child: ChildProcess, type: FromApp['type']): Promise<FromApp> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromApp) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m);
    };
    const onExit = (code: number | null) => reject(new Error(`app process exited (${code}) before "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function bench(): Promise<void> {
  const N = Number(process.argv[2] ?? 200);
  const staffCount = Number(process.argv[3] ?? 20);
  const withUrls = (process.argv[4] ?? '0') !== '0';
  const loadAtStart = loadavg()[0]!;
  if (staffCount > 40) throw new Error('staff must be <= 40 (login limit: 50 per address per 15 minutes)');
  const smtp = await startSmtp();
  const dataDir = await mkdtemp(join(tmpdir(), 'rempart-bench-'));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  // The "social network" the reported links point to (urls=1): one small page per post.
  const social = createHttpServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Publication ${req.url}</title></head><body><article><h1>Publication</h1><p>Ce prof est une honte, faites tourner.</p><p>${'Commentaire. '.repeat(50)}</p></article></body></html>`,
    );
  });
  await new Promise<void>((resolve) => social.listen(0, '127.0.0.1', resolve));
  const socialAddress = social.address();
  const socialBase = `http://127.0.0.1:${typeof socialAddress === 'object' && socialAddress ? socialAddress.port : 0}`;
  const child = fork(tsxBin, [here, '--serve', dataDir, smtp.url, String(port), String(staffCount), withUrls ? '127.0.0.1' : ''], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const cleanup = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      // Stopping waits for running jobs (a capture can take a while).
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 180_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await smtp.close();
    await new Promise<void>((resolve) => social.close(() => resolve()));
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const ready = await nextMessage(child, 'ready');
    if (ready.type !== 'ready') throw new Error('unexpected message');
    const base = ready.publicUrl;
    const origin = new URL(base).origin;

    // Sessions: one login per staff member, as a browser would (cookie, same-origin).
    const cookies: string[] = [];
    for (const s of ready.staff) {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ email: s.email, password: s.password }),
      });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('rempart_session='));
      if (!cookie) throw new Error('no session cookie');
      cookies.push(cookie.split(';')[0]!);
    }

    let seq = 0;
    const report = async (cookie: string): Promise<{ httpMs: number; mailMs: number }> => {
      seq += 1;
      const body: { summary: string; urls?: string[] } = {
        summary: `Bench ${seq}: une publication sur un réseau social me vise nommément, avec des commentaires menaçants.`,
      };
      if (withUrls) body.urls = [`${socialBase}/post/${seq}`];
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, cookie },
        body: JSON.stringify(body),
      });
      const t201 = performance.now();
      const json = (await res.json()) as { reference?: string };
      if (res.status !== 201 || !json.reference) throw new Error(`report failed: ${res.status} ${JSON.stringify(json)}`);
      const mail = await smtp.waitFor(json.reference);
      if (!mail.to.includes(ready.supervisor.email)) throw new Error(`mail for ${json.reference} went to ${mail.to.join(', ')}`);
      return { httpMs: t201 - t0, mailMs: mail.at - t201 };
    };

    // Warm-up (JIT, first playbook compile, pool connections): not counted.
    for (let i = 0; i < 5; i += 1) await report(cookies[i % cookies.length]!);

    // 1. Baseline: the app's SMTP adapter (pooled nodemailer) sending a similar mail, one at a time.
    const mailer = createSmtpMailer(smtp.url, 'Rempart <no-reply@localhost>');
    const bareSend = async (i: number): Promise<number> => {
      const key = `BENCH-${i}`;
      const t0 = performance.now();
      await mailer.send({
        to: ready.supervisor.email,
        subject: `Nouveau signalement ${key} : un membre de votre personnel a besoin de vous`,
        text: `Un signalement a été fait. Ouvrez le dossier ${key} : ${base}/dossiers/00000000-0000-4000-8000-000000000000`,
        html: `<p>Un signalement a été fait.</p><p><a href="${base}/dossiers/00000000-0000-4000-8000-000000000000">Ouvrir le dossier ${key}</a></p>`,
      });
      return (await smtp.waitFor(key)).at - t0;
    };
    for (let i = 0; i < 5; i += 1) await bareSend(1_000_000 + i);
    const bare: number[] = [];
    for (let i = 0; i < N; i += 1) bare.push(await bareSend(i));
    await mailer.close();

    // 2. Reports one after the other (staff in turn).
    const sequential = { http: [] as number[], mail: [] as number[] };
    let t = performance.now();
    for (let i = 0; i < N; i += 1) {
      const r = await report(cookies[i % cookies.length]!);
      sequential.http.push(r.httpMs);
      sequential.mail.push(r.mailMs);
    }
    const sequentialS = (performance.now() - t) / 1000;

    // 3. Reports 8 at a time (8 staff reporting at once; each lane waits for its mail, then reports again).
    const concurrent = { http: [] as number[], mail: [] as number[] };
    let next = 0;
    t = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = next++; i < N; i = next++) {
          const r = await report(cookies[i % cookies.length]!);
          concurrent.http.push(r.httpMs);
          concurrent.mail.push(r.mailMs);
        }
      }),
    );
    const concurrentS = (performance.now() - t) / 1000;

    child.send({ type: 'stats' });
    const stats = await nextMessage(child, 'stats');
    const serverSide = stats.type === 'stats' ? stats.mail : undefined;
    const evidence = stats.type === 'stats' ? stats.evidence : [];

    const bare50 = percentile(bare, 50);
    const bare95 = percentile(bare, 95);
    const f = (v: number) => v.toFixed(1).padStart(9);
    const r = (v: number, b: number) => (v / b).toFixed(1).padStart(8);
    console.log(
      `report → supervisor mail, ${N} reports, ${ready.staff.length} staff, ${withUrls ? '1 link each (to a local page)' : 'no link (summary only)'}${ready.captures ? ', server captures of links: on' : ', no capture job'}; PostgreSQL embedded; ${cpus().length} CPUs, load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end`,
    );
    console.log('what (ms)'.padEnd(44), '     p50', '      p95', '      max', ' p50/bare', ' p95/bare');
    const row = (what: string, v: number[]) => {
      const p50 = percentile(v, 50);
      const p95 = percentile(v, 95);
      console.log(what.padEnd(44), f(p50), f(p95), f(Math.max(...v)), r(p50, bare50), r(p95, bare95));
    };
    row('bare nodemailer send → accepted (baseline)', bare);
    row('sequential: 201 → mail accepted', sequential.mail);
    row('sequential: POST /cases → 201', sequential.http);
    row('concurrency 8: 201 → mail accepted', concurrent.mail);
    row('concurrency 8: POST /cases → 201', concurrent.http);
    console.log(
      `throughput: sequential ${(N / sequentialS).toFixed(1)} reports/s, concurrency 8 ${(N / concurrentS).toFixed(1)} reports/s`,
    );
    if (serverSide) {
      console.log(
        `server side (mail_messages, all ${serverSide.n} case_reported mails incl. warm-up): queued in intake → marked sent p50 ${serverSide.p50.toFixed(1)} ms, p95 ${serverSide.p95.toFixed(1)} ms`,
      );
    }
    if (evidence.length > 0) {
      console.log(
        `captures at the end of the run: ${evidence.map((e) => `${e.n} ${e.status}${e.p50 !== null ? ` (queued → finished p50 ${(e.p50 / 1000).toFixed(1)} s)` : ''}`).join(', ')}`,
      );
    }
    const early = [...sequential.mail, ...concurrent.mail].filter((v) => v < 0).length;
    if (early > 0) console.log(`${early} mails were accepted before their 201 reached the client (negative times, counted as they are)`);
    const worst = Math.max(percentile(sequential.mail, 95), percentile(concurrent.mail, 95));
    console.log(
      `target (Cases issue): accepted within 2000 ms of the 201 → p95 ${worst.toFixed(0)} ms: ${worst <= 2000 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await cleanup();
  }
}
