// The browser extension, served by Rempart itself so a board can force-install it on every staff
// browser by policy (Chrome/Edge ExtensionInstallForcelist "<id>;<PUBLIC_URL>/extension/updates.xml",
// docs/extension.md): the update manifest (gupdate XML) names the extension id, its version and
// where the signed CRX is; both come from what `npm run build:extension` wrote (build.json).
// Public: the browser fetches them without any session.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { App, RouteDeps } from './index.js';

export interface ExtensionBuildInfo {
  id: string;
  version: string;
  crx: string;
}

const buildInfoSchema = z.object({
  id: z.string().regex(/^[a-p]{32}$/),
  version: z.string().regex(/^\d+(\.\d+){0,3}$/),
  crx: z.string().regex(/^[\w.-]+\.crx$/),
});

async function readBuildInfo(dir: string): Promise<ExtensionBuildInfo | undefined> {
  try {
    const parsed = buildInfoSchema.safeParse(JSON.parse(await readFile(join(dir, 'build.json'), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');

/** The Omaha/gupdate answer Chrome and Edge expect from an extension's update URL. */
export function updateManifestXml(info: ExtensionBuildInfo, codebase: string): string {
  return (
    "<?xml version='1.0' encoding='UTF-8'?>\n" +
    "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>\n" +
    `  <app appid='${xmlEscape(info.id)}'>\n` +
    `    <updatecheck codebase='${xmlEscape(codebase)}' version='${xmlEscape(info.version)}' />\n` +
    '  </app>\n' +
    '</gupdate>\n'
  );
}

const notBuilt = 'Extension not built: run `npm run build:extension`.\nExtension non construite : lancez « npm run build:extension ».\n';

export function extensionRoutes(app: App, { ctx }: RouteDeps): void {
  const dir = ctx.config.extensionDir;

  app.get(
    '/extension/updates.xml',
    {
      config: { auth: 'public' },
      exposeHeadRoute: false,
      schema: { tags: ['extension'], summary: 'Update manifest (gupdate XML) for force-installing the browser extension by policy' },
    },
    async (_request, reply) => {
      const info = await readBuildInfo(dir);
      if (!info) return reply.status(404).type('text/plain; charset=utf-8').send(notBuilt);
      return reply
        .type('application/xml; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(updateManifestXml(info, `${ctx.config.publicUrl}/extension/rempart.crx`));
    },
  );

  app.get(
    '/extension/rempart.crx',
    {
      config: { auth: 'public' },
      exposeHeadRoute: false,
      schema: { tags: ['extension'], summary: 'The signed browser extension (CRX3)' },
    },
    async (_request, reply) => {
      const info = await readBuildInfo(dir);
      const path = info ? join(dir, info.crx) : undefined;
      const size = path
        ? await stat(path).then(
            (s) => s.size,
            () => undefined,
          )
        : undefined;
      if (!path || size === undefined || !info) return reply.status(404).type('text/plain; charset=utf-8').send(notBuilt);
      return reply
        .type('application/x-chrome-extension')
        .header('content-length', String(size))
        .header('content-disposition', `attachment; filename="rempart-${info.version}.crx"`)
        .header('cache-control', 'no-cache')
        .send(createReadStream(path));
    },
  );
}
