// The egress proxy: the one way out for Chromium during a capture (DESIGN.md §7). In-page request
// interception misses WebSockets, service workers and WebRTC; a proxy sees every byte that
// leaves the browser. Chromium is started with this proxy for everything, loopback included
// (`<-loopback>`), so the page never resolves a name or opens a socket itself.
//
// For each host the proxy resolves the name ITSELF, refuses if any address is not public
// (domain/capture/destination.ts) unless CAPTURE_ALLOW_HOSTS lets it, and then connects to one
// of the very addresses it checked. The decision is pinned per host for the proxy's lifetime
// (one capture): a DNS answer that changes between check and use (rebinding) is never asked for.
// Every request, tunnel and refusal is recorded with the address really contacted; those
// records go into the capture's `http` artefact.
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import {
  type AllowList,
  type DestinationDecision,
  decideDestination,
  normaliseHost,
  type RefusedAddress,
} from '../../domain/capture/destination.js';
import { isIpLiteral } from '../../domain/capture/ip-ranges.js';

export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) => {
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map((a) => a.address);
};

export interface EgressRecord {
  seq: number;
  /** Wall-clock time the request reached the proxy (ISO). */
  at: string;
  kind: 'http' | 'connect' | 'upgrade';
  /** Absolute URL for plain HTTP; host:port for tunnels (HTTPS, WebSocket over CONNECT). */
  target: string;
  method: string;
  host: string;
  port: number;
  /** The address the proxy connected to (null when refused or failed before connecting). */
  ip: string | null;
  outcome: 'ok' | 'refused' | 'error';
  /** HTTP status of a plain-HTTP response. */
  status?: number;
  reason?: string;
  refusedAddresses?: RefusedAddress[];
  ms?: number;
  bytesIn?: number;
  bytesOut?: number;
}

/** Response headers the proxy adds to its own answers, so the capture can tell them from the site's. */
export const REFUSED_HEADER = 'x-rempart-refused';
export const PROXY_ERROR_HEADER = 'x-rempart-proxy-error';

export interface EgressProxy {
  readonly port: number;
  readonly records: readonly EgressRecord[];
  /** The pinned decision per host (what was resolved and checked). */
  pins(): Record<string, { allowed: boolean; addresses: string[] }>;
  close(): Promise<void>;
}

export interface EgressProxyOptions {
  allow: AllowList;
  resolve?: Resolver;
  connectTimeoutMs?: number;
  resolveTimeoutMs?: number;
  /** Refuse everything (the browser-wide proxy used outside captures). */
  denyAll?: boolean;
}

type Decision =
  | (DestinationDecision & { error?: undefined })
  | { allowed: false; reason: 'dns_error'; refused: RefusedAddress[]; error: string };

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'upgrade',
]);

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function splitHostPort(authority: string, defaultPort: number): { host: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(authority);
  if (!m?.[1]) return undefined;
  const port = m[2] ? Number(m[2]) : defaultPort;
  if (port < 1 || port > 65535) return undefined;
  return { host: normaliseHost(m[1]), port };
}

function refusalPage(target: string, reason: string): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><meta charset="utf-8"><title>Rempart</title><body style="font-family:sans-serif;margin:2em"><h1>Adresse refusée — Address refused</h1><p>Rempart n'a pas contacté cette adresse (réseau privé ou adresse réservée). Rempart did not contact this address (private network or reserved address).</p><p><code>${esc(target)}</code> — ${esc(reason)}</p></body>`;
}

export async function startEgressProxy(options: EgressProxyOptions): Promise<EgressProxy> {
  const resolve = options.resolve ?? systemResolver;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const resolveTimeoutMs = options.resolveTimeoutMs ?? 5_000;
  const records: EgressRecord[] = [];
  const decisions = new Map<string, Promise<Decision>>();
  const settled = new Map<string, Decision>();
  const sockets = new Set<net.Socket>();
  let seq = 0;

  const record = (r: Omit<EgressRecord, 'seq' | 'at'>, at: Date): EgressRecord => {
    const full: EgressRecord = { seq: ++seq, at: at.toISOString(), ...r };
    records.push(full);
    return full;
  };

  const decide = (host: string): Promise<Decision> => {
    if (options.denyAll) return Promise.resolve({ allowed: false, reason: 'blocked_address', refused: [] });
    let pending = decisions.get(host);
    if (!pending) {
      pending = (async (): Promise<Decision> => {
        try {
          const addresses = isIpLiteral(host) ? [host] : await withTimeout(resolve(host), resolveTimeoutMs, 'DNS');
          return decideDestination(host, addresses, options.allow);
        } catch (error) {
          return { allowed: false, reason: 'dns_error', refused: [], error: (error as Error).message };
        }
      })().then((d) => {
        settled.set(host, d);
        return d;
      });
      decisions.set(host, pending);
    }
    return pending;
  };

  /** Connects to the first checked address that answers; never to anything else. */
  const connectPinned = async (addresses: string[], port: number): Promise<net.Socket> => {
    let lastError: Error = new Error('no address');
    for (const ip of addresses) {
      try {
        return await new Promise<net.Socket>((ok, fail) => {
          const s = net.connect({ host: ip, port, family: ip.includes(':') ? 6 : 4 });
          const timer = setTimeout(() => s.destroy(new Error(`connect ${ip}:${port} timed out`)), connectTimeoutMs);
          s.once('connect', () => {
            clearTimeout(timer);
            ok(s);
          });
          s.once('error', (e) => {
            clearTimeout(timer);
            fail(e);
          });
        });
      } catch (error) {
        lastError = error as Error;
      }
    }
    throw lastError;
  };

  const refusalReason = (d: Exclude<Decision, { allowed: true }>): string =>
    d.reason === 'dns_error'
      ? `dns: ${d.error}`
      : d.reason === 'no_address'
        ? 'no address'
        : `blocked: ${d.refused.map((r) => `${r.address} (${r.range}${r.via ? ` via ${r.via}` : ''})`).join(', ')}`;

  const server = http.createServer();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  // Plain HTTP: "GET http://host:port/path HTTP/1.1".
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = Date.now();
    const at = new Date(started);
    let target: URL;
    try {
      target = new URL(req.url ?? '');
      if (target.protocol !== 'http:') throw new Error('not http');
    } catch {
      record(
        {
          kind: 'http',
          target: String(req.url),
          method: req.method ?? 'GET',
          host: '',
          port: 0,
          ip: null,
          outcome: 'refused',
          reason: 'not an absolute http URL',
        },
        at,
      );
      res.writeHead(400, { [REFUSED_HEADER]: 'bad-request', 'content-type': 'text/plain' }).end('bad request');
      return;
    }
    const host = normaliseHost(target.hostname);
    const port = target.port ? Number(target.port) : 80;
    void decide(host).then(async (d) => {
      if (!d.allowed) {
        const reason = refusalReason(d);
        const kind = d.reason === 'dns_error' ? 'error' : 'refused';
        record(
          {
            kind: 'http',
            target: target.href,
            method: req.method ?? 'GET',
            host,
            port,
            ip: null,
            outcome: kind,
            reason,
            refusedAddresses: d.refused,
            ms: Date.now() - started,
          },
          at,
        );
        const header = kind === 'refused' ? REFUSED_HEADER : PROXY_ERROR_HEADER;
        res.writeHead(kind === 'refused' ? 403 : 502, {
          [header]: reason.slice(0, 200).replace(/[^\x20-\x7e]/g, '?'),
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end(refusalPage(target.href, reason));
        req.resume();
        return;
      }
      let socket: net.Socket;
      try {
        socket = await connectPinned(d.addresses, port);
      } catch (error) {
        const reason = `connect: ${(error as Error).message}`;
        record(
          {
            kind: 'http',
            target: target.href,
            method: req.method ?? 'GET',
            host,
            port,
            ip: null,
            outcome: 'error',
            reason,
            ms: Date.now() - started,
          },
          at,
        );
        res
          .writeHead(502, { [PROXY_ERROR_HEADER]: reason.slice(0, 200).replace(/[^\x20-\x7e]/g, '?'), 'content-type': 'text/plain' })
          .end('unreachable');
        req.resume();
        return;
      }
      const ip = socket.remoteAddress ?? null;
      const headers: string[] = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i] ?? '';
        if (HOP_BY_HOP.has(name.toLowerCase())) continue;
        headers.push(name, req.rawHeaders[i + 1] ?? '');
      }
      const upstream = http.request({
        createConnection: () => socket,
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers,
        setHost: false,
      });
      const rec = record({ kind: 'http', target: target.href, method: req.method ?? 'GET', host, port, ip, outcome: 'ok' }, at);
      upstream.on('response', (up) => {
        rec.status = up.statusCode;
        const out: string[] = [];
        for (let i = 0; i + 1 < up.rawHeaders.length; i += 2) {
          const name = up.rawHeaders[i] ?? '';
          if (HOP_BY_HOP.has(name.toLowerCase())) continue;
          out.push(name, up.rawHeaders[i + 1] ?? '');
        }
        res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
        let bytes = 0;
        up.on('data', (c: Buffer) => {
          bytes += c.length;
        });
        up.pipe(res);
        up.on('end', () => {
          rec.bytesIn = bytes;
          rec.ms = Date.now() - started;
        });
      });
      upstream.on('error', (error) => {
        rec.outcome = 'error';
        rec.reason = error.message;
        rec.ms = Date.now() - started;
        if (!res.headersSent) res.writeHead(502, { [PROXY_ERROR_HEADER]: 'upstream', 'content-type': 'text/plain' }).end('upstream error');
        else res.destroy();
      });
      req.pipe(upstream);
    });
  });

  const tunnel = (
    kind: 'connect' | 'upgrade',
    req: http.IncomingMessage,
    client: Duplex,
    head: Buffer,
    host: string,
    port: number,
    target: string,
    prelude?: Buffer,
  ) => {
    const started = Date.now();
    const at = new Date(started);
    client.on('error', () => undefined);
    void decide(host).then(async (d) => {
      if (!d.allowed) {
        const reason = refusalReason(d);
        record(
          {
            kind,
            target,
            method: req.method ?? 'CONNECT',
            host,
            port,
            ip: null,
            outcome: d.reason === 'dns_error' ? 'error' : 'refused',
            reason,
            refusedAddresses: d.refused,
            ms: Date.now() - started,
          },
          at,
        );
        client.end(
          `HTTP/1.1 ${d.reason === 'dns_error' ? '502 Bad Gateway' : '403 Forbidden'}\r\n${REFUSED_HEADER}: ${reason.slice(0, 200).replace(/[^\x20-\x7e]/g, '?')}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
        );
        return;
      }
      let socket: net.Socket;
      try {
        socket = await connectPinned(d.addresses, port);
      } catch (error) {
        record(
          {
            kind,
            target,
            method: req.method ?? 'CONNECT',
            host,
            port,
            ip: null,
            outcome: 'error',
            reason: `connect: ${(error as Error).message}`,
            ms: Date.now() - started,
          },
          at,
        );
        client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      const rec = record(
        {
          kind,
          target,
          method: req.method ?? 'CONNECT',
          host,
          port,
          ip: socket.remoteAddress ?? null,
          outcome: 'ok',
          bytesIn: 0,
          bytesOut: 0,
        },
        at,
      );
      socket.on('data', (c: Buffer) => {
        rec.bytesIn = (rec.bytesIn ?? 0) + c.length;
      });
      client.on('data', (c: Buffer) => {
        rec.bytesOut = (rec.bytesOut ?? 0) + c.length;
      });
      socket.on('error', () => client.destroy());
      client.on('close', () => {
        rec.ms = Date.now() - started;
        socket.destroy();
      });
      if (kind === 'connect') client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (prelude) socket.write(prelude);
      if (head.length > 0) socket.write(head);
      socket.pipe(client);
      client.pipe(socket);
    });
  };

  // HTTPS and WebSockets: "CONNECT host:443".
  server.on('connect', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    const hp = splitHostPort(req.url ?? '', 443);
    if (!hp) {
      record(
        {
          kind: 'connect',
          target: String(req.url),
          method: 'CONNECT',
          host: '',
          port: 0,
          ip: null,
          outcome: 'refused',
          reason: 'bad authority',
        },
        new Date(),
      );
      client.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    tunnel('connect', req, client, head, hp.host, hp.port, `${hp.host.includes(':') ? `[${hp.host}]` : hp.host}:${hp.port}`);
  });

  // A WebSocket sent to the proxy in absolute form ("GET ws://…" with Upgrade), should a client do so.
  server.on('upgrade', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
      if (target.protocol !== 'http:' && target.protocol !== 'ws:') throw new Error('scheme');
    } catch {
      record(
        {
          kind: 'upgrade',
          target: String(req.url),
          method: req.method ?? 'GET',
          host: '',
          port: 0,
          ip: null,
          outcome: 'refused',
          reason: 'not an absolute URL',
        },
        new Date(),
      );
      client.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const lines = [`${req.method ?? 'GET'} ${target.pathname}${target.search} HTTP/1.1`];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i] ?? '';
      if (name.toLowerCase().startsWith('proxy-')) continue;
      lines.push(`${name}: ${req.rawHeaders[i + 1] ?? ''}`);
    }
    const prelude = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`);
    tunnel('upgrade', req, client, head, normaliseHost(target.hostname), target.port ? Number(target.port) : 80, target.href, prelude);
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('egress proxy: no port');

  return {
    port: address.port,
    records,
    pins() {
      const out: Record<string, { allowed: boolean; addresses: string[] }> = {};
      for (const [host, d] of settled)
        out[host] = { allowed: d.allowed, addresses: d.allowed ? d.addresses : d.refused.map((r) => r.address) };
      return out;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
