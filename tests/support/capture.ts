// Capture test support: the fixture web server on 127.0.0.1 (pages in tests/fixtures/pages/,
// images made with sharp, redirects, a slow page, a 404), listeners on other loopback addresses
// that COUNT every connection they receive (the private-network rule must keep them at 0), and
// a disabled capturer for test apps that do not exercise captures.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type net from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { CaptureError, type Capturer } from '../../src/app/evidence/capture-ports.js';

const pagesDir = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));

export interface CountingListener {
  host: string;
  port: number;
  /** TCP connections received (any byte that reached it counts). */
  hits(): number;
  close(): Promise<void>;
}

export async function startCountingListener(host: string): Promise<CountingListener> {
  let hits = 0;
  const server = http.createServer((_req, res) => res.end('private'));
  server.on('connection', () => {
    hits += 1;
  });
  server.on('upgrade', (_req, socket: net.Socket) => socket.destroy());
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, host, () => ok());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    host,
    port: address.port,
    hits: () => hits,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export interface FixtureServer {
  port: number;
  origin: string;
  url(path: string): string;
  /** Paths requested so far (to assert lazy content was fetched). */
  requested: string[];
  blocked: { first: CountingListener; redirect: CountingListener; image: CountingListener; websocket: CountingListener };
  close(): Promise<void>;
}

async function png(width: number, height: number, rgb: { r: number; g: number; b: number }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: rgb } })
    .png()
    .toBuffer();
}

export async function startFixtureServer(options: { slowMs?: number | (() => number) } = {}): Promise<FixtureServer> {
  const slow = () => (typeof options.slowMs === 'function' ? options.slowMs() : (options.slowMs ?? 20_000));
  const [first, redirect, image, websocket] = await Promise.all(
    ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'].map(startCountingListener),
  );
  if (!first || !redirect || !image || !websocket) throw new Error('listeners');
  const images: Record<string, Buffer> = {
    'photo-1.png': await png(320, 180, { r: 200, g: 60, b: 60 }),
    'photo-2.png': await png(320, 180, { r: 60, g: 120, b: 200 }),
    'lazy.png': await png(320, 180, { r: 60, g: 180, b: 90 }),
    'native-lazy.png': await png(320, 180, { r: 230, g: 180, b: 40 }),
    'print-only.png': await png(320, 180, { r: 120, g: 40, b: 160 }),
  };
  const fill = (text: string) => text.replaceAll('{{PORT4}}', String(image.port)).replaceAll('{{PORT5}}', String(websocket.port));
  const requested: string[] = [];
  const types: Record<string, string> = { html: 'text/html; charset=utf-8', css: 'text/css', js: 'text/javascript' };
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requested.push(path);
    void (async () => {
      if (path === '/redirect-to-article') return res.writeHead(302, { location: '/article.html' }).end();
      if (path === '/redirect-blocked') return res.writeHead(302, { location: `http://127.0.0.3:${redirect.port}/private` }).end();
      if (path === '/slow') {
        await new Promise((r) => setTimeout(r, slow()));
        return res.writeHead(200, { 'content-type': 'text/html' }).end('<title>lent</title><p>enfin</p>');
      }
      if (path === '/api/comments.json') {
        return res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify([
            { author: 'Parent A', text: 'Commentaire chargé plus tard.' },
            { author: 'Parent B', text: 'Un autre.' },
          ]),
        );
      }
      if (path.startsWith('/img/')) {
        const bytes = images[path.slice(5)];
        if (!bytes) return res.writeHead(404).end();
        return res.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length }).end(bytes);
      }
      if (path === '/missing') {
        return res.writeHead(404, { 'content-type': types.html }).end(await readFile(join(pagesDir, 'missing.html')));
      }
      const name = path === '/' ? 'article.html' : path.slice(1);
      if (!/^[a-z0-9-]+\.(html|css|js)$/.test(name)) return res.writeHead(404).end();
      try {
        const text = fill(await readFile(join(pagesDir, name), 'utf8'));
        const ext = name.split('.').pop() ?? 'html';
        return res.writeHead(200, { 'content-type': types[ext] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(text);
      } catch {
        return res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    port: address.port,
    origin,
    url: (p: string) => `${origin}${p}`,
    requested,
    blocked: { first, redirect, image, websocket },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await Promise.all([first, redirect, image, websocket].map((l) => l.close()));
    },
  };
}

/** For test apps that do not exercise captures: every capture fails at once, no browser. */
export const disabledCapturer: Capturer = {
  async checkDestination() {
    return { ok: true };
  },
  async capture() {
    throw new CaptureError('browser_unavailable', 'captures are disabled in this test app', false);
  },
  async status() {
    return { found: false, executablePath: null, version: null, running: false, sandbox: true, user: null, error: 'disabled in tests' };
  },
  async close() {},
};
