// Finding and starting the capture browser: Debian's `chromium` driven by playwright-core.
//
// Captured pages are hostile by assumption, so Chromium keeps its sandbox. Chromium refuses to
// run sandboxed as root, and a browser exploit should not land in a root process anyway: when
// the server runs as root, Chromium runs as the unprivileged system user `rempart-capture`
// (created on demand), through a generated launcher that hands it the profile directory and
// drops to that user with setpriv (same PID, so Playwright's pipe and kill work unchanged).
// `--no-sandbox` is used only with REMPART_CAPTURE_NO_SANDBOX=1 (an explicit, logged opt-in).
// See docs/captures.md for how this was verified.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';

const run = promisify(execFile);

export const CAPTURE_USER = 'rempart-capture';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

/** CHROMIUM_PATH if set (even if missing: the operator asked for it), else the first candidate found. */
export function findChromium(configured: string | undefined): string | undefined {
  const executable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (configured) return executable(configured) ? configured : undefined;
  return CANDIDATES.find(executable);
}

const versions = new Map<string, Promise<string | undefined>>();

/** "Chromium 150.0.7871.100 …" → "150.0.7871.100" (cached per path). */
export function chromiumVersion(path: string): Promise<string | undefined> {
  let v = versions.get(path);
  if (!v) {
    v = run(path, ['--version'], { timeout: 15_000 })
      .then(({ stdout }) => /(\d+\.\d+\.\d+\.\d+)/.exec(stdout)?.[1])
      .catch(() => undefined);
    versions.set(path, v);
  }
  return v;
}

export class BrowserUnavailable extends Error {
  constructor(
    message: string,
    readonly reason: 'not_found' | 'sandbox_unavailable' | 'launch_failed',
  ) {
    super(message);
    this.name = 'BrowserUnavailable';
  }
}

export interface LaunchOptions {
  executablePath: string | undefined;
  /** REMPART_CAPTURE_NO_SANDBOX=1. */
  noSandbox: boolean;
  /** The browser-wide proxy (refuses everything); each capture's context gets its own. */
  defaultProxyPort: number;
  log: {
    warn(obj: object | string, msg?: string): void;
    error(obj: object | string, msg?: string): void;
    info(obj: object | string, msg?: string): void;
  };
}

export interface LaunchedBrowser {
  browser: Browser;
  version: string;
  executablePath: string;
  sandbox: boolean;
  /** The user Chromium runs as. */
  user: string;
  /** A switch on Chromium's command line that names this instance (to find its processes). */
  instanceMarker: string;
  close(): Promise<void>;
}

/** Flags for every capture browser (docs/captures.md, "SSRF"). */
export function hardeningArgs(): string[] {
  return [
    // Nothing resolves names in the browser: every request goes to the proxy by name.
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    '--disable-quic',
    '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-domain-reliability',
    '--disable-sync',
    '--disable-client-side-phishing-detection',
    '--no-first-run',
    '--no-default-browser-check',
    '--no-pings',
    '--metrics-recording-only',
    '--mute-audio',
    '--disable-gpu',
    '--hide-scrollbars',
    '--font-render-hinting=none',
  ];
}

async function captureUserIds(log: LaunchOptions['log']): Promise<{ uid: number; gid: number }> {
  const find = async () => {
    const passwd = await readFile('/etc/passwd', 'utf8');
    const line = passwd.split('\n').find((l) => l.startsWith(`${CAPTURE_USER}:`));
    if (!line) return undefined;
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
  };
  const existing = await find();
  if (existing) return existing;
  log.info({ component: 'capture' }, `creating system user ${CAPTURE_USER} for the capture browser`);
  try {
    await run('useradd', [
      '--system',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      '--user-group',
      CAPTURE_USER,
    ]);
  } catch (error) {
    // Another process may have created it meanwhile.
    if (!(await find()))
      throw new BrowserUnavailable(`cannot create the ${CAPTURE_USER} user: ${(error as Error).message}`, 'launch_failed');
  }
  const created = await find();
  if (!created) throw new BrowserUnavailable(`${CAPTURE_USER} user missing after useradd`, 'launch_failed');
  return created;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

async function whichSetpriv(): Promise<string> {
  for (const p of ['/usr/bin/setpriv', '/bin/setpriv', '/usr/sbin/setpriv']) {
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // next
    }
  }
  throw new BrowserUnavailable('setpriv (util-linux) is needed to run Chromium as an unprivileged user', 'launch_failed');
}

/** Profile and home directories left by a killed process (the browser dies with its pipe). */
export async function removeStaleBrowserDirs(): Promise<number> {
  let removed = 0;
  const dir = tmpdir();
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const m = /^rempart-chromium-(\d+)-/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (error) {
      alive = (error as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (alive) continue;
    await rm(join(dir, name), { recursive: true, force: true });
    removed += 1;
  }
  // Playwright's own profile directories, handed to the capture user by the launcher: a live
  // browser names its profile on its command line; the others are leftovers.
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    const passwd = await readFile('/etc/passwd', 'utf8').catch(() => '');
    const uid = Number(
      passwd
        .split('\n')
        .find((l) => l.startsWith(`${CAPTURE_USER}:`))
        ?.split(':')[2] ?? Number.NaN,
    );
    const profiles = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith('playwright_chromiumdev_profile-'));
    if (Number.isFinite(uid) && profiles.length > 0) {
      const inUse = new Set<string>();
      for (const pid of await readdir('/proc').catch(() => [] as string[])) {
        if (!/^\d+$/.test(pid)) continue;
        const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
        const m = /--user-data-dir=([^\0]+)/.exec(cmd);
        if (m?.[1]) inUse.add(m[1]);
      }
      for (const name of profiles) {
        const full = join(dir, name);
        const st = await stat(full).catch(() => undefined);
        if (!st || st.uid !== uid || inUse.has(full)) continue;
        await rm(full, { recursive: true, force: true });
        removed += 1;
      }
    }
  }
  return removed;
}

export async function launchChromium(options: LaunchOptions): Promise<LaunchedBrowser> {
  const executablePath = options.executablePath;
  if (!executablePath)
    throw new BrowserUnavailable('Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH', 'not_found');
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // Leftovers of a browser whose process was killed (kill -9 of the server or a worker).
  await removeStaleBrowserDirs().catch((error: unknown) =>
    options.log.warn({ component: 'capture', err: String(error) }, 'stale browser directories not removed'),
  );
  // Everything this browser writes lives under one directory named after our PID, so a
  // restart after kill -9 finds and removes it (removeStaleBrowserDirs).
  const runtimeDir = await mkdtemp(join(tmpdir(), `rempart-chromium-${process.pid}-`));
  const home = join(runtimeDir, 'home');
  const instanceMarker = `--rempart-capture-instance=${randomBytes(6).toString('hex')}`;
  let launchPath = executablePath;
  let user = process.env.USER ?? String(process.getuid?.() ?? '');
  await mkdir(home, { mode: 0o700 });
  if (asRoot) {
    const { uid, gid } = await captureUserIds(options.log);
    const setpriv = await whichSetpriv();
    await chmod(runtimeDir, 0o711);
    await chown(home, uid, gid);
    const launcher = join(runtimeDir, 'launch-chromium.sh');
    // Runs as root only long enough to give the profile directory Playwright created to the
    // capture user, then becomes that user (real and effective ids, no supplementary groups).
    await writeFile(
      launcher,
      [
        '#!/bin/sh',
        '# Generated by Rempart (src/adapters/capture/chromium.ts): Chromium as the capture user, sandbox on.',
        'for a in "$@"; do',
        `  case "$a" in --user-data-dir=*) chown -R ${uid}:${gid} -- "\${a#--user-data-dir=}" ;; esac`,
        'done',
        `exec ${shellQuote(setpriv)} --reuid=${uid} --regid=${gid} --clear-groups -- ${shellQuote(executablePath)} "$@"`,
        '',
      ].join('\n'),
      { mode: 0o700 },
    );
    launchPath = launcher;
    user = CAPTURE_USER;
  }
  if (options.noSandbox) {
    options.log.warn(
      { component: 'capture' },
      'REMPART_CAPTURE_NO_SANDBOX=1: Chromium runs WITHOUT its sandbox. Use only for tests or on a kernel where the sandbox cannot run (docs/captures.md).',
    );
  }
  // A minimal environment: no database URL, S3 keys or SMTP password for the browser.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    LANG: 'C.UTF-8',
    TZ: process.env.TZ ?? 'UTC',
  };
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: launchPath,
      headless: true,
      chromiumSandbox: !options.noSandbox,
      args: [...hardeningArgs(), instanceMarker],
      env,
      proxy: { server: `http://127.0.0.1:${options.defaultProxyPort}`, bypass: '<-loopback>' },
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 30_000,
    });
  } catch (error) {
    await rm(runtimeDir, { recursive: true, force: true });
    const message = (error as Error).message;
    if (/No usable sandbox|sandbox/i.test(message) && !options.noSandbox) {
      const text =
        'Chromium cannot start with its sandbox on this machine (no unprivileged user namespaces and no setuid chrome-sandbox). Captures are disabled. Enable user namespaces (sysctl kernel.unprivileged_userns_clone=1) or, knowingly, set REMPART_CAPTURE_NO_SANDBOX=1 (docs/captures.md).';
      options.log.error({ component: 'capture', err: message.split('\n').slice(0, 5).join(' ') }, text);
      throw new BrowserUnavailable(text, 'sandbox_unavailable');
    }
    throw new BrowserUnavailable(`Chromium did not start: ${message.split('\n')[0] ?? message}`, 'launch_failed');
  }
  const version = browser.version();
  options.log.info({ component: 'capture', executablePath, version, sandbox: !options.noSandbox, user }, 'capture browser started');
  return {
    browser,
    version,
    executablePath,
    sandbox: !options.noSandbox,
    user,
    instanceMarker,
    async close() {
      await browser.close().catch(() => undefined);
      await rm(runtimeDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

export interface BrowserProcess {
  pid: number;
  ppid: number;
  uid: number;
  /** Chromium's process type (renderer, gpu-process, utility, zygote) or "browser". */
  type: string;
  /** 2 = seccomp-bpf filter on (the sandbox's system-call filter). */
  seccomp: number;
  userNs: string;
}

/**
 * Linux only: the browser process whose command line carries `marker` and all its descendants,
 * with their user id, seccomp mode and user namespace (how the sandbox is checked in tests).
 */
export async function browserProcessTree(marker: string): Promise<BrowserProcess[]> {
  const all: Array<BrowserProcess & { cmdline: string }> = [];
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const [cmdline, status, statLine] = await Promise.all([
        readFile(`/proc/${name}/cmdline`, 'utf8'),
        readFile(`/proc/${name}/status`, 'utf8'),
        readFile(`/proc/${name}/stat`, 'utf8'),
      ]);
      const text = cmdline.replaceAll('\0', ' ');
      all.push({
        pid: Number(name),
        ppid: Number(statLine.slice(statLine.lastIndexOf(')') + 2).split(' ')[1]),
        uid: Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1),
        type: /--type=(\S+)/.exec(text)?.[1] ?? 'browser',
        seccomp: Number(/^Seccomp:\s+(\d+)/m.exec(status)?.[1] ?? -1),
        userNs: await readlink(`/proc/${name}/ns/user`).catch(() => ''),
        cmdline: text,
      });
    } catch {
      // the process ended meanwhile
    }
  }
  const roots = all.filter((p) => p.cmdline.includes(marker) && p.type === 'browser');
  const tree = new Map<number, BrowserProcess>();
  for (const r of roots) tree.set(r.pid, r);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.set(p.pid, p);
        grew = true;
      }
    }
  }
  return [...tree.values()].map(({ pid, ppid, uid, type, seccomp, userNs }) => ({ pid, ppid, uid, type, seccomp, userNs }));
}
