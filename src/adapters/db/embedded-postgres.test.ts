// The embedded PostgreSQL's life cycle, with real server processes: clean start/stop, reuse
// after the app was killed with -9, a stale pid file, a postmaster killed with -9, and a data
// dir the postgres OS user cannot reach.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function tempDataDir(parentMode = 0o755): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'rempart-emb-'));
  await chmod(parent, parentMode);
  cleanups.push(() => rm(parent, { recursive: true, force: true }));
  return join(parent, 'data');
}

async function query(e: EmbeddedPostgres, text: string): Promise<unknown[]> {
  const client = new pg.Client(e.connection);
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

function postmasterPid(e: EmbeddedPostgres): Promise<number> {
  return readFile(join(e.baseDir, 'cluster', 'postmaster.pid'), 'utf8').then((t) => Number(t.split('\n')[0]));
}

// A zombie (exited, not yet reaped by a container's PID 1) still answers kill(pid, 0).
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

const log = () => undefined;

describe('embedded PostgreSQL', () => {
  it('creates a cluster, serves queries and stops cleanly', async () => {
    const dataDir = await tempDataDir();
    const e = await startEmbeddedPostgres({ dataDir, log });
    cleanups.push(() => e.stop());
    expect(e.baseDir).toBe(join(dataDir, 'pg'));
    expect(await query(e, 'select 1 as one')).toEqual([{ one: 1 }]);
    expect(e.reused).toBe(false);
    const pid = await postmasterPid(e);
    await e.stop();
    expect(alive(pid)).toBe(false);
    // A restart reuses the same cluster and data.
    const again = await startEmbeddedPostgres({ dataDir, log });
    cleanups.push(() => again.stop());
    expect(await query(again, 'select 2 as two')).toEqual([{ two: 2 }]);
  }, 60_000);

  it('reuses the postmaster left running after the app was killed with -9', async () => {
    const dataDir = await tempDataDir();
    const tsx = fileURLToPath(new URL('../../../bin/tsx.js', import.meta.url));
    const script = fileURLToPath(new URL('../../../tests/fixtures/start-embedded.ts', import.meta.url));
    const child = spawn(process.execPath, [tsx, script, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => c.toString().includes('READY') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const e = await startEmbeddedPostgres({ dataDir, log });
    cleanups.push(() => e.stop());
    expect(e.reused).toBe(true);
    expect(await query(e, 'select 3 as three')).toEqual([{ three: 3 }]);
  }, 60_000);

  it('clears a stale pid file and recovers after the postmaster itself was killed with -9', async () => {
    const dataDir = await tempDataDir();
    const e = await startEmbeddedPostgres({ dataDir, log });
    cleanups.push(() => e.stop());
    await query(e, 'create table survivors (n int); insert into survivors values (42)');
    const pid = await postmasterPid(e);
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50 && alive(pid); i += 1) await new Promise((r) => setTimeout(r, 100));
    // Children of the killed postmaster exit on their own; make the pid file point at nothing.
    await writeFile(join(e.baseDir, 'cluster', 'postmaster.pid'), '999999\n');
    const again = await startEmbeddedPostgres({ dataDir, log });
    cleanups.push(() => again.stop());
    expect(again.reused).toBe(false);
    expect(await query(again, 'select n from survivors')).toEqual([{ n: 42 }]);
  }, 60_000);

  it('places the cluster where the postgres user can reach it when the data dir is private', async () => {
    if (process.getuid?.() !== 0) return; // only root runs PostgreSQL as another OS user
    const dataDir = await tempDataDir(0o700);
    const e = await startEmbeddedPostgres({ dataDir, log });
    cleanups.push(async () => {
      await e.stop();
      await rm(e.baseDir, { recursive: true, force: true });
    });
    expect(e.baseDir.startsWith('/var/lib/rempart/')).toBe(true);
    expect(existsSync(join(dataDir, 'DATABASE-LOCATION.txt'))).toBe(true);
    expect(await query(e, 'select 4 as four')).toEqual([{ four: 4 }]);
  }, 60_000);
});
