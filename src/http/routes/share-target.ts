// POST /partager: the installed phone app's Web Share Target (web/public/manifest.webmanifest,
// `share_target`). The service worker (web/src/sw/sw.ts) normally answers it on the device and
// keeps the shared link, text and files there. When no worker handled it (first share before the
// worker started, site data cleared), this route must not answer 404: it reads the title, text
// and link, drops the files unread (nothing is stored, nothing is logged: the person is not even
// known here) and redirects to the report form with the text in the URL FRAGMENT — never sent to
// a server, so never in access logs — and the number of files that were not received, so the
// form can ask to attach them again.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { App } from './index.js';

const MAX_FIELD = 8192;
const fields = ['title', 'text', 'url'] as const;
type Shared = Partial<Record<(typeof fields)[number], string>> & { files: number };

function keep(shared: Shared, name: string, value: unknown) {
  if (typeof value !== 'string' || !(fields as readonly string[]).includes(name)) return;
  const trimmed = value.trim().slice(0, MAX_FIELD);
  if (trimmed) shared[name as (typeof fields)[number]] = trimmed;
}

async function readShared(request: FastifyRequest): Promise<Shared> {
  const shared: Shared = { files: 0 };
  if (request.isMultipart()) {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        // Read and thrown away: this route keeps nothing.
        let bytes = 0;
        for await (const chunk of part.file) bytes += (chunk as Buffer).length;
        if (part.filename || bytes > 0) shared.files += 1;
      } else keep(shared, part.fieldname, part.value);
    }
  } else if (request.body && typeof request.body === 'object') {
    for (const [name, value] of Object.entries(request.body as Record<string, unknown>)) keep(shared, name, value);
  }
  return shared;
}

export async function shareTargetRoutes(app: App): Promise<void> {
  if (!app.hasContentTypeParser('multipart/form-data')) {
    await app.register(fastifyMultipart, { limits: { files: 20, fields: 10, fieldSize: MAX_FIELD, parts: 40, headerPairs: 200 } });
  }
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 65_536 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.post('/partager', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    // Another site may not fill someone's report form: only the browser itself (the share
    // sheet: Sec-Fetch-Site none) or the app's own pages get the shared text carried over.
    const site = request.headers['sec-fetch-site'];
    const trusted = site === undefined || site === 'none' || site === 'same-origin';
    let shared: Shared = { files: 0 };
    try {
      shared = await readShared(request);
    } catch {
      // A broken or oversized body: open the form anyway, empty.
    }
    if (!trusted) return reply.redirect('/signaler', 303);
    const fragment = new URLSearchParams();
    for (const name of fields) if (shared[name]) fragment.set(name, shared[name]);
    if (shared.files > 0) fragment.set('files', String(shared.files));
    const hash = fragment.toString();
    return reply.redirect(`/signaler?partage=direct${hash ? `#${hash}` : ''}`, 303);
  });
}
