#!/usr/bin/env node
// `npm start` runs this first (package.json "prestart"): server captures need Chromium
// (docs/captures.md). On Debian as root it installs the `chromium` package when missing;
// otherwise it prints the one command to run and lets Rempart start anyway (captures then fail
// with a clear error and /healthz reports the browser as missing). CHROMIUM_PATH wins.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function found() {
  if (process.env.CHROMIUM_PATH) return executable(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  return candidates.find(executable);
}

const say = (fr, en) => process.stdout.write(`${fr}\n${en}\n`);

const present = found();
if (present) process.exit(0);
if (process.env.CHROMIUM_PATH) {
  say(
    `Rempart : CHROMIUM_PATH=${process.env.CHROMIUM_PATH} n'est pas exécutable ; les captures échoueront.`,
    `Rempart: CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not executable; captures will fail.`,
  );
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
const command = 'apt-get install -y chromium';

if (isRoot && isDebian && process.env.REMPART_SKIP_CHROMIUM_INSTALL !== '1') {
  say(
    'Rempart : installation de Chromium pour les captures (apt-get install -y chromium)…',
    'Rempart: installing Chromium for captures (apt-get install -y chromium)…',
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], {
      stdio: 'inherit',
      env,
    });
    if (r.status === 0 && found()) {
      say('Rempart : Chromium installé.', 'Rempart: Chromium installed.');
      process.exit(0);
    }
  } catch {
    // fall through to the message below
  }
  say(
    `Rempart : l'installation de Chromium a échoué ; les captures échoueront. Essayez : ${command}`,
    `Rempart: installing Chromium failed; captures will fail. Try: ${command}`,
  );
  process.exit(0);
}

const hint = isDebian ? `sudo ${command}` : 'install Chromium (e.g. your distribution\'s "chromium" package) or set CHROMIUM_PATH';
say(
  `Rempart : Chromium est introuvable ; Rempart démarre, mais les captures échoueront. Pour les activer : ${hint}`,
  `Rempart: Chromium not found; Rempart starts, but captures will fail. To enable them: ${hint}`,
);
process.exit(0);
