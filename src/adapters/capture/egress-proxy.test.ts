// The egress proxy on its own, with an injectable resolver: pinning against DNS rebinding, the
// any-address rule, DNS failures, tunnels, and the deny-all mode. 127.0.0.1 stands for a
// public address (it is the only allowed one); 127.0.0.6 is the private target of the attack.
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../domain/capture/destination.js';
import { PROXY_ERROR_HEADER, REFUSED_HEADER, startEgressProxy } from './egress-proxy.js';

interface Listener {
  port: number;
  hits: number;
  server: http.Server;
}

async function listen(host: string, port: number, body: string): Promise<Listener> {
  const l: Listener = { port, hits: 0, server: http.createServer((_req, res) => res.end(body)) };
  l.server.on('connection', () => {
    l.hits += 1;
  });
  await new Promise<void>((ok) => l.server.listen(port, host, () => ok()));
  l.port = (l.server.address() as net.AddressInfo).port;
  return l;
}

function viaProxy(proxyPort: number, url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((ok, fail) => {
    const u = new URL(url);
    const req = http.request({ host: '127.0.0.1', port: proxyPort, path: url, headers: { host: u.host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

function tunnel(proxyPort: number, authority: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = http.request({ host: '127.0.0.1', port: proxyPort, method: 'CONNECT', path: authority });
    req.on('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        return ok({ status: res.statusCode ?? 0, body: '' });
      }
      let body = '';
      socket.on('data', (c: Buffer) => {
        body += c.toString();
      });
      socket.on('end', () => ok({ status: 200, body }));
      socket.write(`GET / HTTP/1.1\r\nHost: ${authority}\r\nConnection: close\r\n\r\n`);
    });
    req.on('error', fail);
    req.end();
  });
}

let pub: Listener;
let priv: Listener;
const allow = parseAllowList('127.0.0.1');

beforeAll(async () => {
  pub = await listen('127.0.0.1', 0, 'public');
  priv = await listen('127.0.0.6', pub.port, 'private');
});
afterAll(async () => {
  await new Promise((r) => pub.server.close(r));
  await new Promise((r) => priv.server.close(r));
});

describe('egress proxy', () => {
  it('pins the first checked answer: a rebinding DNS never gets its private address used', async () => {
    let calls = 0;
    const proxy = await startEgressProxy({
      allow,
      resolve: async () => {
        calls += 1;
        return calls === 1 ? ['127.0.0.1'] : ['127.0.0.6'];
      },
    });
    try {
      for (let i = 0; i < 3; i += 1) {
        const r = await viaProxy(proxy.port, `http://rebind.test:${pub.port}/page-${i}`);
        expect(r).toMatchObject({ status: 200, body: 'public' });
      }
      expect(await tunnel(proxy.port, `rebind.test:${pub.port}`)).toMatchObject({ status: 200 });
      expect(calls).toBe(1);
      expect(priv.hits).toBe(0);
      expect(proxy.records.map((r) => r.ip)).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1']);
      expect(proxy.records[0]).toMatchObject({ kind: 'http', host: 'rebind.test', outcome: 'ok', status: 200 });
      expect(proxy.pins()).toEqual({ 'rebind.test': { allowed: true, addresses: ['127.0.0.1'] } });
    } finally {
      await proxy.close();
    }
  });

  it('refuses a host when ANY of its addresses is private, and says why', async () => {
    const proxy = await startEgressProxy({ allow, resolve: async () => ['127.0.0.1', '127.0.0.6'] });
    try {
      const r = await viaProxy(proxy.port, `http://mixed.test:${pub.port}/`);
      expect(r.status).toBe(403);
      expect(r.headers[REFUSED_HEADER]).toContain('127.0.0.6 (loopback)');
      expect(await tunnel(proxy.port, `mixed.test:${pub.port}`)).toMatchObject({ status: 403 });
      expect(proxy.records.every((x) => x.outcome === 'refused' && x.ip === null)).toBe(true);
      expect(priv.hits).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('refuses address literals in every spelling, and IPv6 forms of private addresses', async () => {
    const before = pub.hits;
    const proxy = await startEgressProxy({ allow, resolve: async () => [] });
    try {
      for (const url of [
        `http://127.0.0.6:${pub.port}/`,
        `http://[::ffff:127.0.0.6]:${pub.port}/`,
        `http://[::1]:${pub.port}/`,
        'http://169.254.169.254/latest/meta-data/',
        'http://[fd00::1]/',
      ]) {
        expect((await viaProxy(proxy.port, url)).status, url).toBe(403);
      }
      expect(await tunnel(proxy.port, `[::ffff:7f00:6]:${pub.port}`)).toMatchObject({ status: 403 });
      expect(priv.hits).toBe(0);
      expect(pub.hits).toBe(before);
    } finally {
      await proxy.close();
    }
  });

  it('answers a DNS failure with a marked 502, recorded as an error', async () => {
    const proxy = await startEgressProxy({
      allow,
      resolve: async () => {
        throw new Error('ENOTFOUND nowhere.test');
      },
    });
    try {
      const r = await viaProxy(proxy.port, 'http://nowhere.test/');
      expect(r.status).toBe(502);
      expect(r.headers[PROXY_ERROR_HEADER]).toContain('ENOTFOUND');
      expect(proxy.records[0]).toMatchObject({ outcome: 'error', ip: null });
    } finally {
      await proxy.close();
    }
  });

  it('refuses everything in deny-all mode (the browser-wide proxy)', async () => {
    const before = pub.hits;
    const proxy = await startEgressProxy({ allow, denyAll: true });
    try {
      expect((await viaProxy(proxy.port, `http://127.0.0.1:${pub.port}/`)).status).toBe(403);
      expect(await tunnel(proxy.port, `127.0.0.1:${pub.port}`)).toMatchObject({ status: 403 });
      expect(pub.hits).toBe(before);
    } finally {
      await proxy.close();
    }
  });
});
