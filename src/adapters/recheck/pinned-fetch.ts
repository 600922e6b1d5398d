// The removal re-check's page fetcher, under the capture's private-network rule (DESIGN.md §7;
// src/domain/capture/destination.ts): for every hop it resolves the host ITSELF, refuses the
// hop unless every address is public (or CAPTURE_ALLOW_HOSTS lets it), then connects to one
// of the very addresses it checked — the socket's `lookup` returns the checked address, so a
// DNS answer that changes between check and connect (rebinding) is never used. Redirects are
// followed by hand, each new hop checked the same way. Never throws: failures are outcomes.
import { createHash } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { PageFetcher, PageFetchOutcome } from '../../app/rechecks/ports.js';
import { type AllowList, checkCaptureUrl, decideDestination } from '../../domain/capture/destination.js';
import { isIpLiteral } from '../../domain/capture/ip-ranges.js';
import { type Resolver, systemResolver } from '../capture/egress-proxy.js';

export interface PinnedFetcherOptions {
  allow: AllowList;
  resolve?: Resolver;
  /** For the whole fetch, redirects included. */
  timeoutMs: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
}

export const RECHECK_MAX_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 10;
const DEFAULT_UA = 'Mozilla/5.0 (compatible; Rempart-Recheck/0.1; removal re-check of a reported page)';

/** A `lookup` that answers with the checked address whatever name is asked. */
function pinnedLookup(address: string): LookupFunction {
  const family = address.includes(':') ? 6 : 4;
  return (_host, options, callback) => {
    if (options.all) callback(null, [{ address, family } satisfies LookupAddress]);
    else callback(null, address, family);
  };
}

interface Hop {
  status: number;
  headers: http.IncomingHttpHeaders;
  stream: http.IncomingMessage;
}

function request(url: URL, address: string, signal: AbortSignal, userAgent: string): Promise<Hop> {
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      {
        protocol: url.protocol,
        // The real host name: the Host header, TLS SNI and certificate check use it; the socket
        // goes to `address` through the pinned lookup.
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        agent: false,
        lookup: pinnedLookup(address),
        signal,
        headers: {
          'user-agent': userAgent,
          accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
          'accept-language': 'fr-CA,fr;q=0.9,en;q=0.8',
          'accept-encoding': 'gzip, deflate, br',
        },
      },
      (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, stream: res }),
    );
    req.on('error', reject);
    req.end();
  });
}

async function readBody(hop: Hop, maxBytes: number): Promise<{ body: Buffer; truncated: boolean }> {
  const encoding = String(hop.headers['content-encoding'] ?? '').toLowerCase();
  let stream: Readable = hop.stream;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = hop.stream.pipe(zlib.createGunzip());
  else if (encoding === 'deflate') stream = hop.stream.pipe(zlib.createInflate());
  else if (encoding === 'br') stream = hop.stream.pipe(zlib.createBrotliDecompress());
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      if (size + buf.length > maxBytes) {
        chunks.push(buf.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        break;
      }
      chunks.push(buf);
      size += buf.length;
    }
  } finally {
    if (truncated) hop.stream.destroy();
  }
  return { body: Buffer.concat(chunks), truncated };
}

export function createPinnedFetcher(options: PinnedFetcherOptions): PageFetcher {
  const resolve = options.resolve ?? systemResolver;
  const maxBytes = options.maxBytes ?? RECHECK_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const userAgent = options.userAgent ?? DEFAULT_UA;

  return {
    async fetch(startUrl: string): Promise<PageFetchOutcome> {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), options.timeoutMs);
      const redirects: string[] = [];
      let current = startUrl;
      const failed = (reason: Extract<PageFetchOutcome, { kind: 'failed' }>['reason'], detail: string): PageFetchOutcome => ({
        kind: 'failed',
        reason,
        url: current,
        redirects: [...redirects],
        detail: detail.slice(0, 300),
      });
      try {
        for (;;) {
          const checked = checkCaptureUrl(current);
          if (!checked.ok)
            return failed(checked.reason === 'invalid_url' ? 'invalid_url' : 'destination_blocked', `${checked.reason}: ${checked.detail}`);
          let addresses: string[];
          try {
            addresses = isIpLiteral(checked.host) ? [checked.host] : await resolve(checked.host);
          } catch (error) {
            return failed('network_error', `dns: ${(error as Error).message}`);
          }
          const decision = decideDestination(checked.host, addresses, options.allow);
          if (!decision.allowed) {
            return failed(
              'destination_blocked',
              decision.reason === 'no_address' ? 'no address' : decision.refused.map((r) => `${r.address} (${r.range})`).join(', '),
            );
          }
          let hop: Hop | undefined;
          let used = '';
          let lastError: Error = new Error('no address');
          for (const address of decision.addresses) {
            try {
              hop = await request(checked.url, address, controller.signal, userAgent);
              used = address;
              break;
            } catch (error) {
              lastError = error as Error;
              if (controller.signal.aborted) break;
            }
          }
          if (!hop) {
            if (controller.signal.aborted) return failed('timeout', `no answer within ${options.timeoutMs} ms`);
            return failed('network_error', (lastError as NodeJS.ErrnoException).code ?? lastError.message);
          }
          const location = hop.headers.location;
          if (hop.status >= 300 && hop.status < 400 && location) {
            hop.stream.resume();
            if (redirects.length >= maxRedirects) return failed('too_many_redirects', `more than ${maxRedirects} redirects`);
            let next: string;
            try {
              next = new URL(location, checked.url).href;
            } catch {
              return failed('invalid_url', 'bad Location header');
            }
            redirects.push(current);
            current = next;
            continue;
          }
          const { body, truncated } = await readBody(hop, maxBytes);
          const type = hop.headers['content-type'];
          return {
            kind: 'response',
            status: hop.status,
            finalUrl: current,
            redirects,
            contentType: typeof type === 'string' ? type : null,
            body,
            sha256: createHash('sha256').update(body).digest('hex'),
            truncated,
            address: used,
          };
        }
      } catch (error) {
        if (controller.signal.aborted) return failed('timeout', `no answer within ${options.timeoutMs} ms`);
        return failed('network_error', (error as Error).message);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
