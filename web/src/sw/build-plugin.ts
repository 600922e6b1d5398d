// Builds the service worker (sw.ts) after the app: one classic script at web/dist/sw.js — no
// hash, at the root so its scope is the whole app — with the list of the shell's files and a
// hash of their contents written in, so every new build installs a new worker and a new cache.
// Runs from web/vite.config.ts (build only; development has no service worker).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { build, type Plugin } from 'vite';

/** Files of web/dist the worker keeps for offline use: everything but source maps and itself. */
function shellFiles(outDir: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? walk(path) : [path];
    });
  return walk(outDir)
    .map((path) => `/${relative(outDir, path).split(sep).join('/')}`)
    .filter((path) => !path.endsWith('.map') && path !== '/sw.js')
    .sort();
}

export function serviceWorkerPlugin(entry: string): Plugin {
  let outDir = '';
  return {
    name: 'rempart-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      const files = shellFiles(outDir);
      const hash = createHash('sha256');
      for (const file of files) hash.update(file).update(readFileSync(join(outDir, file)));
      await build({
        configFile: false,
        publicDir: false,
        logLevel: 'warn',
        mode: 'production',
        define: {
          __PRECACHE__: JSON.stringify(files),
          __SHELL_VERSION__: JSON.stringify(hash.digest('hex').slice(0, 16)),
          'import.meta.env.PROD': 'true',
        },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          minify: true,
          sourcemap: false,
          lib: { entry, formats: ['iife'], name: 'RempartServiceWorker', fileName: () => 'sw.js' },
        },
      });
    },
  };
}
