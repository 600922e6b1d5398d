// The re-check fetcher never reaches a blocked address: not as the first URL, not after a
// redirect, not through a DNS name that resolves to one; CAPTURE_ALLOW_HOSTS lets exactly what
// it names through; the connection goes to the address that was checked.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CountingListener, startCountingListener } from '../../../tests/support/capture.js';
import { parseAllowList } from '../../domain/capture/destination.js';
import { createPinnedFetcher } from './pinned-fetch.js';

let blocked: CountingListener;
let server: http.Server;
let origin = '';
let port = 0;
const hostHeaders: string[] = [];

beforeAll(async () => {
  blocked = await startCountingListener('127.0.0.2');
  server = http.createServer((req, res) => {
    hostHeaders.push(String(req.headers.host));
    const path = req.url ?? '/';
    if (path === '/page') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>Bonjour</p>');
    if (path === '/to-page') return res.writeHead(301, { location: '/page' }).end();
    if (path === '/to-blocked') return res.writeHead(302, { location: `http://127.0.0.2:${blocked.port}/secret` }).end();
    if (path === '/to-blocked-name') return res.writeHead(302, { location: `http://intranet.test:${blocked.port}/secret` }).end();
    if (path === '/to-file') return res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (path === '/loop') return res.writeHead(302, { location: '/loop' }).end();
    if (path === '/gzip')
      return res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(zlib.gzipSync('<p>compressé</p>'));
    if (path === '/big') return res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(10_000));
    if (path === '/slow') return setTimeout(() => res.end('late'), 2_000);
    return res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((ok) => server.close(() => ok()));
  await blocked.close();
});

const allow127001 = parseAllowList('127.0.0.1');
// A resolver standing in for DNS: names that answer a loopback address.
const resolve = async (host: string) => {
  if (host === 'intranet.test') return ['127.0.0.2'];
  if (host === 'site.test') return ['127.0.0.1'];
  if (host === 'rebind.test') return ['127.0.0.1', '127.0.0.2'];
  throw new Error(`ENOTFOUND ${host}`);
};
const fetcher = (options: Partial<Parameters<typeof createPinnedFetcher>[0]> = {}) =>
  createPinnedFetcher({ allow: allow127001, resolve, timeoutMs: 1000, ...options });

describe('re-check fetcher under the private-network rule', () => {
  it('fetches an allowed address and hashes the body', async () => {
    const out = await fetcher().fetch(`${origin}/page`);
    expect(out).toMatchObject({
      kind: 'response',
      status: 200,
      finalUrl: `${origin}/page`,
      redirects: [],
      address: '127.0.0.1',
      truncated: false,
    });
    if (out.kind !== 'response') throw new Error('expected a response');
    expect(out.body.toString()).toBe('<p>Bonjour</p>');
    expect(out.sha256).toBe(createHash('sha256').update('<p>Bonjour</p>').digest('hex'));
  });

  it('follows redirects by hand, recording each hop', async () => {
    expect(await fetcher().fetch(`${origin}/to-page`)).toMatchObject({
      kind: 'response',
      status: 200,
      finalUrl: `${origin}/page`,
      redirects: [`${origin}/to-page`],
    });
  });

  it('refuses a redirect to a blocked address: 0 connections reach it', async () => {
    const out = await fetcher().fetch(`${origin}/to-blocked`);
    expect(out).toMatchObject({
      kind: 'failed',
      reason: 'destination_blocked',
      url: `http://127.0.0.2:${blocked.port}/secret`,
      redirects: [`${origin}/to-blocked`],
    });
    expect(blocked.hits()).toBe(0);
  });

  it('refuses a redirect to a name that resolves to a blocked address, and a name with one blocked address among others', async () => {
    expect(await fetcher().fetch(`${origin}/to-blocked-name`)).toMatchObject({ kind: 'failed', reason: 'destination_blocked' });
    expect(await fetcher().fetch(`http://rebind.test:${blocked.port}/`)).toMatchObject({ kind: 'failed', reason: 'destination_blocked' });
    expect(blocked.hits()).toBe(0);
  });

  it('refuses a blocked first URL and every address without CAPTURE_ALLOW_HOSTS', async () => {
    expect(await fetcher().fetch(`http://127.0.0.2:${blocked.port}/`)).toMatchObject({ kind: 'failed', reason: 'destination_blocked' });
    expect(await fetcher({ allow: parseAllowList(undefined) }).fetch(`${origin}/page`)).toMatchObject({
      kind: 'failed',
      reason: 'destination_blocked',
    });
    expect(await fetcher({ allow: parseAllowList(undefined) }).fetch('http://[::1]:9/')).toMatchObject({
      kind: 'failed',
      reason: 'destination_blocked',
    });
    expect(await fetcher({ allow: parseAllowList(undefined) }).fetch('http://169.254.169.254/latest/meta-data/')).toMatchObject({
      kind: 'failed',
      reason: 'destination_blocked',
    });
    expect(blocked.hits()).toBe(0);
  });

  it('refuses non-http schemes, also after a redirect', async () => {
    expect(await fetcher().fetch('file:///etc/passwd')).toMatchObject({ kind: 'failed', reason: 'destination_blocked' });
    expect(await fetcher().fetch(`${origin}/to-file`)).toMatchObject({ kind: 'failed', reason: 'destination_blocked' });
  });

  it('connects to the checked address while sending the real host name (pinned lookup)', async () => {
    hostHeaders.length = 0;
    // site.test does not exist in DNS: only the pinned lookup can reach 127.0.0.1 with it.
    const out = await fetcher({ allow: parseAllowList('site.test') }).fetch(`http://site.test:${port}/page`);
    expect(out).toMatchObject({ kind: 'response', status: 200, address: '127.0.0.1' });
    expect(hostHeaders).toEqual([`site.test:${port}`]);
  });

  it('stops on redirect loops, timeouts and oversized bodies', async () => {
    expect(await fetcher().fetch(`${origin}/loop`)).toMatchObject({ kind: 'failed', reason: 'too_many_redirects' });
    expect(await fetcher({ timeoutMs: 100 }).fetch(`${origin}/slow`)).toMatchObject({ kind: 'failed', reason: 'timeout' });
    const big = await fetcher({ maxBytes: 1000 }).fetch(`${origin}/big`);
    expect(big).toMatchObject({ kind: 'response', truncated: true });
    if (big.kind === 'response') expect(big.body.length).toBe(1000);
  });

  it('decodes a gzip body', async () => {
    const out = await fetcher().fetch(`${origin}/gzip`);
    if (out.kind !== 'response') throw new Error('expected a response');
    expect(out.body.toString()).toBe('<p>compressé</p>');
  });

  it('reports an unknown name as a network error', async () => {
    expect(await fetcher().fetch('http://nowhere.test/')).toMatchObject({ kind: 'failed', reason: 'network_error' });
  });
});
