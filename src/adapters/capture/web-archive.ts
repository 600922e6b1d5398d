// The `wacz` artefact: every request and response the browser made during the capture (the main
// document, redirects and every sub-resource), written as WARC/1.1 request + response records
// with warcio (SHA-256 block and payload digests, the address the proxy really connected to in
// WARC-IP-Address), then packaged by @harvard-lil/js-wacz (CDXJ index, pages.jsonl,
// datapackage.json with each file's hash). ReplayWeb.page opens the result.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { once } from 'node:events';
import { WACZ } from '@harvard-lil/js-wacz';
import { CDXIndexer, WARCRecord, WARCSerializer } from 'warcio';
import { archivedResponseHeaders, requestLine } from '../../domain/capture/capture-report.js';

export interface RecordedExchange {
  url: string;
  method: string;
  requestHeaders: Array<{ name: string; value: string }>;
  requestBody: Buffer | null;
  status: number;
  statusText: string;
  responseHeaders: Array<{ name: string; value: string }>;
  body: Buffer;
  /** When the request was sent. */
  date: Date;
  ip: string | null;
}

const WARC_VERSION = 'WARC/1.1';

async function* once_(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Writes a WARC (one gzip member per record) whose first record is the warcinfo. */
export async function writeWarc(
  path: string,
  exchanges: readonly RecordedExchange[],
  info: { software: string; browser: string },
): Promise<number> {
  const out = createWriteStream(path);
  const write = async (bytes: Uint8Array) => {
    if (!out.write(bytes)) await once(out, 'drain');
  };
  const digest = { algo: 'sha-256' as const, prefix: 'sha256:', base32: false };
  const warcinfo = WARCRecord.createWARCInfo(
    { filename: basename(path), warcVersion: WARC_VERSION },
    { software: info.software, 'http-header-user-agent': info.browser, format: 'WARC File Format 1.1' },
  );
  await write(await WARCSerializer.serialize(warcinfo, { gzip: true, digest }));
  let count = 0;
  for (const x of exchanges) {
    const date = x.date.toISOString();
    const responseId = `<urn:uuid:${randomUUID()}>`;
    const warcHeaders: Record<string, string> = { 'WARC-Record-ID': responseId };
    if (x.ip) warcHeaders['WARC-IP-Address'] = x.ip;
    const response = WARCRecord.create(
      {
        url: x.url,
        date,
        type: 'response',
        warcVersion: WARC_VERSION,
        warcHeaders,
        statusline: `HTTP/1.1 ${x.status} ${x.statusText || 'OK'}`.trim(),
        httpHeaders: archivedResponseHeaders(x.responseHeaders, x.body.length),
        keepHeadersCase: true,
      },
      once_(x.body),
    );
    await write(await WARCSerializer.serialize(response, { gzip: true, digest }));
    const reqHeaders: Array<[string, string]> = x.requestHeaders.filter((h) => !h.name.startsWith(':')).map((h) => [h.name, h.value]);
    const request = WARCRecord.create(
      {
        url: x.url,
        date,
        type: 'request',
        warcVersion: WARC_VERSION,
        warcHeaders: { 'WARC-Concurrent-To': responseId, ...(x.ip ? { 'WARC-IP-Address': x.ip } : {}) },
        statusline: requestLine(x.method, x.url),
        httpHeaders: reqHeaders,
        keepHeadersCase: true,
      },
      once_(x.requestBody ?? new Uint8Array()),
    );
    await write(await WARCSerializer.serialize(request, { gzip: true, digest }));
    count += 1;
  }
  out.end();
  await once(out, 'close');
  return count;
}

const quiet = { trace() {}, info() {}, warn() {}, error() {} };

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** CDXJ lines of a WARC, as js-wacz's own indexer makes them (same warcio indexer). */
async function cdxjOf(warcPath: string): Promise<string[]> {
  const indexer = new CDXIndexer({});
  const lines: string[] = [];
  for await (const cdx of indexer.iterIndex([{ reader: createReadStream(warcPath), filename: basename(warcPath) }])) {
    const line = indexer.serializeCDXJ(cdx);
    if (line) lines.push(line);
  }
  return lines;
}

/** Packages WARC files into a WACZ whose pages.jsonl lists the captured page. */
export async function writeWacz(input: {
  warcPaths: readonly string[];
  waczPath: string;
  page: { url: string; title: string | null; ts: Date };
}): Promise<void> {
  const wacz = new WACZ({
    input: [...input.warcPaths],
    output: input.waczPath,
    url: input.page.url,
    ts: input.page.ts.toISOString(),
    ...(input.page.title ? { title: input.page.title } : {}),
    description: 'Rempart server capture',
    log: quiet,
  });
  wacz.addPage(input.page.url, input.page.title, input.page.ts.toISOString());
  // The index is built here, in-process: js-wacz would otherwise start (and never stop) a pool
  // of worker threads for every archive, which costs about a second per capture.
  for (const warcPath of input.warcPaths) for (const line of await cdxjOf(warcPath)) wacz.addCDXJ(line);
  wacz.initWorkerPool = () => undefined;
  // js-wacz 0.1.6 hashes a file both through pipe() and a 'data' listener, so the WARC's hash in
  // datapackage.json is wrong; the archive's integrity claims must hold, so hash it right.
  wacz.sha256 = async (file: string | Uint8Array) =>
    `sha256:${typeof file === 'string' ? await sha256File(file) : createHash('sha256').update(file).digest('hex')}`;
  await wacz.process(false);
}
