// The service worker (/sw.js, built by build-plugin.ts into web/dist without a hash; registered
// by web/src/features/offline/device.ts in production builds). It does three things:
//  1. Offline shell: the app's files (index.html, scripts, styles, icons, manifest) are kept in a
//     versioned cache at install; navigations go to the network first and fall back to the cached
//     index.html; /assets/* (hashed, immutable) come from the cache first. /api is never touched:
//     every API answer is personal, so none is ever cached — the app keeps its own encrypted
//     copies (features/offline/vault.ts) and nothing else.
//  2. Web Share Target (manifest `share_target`): POST /partager from Android's share sheet is
//     answered here — the link, text and files are kept encrypted on the device and the report
//     form opens on /signaler?partage=<id>. (Without this worker the server redirects instead:
//     src/http/routes/share-target.ts.)
//  3. Background Sync (`rempart-envoi`): queued reports are sent when the network returns, even
//     if the app was closed, with the same Idempotency-Keys as every other try.
import { sendPendingFor } from '../features/offline/sender';
import { storeShare } from '../features/offline/share-inbox';

declare const self: ServiceWorkerGlobalScope;
/** Filled in at build time: the files of the shell, and a hash of their contents. */
declare const __PRECACHE__: readonly string[];
declare const __SHELL_VERSION__: string;

const SHELL = `rempart-shell-${__SHELL_VERSION__}`;
const SHELL_PREFIX = 'rempart-shell-';
const precached = new Set(__PRECACHE__);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      await cache.addAll(__PRECACHE__.map((path) => new Request(path, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(SHELL_PREFIX) && name !== SHELL) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

const isApi = (path: string) => path === '/api' || path.startsWith('/api/') || path === '/healthz';

async function shellPage(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    const cached = await caches.match('/index.html', { cacheName: SHELL });
    return cached ?? Response.error();
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: SHELL });
  if (cached) return cached;
  const response = await fetch(request);
  // A chunk of a newer build than this worker's: keep it too (hashed, immutable, not personal).
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    void caches.open(SHELL).then((cache) => cache.put(request, copy));
  }
  return response;
}

async function networkThenCache(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const copy = response.clone();
      void caches.open(SHELL).then((cache) => cache.put(request, copy));
    }
    return response;
  } catch {
    return (await caches.match(request, { cacheName: SHELL })) ?? Response.error();
  }
}

async function receiveShare(request: Request): Promise<Response> {
  const to = (query: string) => Response.redirect(new URL(`/signaler?${query}`, self.location.origin).href, 303);
  // The share sheet opens a top-level page; a frame posting here (another site's hidden iframe)
  // is not a share: keep nothing.
  if (request.mode === 'navigate' && request.destination !== 'document')
    return Response.redirect(new URL('/signaler', self.location.origin).href, 303);
  try {
    const id = await storeShare(await request.formData());
    return to(`partage=${encodeURIComponent(id)}`);
  } catch {
    // Unreadable or unstorable: the form opens and says the shared items could not be kept.
    return to('partage=echec');
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/partager') return event.respondWith(receiveShare(request));
  if (request.method !== 'GET' || isApi(url.pathname)) return;
  if (request.mode === 'navigate') return event.respondWith(shellPage(request));
  if (url.pathname.startsWith('/assets/')) return event.respondWith(cacheFirst(request));
  if (precached.has(url.pathname)) return event.respondWith(networkThenCache(request));
});

/** Sends the queue of whoever is signed in (GET /api/v1/me says who); throws to be retried. */
async function sendFromWorker(): Promise<void> {
  const me = await fetch('/api/v1/me', { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } });
  if (!me.ok) {
    // Signed out: the reports wait for the next sign-in on this device (the page sends them).
    if (me.status === 401) return;
    throw new Error(`me: ${me.status}`);
  }
  const { id } = (await me.json()) as { id: string };
  const result = await sendPendingFor(id);
  if (result.waiting > 0) throw new Error('still waiting');
}

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

self.addEventListener('sync', ((event: SyncEvent) => {
  if (event.tag === 'rempart-envoi') event.waitUntil(sendFromWorker());
}) as EventListener);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'send') event.waitUntil(sendFromWorker().catch(() => undefined));
});
