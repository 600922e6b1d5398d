// A throwaway PostgreSQL server from Debian's binaries (/usr/lib/postgresql/<v>/bin), on a
// loopback TCP port, for the "real server" half of the database tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function findSystemPgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function osUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
    };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return osUser();
  }
}

export interface SystemPgServer {
  url: (database: string) => string;
  stop(): Promise<void>;
}

export async function startSystemPg(): Promise<SystemPgServer> {
  const bin = findSystemPgBin();
  if (!bin) throw new Error('No PostgreSQL server binaries in /usr/lib/postgresql: run `apt-get install -y postgresql` (scripts/test.sh does).');
  const dir = await mkdtemp(join(tmpdir(), 'rempart-pgtest-'));
  const user = osUser();
  await chmod(dir, 0o755);
  if (user) await chown(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const as = user ? { uid: user.uid, gid: user.gid } : {};
  const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'], { ...as, encoding: 'utf8', cwd: '/' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const start = spawnSync(
    join(bin, 'pg_ctl'),
    ['start', '-w', '-D', data, '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`],
    { ...as, encoding: 'utf8', cwd: '/' },
  );
  if (start.status !== 0) throw new Error(`pg_ctl start failed: ${start.stderr}${start.stdout}`);
  return {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async stop() {
      spawnSync(join(bin, 'pg_ctl'), ['stop', '-w', '-m', 'immediate', '-D', data], { ...as, cwd: '/' });
      await rm(dir, { recursive: true, force: true });
    },
  };
}
