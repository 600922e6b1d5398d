// One capture in a fresh browser context whose only way out is this capture's egress proxy:
// load, scroll to wake lazy content, then the artefacts (full-page and first-viewport PNG, A4
// PDF, MHTML, serialized DOM, the `http` JSON and a WACZ of all traffic). Real timers live here
// only (navigation 30 s, whole capture 90 s); records get their times from the use case's clock.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Request, Response } from 'playwright-core';
import {
  addressByHost,
  type CaptureStep,
  HTTP_REPORT_VERSION,
  type HttpReport,
  type HttpReportRequest,
  hostPortOf,
  loginWallSuspected,
} from '../../domain/capture/capture-report.js';
import { quietWindowMs } from '../../domain/capture/settle.js';
import { CaptureError, type CapturedFile, type CaptureOutput } from '../../app/evidence/capture-ports.js';
import { type EgressProxy, PROXY_ERROR_HEADER, REFUSED_HEADER } from './egress-proxy.js';
import { type RecordedExchange, writeWacz, writeWarc } from './web-archive.js';

export interface CapturePageOptions {
  navigationTimeoutMs: number;
  totalTimeoutMs: number;
  heightCap: number;
  viewport: { width: number; height: number };
  /** Bodies larger than this are not archived (noted in the http artefact). */
  maxBodyBytes: number;
  maxArchiveBytes: number;
}

export const defaultCapturePageOptions: CapturePageOptions = {
  navigationTimeoutMs: 30_000,
  totalTimeoutMs: 90_000,
  heightCap: 20_000,
  viewport: { width: 1280, height: 800 },
  maxBodyBytes: 50 * 1024 * 1024,
  maxArchiveBytes: 300 * 1024 * 1024,
};

interface Entry {
  request: Request;
  date: Date;
  startedMs: number;
  endedMs: number | null;
  response: Response | null;
  requestHeaders: Promise<Array<{ name: string; value: string }>> | null;
  responseHeaders: Promise<Array<{ name: string; value: string }>> | null;
  body: Promise<Buffer | null> | null;
  failure: string | null;
  skippedBody: boolean;
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400 && status !== 304;
}

function headerMap(list: Array<{ name: string; value: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of list) {
    const k = name.toLowerCase();
    out[k] = out[k] === undefined ? value : `${out[k]}, ${value}`;
  }
  return out;
}

class Traffic {
  readonly entries: Entry[] = [];
  private readonly byRequest = new Map<Request, Entry>();
  inflight = 0;
  lastActivity = Date.now();
  archivedBytes = 0;
  websockets: string[] = [];

  /** When the capture started (requests are timed from here). */
  t0 = Date.now();

  constructor(private readonly options: CapturePageOptions) {}

  attach(context: BrowserContext): void {
    context.on('request', (request) => {
      const now = Date.now();
      const entry: Entry = {
        request,
        date: new Date(now),
        startedMs: now - this.t0,
        endedMs: null,
        response: null,
        requestHeaders: null,
        responseHeaders: null,
        body: null,
        failure: null,
        skippedBody: false,
      };
      this.entries.push(entry);
      this.byRequest.set(request, entry);
      this.inflight += 1;
      this.lastActivity = now;
    });
    context.on('requestfinished', (request) => {
      const entry = this.byRequest.get(request);
      this.done();
      if (!entry) return;
      entry.endedMs = Date.now() - this.t0;
      entry.requestHeaders = request.headersArray().catch(() => []);
      entry.body = request.response().then(async (response) => {
        if (!response) return null;
        entry.response = response;
        entry.responseHeaders = response.headersArray().catch(() => []);
        if (isRedirect(response.status())) return Buffer.alloc(0);
        const length = Number(response.headers()['content-length'] ?? 0);
        if (length > this.options.maxBodyBytes || this.archivedBytes > this.options.maxArchiveBytes) {
          entry.skippedBody = true;
          return null;
        }
        const body = await response.body().catch(() => null);
        if (body && body.length > this.options.maxBodyBytes) {
          entry.skippedBody = true;
          return null;
        }
        this.archivedBytes += body?.length ?? 0;
        return body;
      });
    });
    context.on('requestfailed', (request) => {
      const entry = this.byRequest.get(request);
      this.done();
      if (!entry) return;
      entry.endedMs = Date.now() - this.t0;
      entry.failure = request.failure()?.errorText ?? 'failed';
    });
  }

  private done(): void {
    this.inflight = Math.max(0, this.inflight - 1);
    this.lastActivity = Date.now();
  }

  /** How long each finished request took, in ms. */
  durations(): number[] {
    return this.entries.filter((e) => e.endedMs !== null).map((e) => (e.endedMs ?? 0) - e.startedMs);
  }

  /** Resolves when nothing was in flight for `idleMs`, or after `maxMs`. */
  async quiet(idleMs: number, maxMs: number): Promise<void> {
    const end = Date.now() + maxMs;
    while (Date.now() < end) {
      const idleFor = Date.now() - this.lastActivity;
      if (this.inflight === 0 && idleFor >= idleMs) return;
      // Sleep until the window could close (or a short tick while requests are in flight).
      const wait = this.inflight === 0 ? idleMs - idleFor : 10;
      await new Promise((r) => setTimeout(r, Math.max(5, Math.min(wait, end - Date.now()))));
    }
  }
}

function mainFrameNavigations(page: Page, traffic: Traffic): Entry[] {
  return traffic.entries.filter((e) => {
    try {
      return e.request.isNavigationRequest() && e.request.frame() === page.mainFrame();
    } catch {
      return false;
    }
  });
}

async function hasPasswordField(page: Page): Promise<boolean> {
  for (const frame of page.frames()) {
    // Frames that never loaded (a refused file: iframe) would make the query wait forever.
    if (!/^https?:/.test(frame.url())) continue;
    const n = await Promise.race([
      frame
        .locator('input[type="password" i]')
        .count()
        .catch(() => 0),
      new Promise<number>((r) => setTimeout(() => r(0), 2_000)),
    ]);
    if (n > 0) return true;
  }
  return false;
}

// In-page scripts are plain JavaScript text: a transpiled TypeScript function may carry helper
// calls (esbuild's __name) that do not exist in the page.

/**
 * Scrolls down a viewport at a time (wakes IntersectionObserver and loading="lazy"), then back
 * up. Each position is held for one rendering update: the observers are computed after the
 * frame's animation callbacks, and the task queued from one runs after that computation.
 */
const SCROLL_SCRIPT = `async (limit) => {
  const height = () => Math.max(document.body ? document.body.scrollHeight : 0, document.documentElement ? document.documentElement.scrollHeight : 0);
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  let y = 0;
  let steps = 0;
  while (y + window.innerHeight < Math.min(height(), limit) && steps < 400) {
    y += Math.max(200, window.innerHeight);
    window.scrollTo(0, y);
    steps += 1;
    await frame();
  }
  // Back to the top; the next screenshot waits for a frame of its own.
  window.scrollTo(0, 0);
  return { scrollHeight: height(), steps };
}`;

/** Waits for images still loading (those the scroll woke up) and web fonts, at most `ms`. */
const IMAGES_SCRIPT = `async (ms) => {
  const pending = Array.from(document.images).filter((i) => !i.complete && i.loading !== 'lazy');
  await Promise.race([
    Promise.all([
      document.fonts ? document.fonts.ready : null,
      ...pending.map((i) => new Promise((r) => { i.addEventListener('load', r, { once: true }); i.addEventListener('error', r, { once: true }); })),
    ]),
    new Promise((r) => setTimeout(r, ms)),
  ]);
}`;

async function scrollThrough(page: Page, cap: number): Promise<{ scrollHeight: number; steps: number }> {
  return page.evaluate(`(${SCROLL_SCRIPT})(${Number(cap)})`) as Promise<{ scrollHeight: number; steps: number }>;
}

async function imagesSettled(page: Page, maxMs: number): Promise<void> {
  await page.evaluate(`(${IMAGES_SCRIPT})(${Number(maxMs)})`).catch(() => undefined);
}

/** What the http report says of one request, and the exchange to archive if it has one. */
async function describeEntry(
  e: Entry,
  ipOf: (url: string) => string | null,
): Promise<{ request: HttpReportRequest; exchange: RecordedExchange | null }> {
  const url = e.request.url();
  const response = e.response;
  // Only a body already received: the caller has waited (boundedly) for them.
  const body = e.body ? await Promise.race([e.body, Promise.resolve(null)]) : null;
  const respHeaders = e.responseHeaders ? await e.responseHeaders : [];
  const fromProxy = respHeaders.some((h) => h.name.toLowerCase() === REFUSED_HEADER || h.name.toLowerCase() === PROXY_ERROR_HEADER);
  const networked = url.startsWith('http:') || url.startsWith('https:');
  const archived = Boolean(networked && response && !fromProxy && body !== null);
  const exchange: RecordedExchange | null =
    archived && response && body !== null
      ? {
          url,
          method: e.request.method(),
          requestHeaders: e.requestHeaders ? await e.requestHeaders : [],
          requestBody: e.request.postDataBuffer(),
          status: response.status(),
          statusText: response.statusText(),
          responseHeaders: respHeaders,
          body,
          date: e.date,
          ip: ipOf(url),
        }
      : null;
  const request: HttpReportRequest = {
    url,
    method: e.request.method(),
    resourceType: e.request.resourceType(),
    status: response?.status() ?? null,
    ip: networked ? ipOf(url) : null,
    mimeType: headerMap(respHeaders)['content-type'] ?? null,
    size: body?.length ?? null,
    failure: fromProxy
      ? `refused by proxy: ${headerMap(respHeaders)[REFUSED_HEADER] ?? headerMap(respHeaders)[PROXY_ERROR_HEADER] ?? ''}`
      : e.failure,
    fromServiceWorker: response?.fromServiceWorker() ?? false,
    archived,
    startedMs: e.startedMs,
    durationMs: e.endedMs === null ? null : e.endedMs - e.startedMs,
  };
  return { request, exchange };
}

/** The address the proxy connected to for a URL's host, from a snapshot of its records. */
function ipLookup(records: Parameters<typeof addressByHost>[0]): (url: string) => string | null {
  const ips = addressByHost(records);
  return (url) => {
    const hp = hostPortOf(url);
    return hp ? (ips.get(hp) ?? null) : null;
  };
}

/** Waits for the bodies of these entries, at most `ms`. */
async function bodiesOf(entries: readonly Entry[], ms: number): Promise<void> {
  await Promise.race([Promise.allSettled(entries.map((e) => e.body)), new Promise((r) => setTimeout(r, ms))]);
}

const WARC_SOFTWARE = 'Rempart (warcio.js)';

export interface PageCaptureDeps {
  browserVersion: string;
  sandbox: boolean;
  allowList: string[];
}

/**
 * A fresh browser context (its own cookies, cache and storage) whose only way out is its own
 * egress proxy, with an empty page and the traffic recorder attached. The capturer keeps one
 * ready in advance, so a capture does not wait for it; a prepared context serves one capture.
 */
export interface PreparedCapture {
  proxy: EgressProxy;
  context: BrowserContext;
  page: Page;
  traffic: Traffic;
  browser: Browser;
}

export async function prepareCapture(
  browser: Browser,
  proxy: EgressProxy,
  options: CapturePageOptions = defaultCapturePageOptions,
): Promise<PreparedCapture> {
  const context = await browser.newContext({
    proxy: { server: `http://127.0.0.1:${proxy.port}`, bypass: '<-loopback>' },
    viewport: options.viewport,
    deviceScaleFactor: 1,
    locale: 'fr-CA',
    acceptDownloads: false,
    serviceWorkers: 'allow',
    ignoreHTTPSErrors: false,
  });
  try {
    const traffic = new Traffic(options);
    traffic.attach(context);
    const page = await context.newPage();
    // Pop-ups are closed (their traffic went through the proxy and is recorded all the same).
    context.on('page', (p) => {
      if (p !== page) void p.close().catch(() => undefined);
    });
    page.on('dialog', (d) => void d.dismiss().catch(() => undefined));
    page.on('websocket', (ws) => traffic.websockets.push(ws.url()));
    return { proxy, context, page, traffic, browser };
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Captures into `input.workDir`. Resolves as soon as the files are written; `closed` settles
 * once the context is gone (the caller releases its slot then).
 */
export async function capturePage(
  prepared: PreparedCapture,
  deps: PageCaptureDeps,
  input: { url: string; workDir: string; onProgress(step: CaptureStep): Promise<void> | void; onFile?(file: CapturedFile): void },
  options: CapturePageOptions = defaultCapturePageOptions,
): Promise<{ output: CaptureOutput; closed: Promise<void> }> {
  const t0 = Date.now();
  prepared.traffic.t0 = t0;
  const steps: Partial<Record<CaptureStep, number>> = {};
  const phases: Record<string, number> = {};
  const mark = (phase: string) => {
    phases[phase] = Date.now() - t0;
  };
  const progress = async (step: CaptureStep) => {
    steps[step] = Date.now() - t0;
    await input.onProgress(step);
  };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void prepared.context.close().catch(() => undefined);
  }, options.totalTimeoutMs);
  try {
    const output = await runCapture(prepared, deps, input, options, t0, steps, phases, mark, progress);
    return { output, closed: prepared.context.close().catch(() => undefined) };
  } catch (error) {
    await prepared.context.close().catch(() => undefined);
    if (timedOut) throw new CaptureError('capture_timeout', `the capture took more than ${options.totalTimeoutMs / 1000} s`, true);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function runCapture(
  prepared: PreparedCapture,
  deps: PageCaptureDeps,
  input: { url: string; workDir: string; onFile?(file: CapturedFile): void },
  options: CapturePageOptions,
  t0: number,
  steps: Partial<Record<CaptureStep, number>>,
  phases: Record<string, number>,
  mark: (phase: string) => void,
  progress: (step: CaptureStep) => Promise<void>,
): Promise<CaptureOutput> {
  const { context, page, traffic } = prepared;

  await progress('loading');
  let mainResponse: Response | null = null;
  let navigationError: Error | null = null;
  let loadTimedOut = false;
  const navStart = Date.now();
  try {
    mainResponse = await page.goto(input.url, { waitUntil: 'load', timeout: options.navigationTimeoutMs });
  } catch (error) {
    navigationError = error as Error;
  }
  const navigationMs = Date.now() - navStart;
  mark('loaded');

  const nav = mainFrameNavigations(page, traffic);
  const last = nav.at(-1);
  const lastHost = last ? hostPortOf(last.request.url()) : null;
  const proxyFor = (hp: string | null) => prepared.proxy.records.filter((r) => hp !== null && `${r.host}:${r.port}` === hp);
  const realHops = async () => {
    let n = 0;
    for (const e of nav) {
      const r = await e.request.response().catch(() => null);
      if (r && !r.headers()[REFUSED_HEADER] && !r.headers()[PROXY_ERROR_HEADER]) n += 1;
    }
    return n;
  };
  let mainDocumentRefused = false;
  if (navigationError) {
    const recs = proxyFor(lastHost);
    if (recs.some((r) => r.outcome === 'refused')) {
      mainDocumentRefused = true;
      if ((await realHops()) === 0)
        throw new CaptureError(
          'destination_blocked',
          `refused by the private-network rule: ${recs.find((r) => r.outcome === 'refused')?.reason ?? ''}`,
          false,
        );
    } else if (recs.some((r) => r.outcome === 'error') && !recs.some((r) => r.outcome === 'ok')) {
      throw new CaptureError(
        'unreachable',
        `host unreachable: ${recs.find((r) => r.outcome === 'error')?.reason ?? navigationError.message.split('\n')[0]}`,
        true,
      );
    } else if (navigationError.name === 'TimeoutError') {
      const committed = await last?.request.response().catch(() => null);
      if (!committed)
        throw new CaptureError('navigation_timeout', `the page did not answer within ${options.navigationTimeoutMs / 1000} s`, true);
      mainResponse = committed;
      loadTimedOut = true;
    } else {
      const text = navigationError.message.split('\n')[0] ?? navigationError.message;
      throw new CaptureError('unreachable', text.replace(/^page\.goto: /, ''), true);
    }
  } else if (mainResponse) {
    const h = mainResponse.headers();
    if (h[PROXY_ERROR_HEADER]) throw new CaptureError('unreachable', `host unreachable: ${h[PROXY_ERROR_HEADER]}`, true);
    if (h[REFUSED_HEADER]) {
      mainDocumentRefused = true;
      if ((await realHops()) === 0)
        throw new CaptureError('destination_blocked', `refused by the private-network rule: ${h[REFUSED_HEADER]}`, false);
    }
  }
  const loadedMs = Date.now() - t0;

  const files: CapturedFile[] = [];
  const file = (kind: CapturedFile['kind'], filename: string, mediaType: string): CapturedFile => {
    const f = { kind, filename, mediaType, path: join(input.workDir, filename) };
    files.push(f);
    return f;
  };
  const pending: Array<Promise<unknown>> = [];
  const complete = (f: CapturedFile) => input.onFile?.(f);
  const keep = (f: CapturedFile, data: string | Buffer) => {
    const written = writeFile(f.path, data).then(() => complete(f));
    written.catch(() => undefined); // awaited below; not an unhandled rejection if we stop early
    pending.push(written);
  };
  // Screenshots straight from the DevTools protocol (what Playwright's own screenshot sends,
  // without its per-call font, caret and animation round trips; fonts are awaited below).
  const cdp = await context.newCDPSession(page);
  const screenshot = async (params: Record<string, unknown>) =>
    Buffer.from(
      ((await cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true, ...params })) as { data: string }).data,
      'base64',
    );

  // Straight to the scroll: what scripts fetch after `load` is waited for with what it wakes.
  await progress('scrolling');
  const scrolled = await scrollThrough(page, options.heightCap).catch(() => ({ scrollHeight: options.viewport.height, steps: 0 }));
  mark('scrolled');
  // The first screen (back at the top) is taken while the network settles: what the scroll
  // woke up lies below it.
  const viewportShot = screenshot({}).then((png) => {
    keep(file('viewport', 'viewport.png', 'image/png'), png);
    mark('viewport');
  });
  viewportShot.catch(() => undefined); // awaited below
  await traffic.quiet(quietWindowMs(traffic.durations()), 5_000);
  mark('quiet');
  await imagesSettled(page, 3_000);
  mark('settled');
  await viewportShot;

  // The web archive of what has been received is written while the browser renders the full
  // page; what arrives later goes into a second WARC of the same WACZ.
  const archivedEntries = new Set<Entry>();
  const warcPaths = [join(input.workDir, 'capture.warc.gz')];
  const early = (async () => {
    const userAgent = await page.evaluate(() => navigator.userAgent).catch(() => '');
    const done = traffic.entries.filter((e) => e.endedMs !== null);
    await bodiesOf(done, 10_000);
    const ipOfNow = ipLookup(prepared.proxy.records);
    const exchanges: RecordedExchange[] = [];
    for (const e of done) {
      const { exchange } = await describeEntry(e, ipOfNow);
      archivedEntries.add(e);
      if (exchange) exchanges.push(exchange);
    }
    await writeWarc(warcPaths[0] ?? '', exchanges, { software: WARC_SOFTWARE, browser: userAgent });
    return { userAgent };
  })();
  early.catch(() => undefined); // awaited below

  await progress('screenshot');
  // The DOM, title and MHTML are read meanwhile: they do not depend on the rendering.
  const shots = (async () => {
    const metrics = (await cdp.send('Page.getLayoutMetrics')) as { cssContentSize: { width: number; height: number } };
    const scrollHeight = Math.max(Math.ceil(metrics.cssContentSize.height), scrolled.scrollHeight, options.viewport.height);
    const width = Math.max(Math.ceil(metrics.cssContentSize.width), options.viewport.width);
    const shotHeight = Math.min(scrollHeight, options.heightCap);
    const full = await screenshot({ clip: { x: 0, y: 0, width, height: shotHeight, scale: 1 }, captureBeyondViewport: true });
    keep(file('screenshot', 'screenshot.png', 'image/png'), full);
    mark('fullPage');
    return { scrollHeight, shotHeight, heightCapped: scrollHeight > options.heightCap };
  })();
  const dom = (async () => {
    const [title, html, password] = await Promise.all([
      page.title().catch(() => ''),
      page.content().catch(() => ''),
      hasPasswordField(page),
    ]);
    keep(file('html', 'page.html', 'text/html; charset=utf-8'), html);
    mark('dom');
    const { data: mhtml } = (await cdp.send('Page.captureSnapshot', { format: 'mhtml' })) as { data: string };
    keep(file('mhtml', 'page.mhtml', 'multipart/related'), mhtml);
    mark('mhtml');
    return { title: title || null, password };
  })();
  const [{ scrollHeight, shotHeight, heightCapped }, { title, password }] = await Promise.all([shots, dom]);
  await cdp.detach().catch(() => undefined);
  const { userAgent } = await early;
  mark('warc');

  // The WACZ of that first WARC is packed while the browser prints; it is the artefact unless
  // requests came in after it.
  const finalUrl = page.url() && page.url() !== 'about:blank' ? page.url() : (last?.request.url() ?? null);
  const wacz = file('wacz', 'capture.wacz', 'application/wacz+zip');
  const waczPage = { url: finalUrl ?? input.url, title, ts: new Date(t0) };
  const packed = writeWacz({ warcPaths, waczPath: wacz.path, page: waczPage });
  packed.catch(() => undefined); // awaited below

  await progress('pdf');
  const pdf = file('pdf', 'page.pdf', 'application/pdf');
  await page.pdf({ path: pdf.path, format: 'A4', printBackground: true });
  complete(pdf);
  await Promise.all(pending);
  mark('pdf');

  await progress('archive');
  await bodiesOf(
    traffic.entries.filter((e) => !archivedEntries.has(e)),
    10_000,
  );
  mark('bodies');
  // The proxy's records as of now; the context closes once the files are written.
  const records = [...prepared.proxy.records];

  const ipOf = ipLookup(records);
  const late: RecordedExchange[] = [];
  const requests: HttpReportRequest[] = [];
  for (const e of traffic.entries) {
    const { request, exchange } = await describeEntry(e, ipOf);
    requests.push(request);
    if (exchange && !archivedEntries.has(e)) late.push(exchange);
  }
  await packed.catch(() => undefined);
  if (late.length > 0) {
    const latePath = join(input.workDir, 'capture-late.warc.gz');
    await writeWarc(latePath, late, { software: WARC_SOFTWARE, browser: userAgent });
    warcPaths.push(latePath);
    await writeWacz({ warcPaths, waczPath: wacz.path, page: waczPage });
  } else await packed;
  complete(wacz);
  mark('wacz');

  // The redirect chain of the main document, as the browser saw it.
  const redirectChain: HttpReport['redirectChain'] = [];
  for (const e of nav) {
    const r = e.response;
    const headers = e.responseHeaders ? headerMap(await e.responseHeaders) : {};
    redirectChain.push({
      url: e.request.url(),
      status: r?.status() ?? null,
      location: headers.location ?? null,
      ip: ipOf(e.request.url()),
    });
  }
  // The last response that really came from a server (not the proxy's refusal).
  let status: number | null = null;
  let statusText: string | null = null;
  let responseHeaders: Record<string, string> | null = null;
  for (const e of [...nav].reverse()) {
    if (!e.response || !e.responseHeaders) continue;
    const h = headerMap(await e.responseHeaders);
    if (h[REFUSED_HEADER] || h[PROXY_ERROR_HEADER]) continue;
    status = e.response.status();
    statusText = e.response.statusText();
    responseHeaders = h;
    break;
  }
  if (status === null && mainResponse && !mainDocumentRefused) {
    status = mainResponse.status();
    statusText = mainResponse.statusText();
    responseHeaders = headerMap(await mainResponse.headersArray().catch(() => []));
  }

  const browserInfo = { name: 'chromium', version: deps.browserVersion, userAgent };
  const report: HttpReport = {
    v: HTTP_REPORT_VERSION,
    requestedUrl: input.url,
    finalUrl,
    title,
    status,
    statusText,
    responseHeaders,
    redirectChain,
    mainDocumentRefused,
    loginWallSuspected: loginWallSuspected({ finalUrl, hasPasswordField: password }),
    loadTimedOut,
    requests,
    refused: records
      .filter((r) => r.outcome !== 'ok')
      .map((r) => ({ target: r.target, kind: r.kind, reason: r.reason ?? r.outcome, at: r.at })),
    websockets: traffic.websockets,
    proxy: records.map((r) => ({
      seq: r.seq,
      at: r.at,
      kind: r.kind,
      target: r.target,
      method: r.method,
      ip: r.ip,
      outcome: r.outcome,
      ...(r.status !== undefined ? { status: r.status } : {}),
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
      ...(r.ms !== undefined ? { ms: r.ms } : {}),
    })),
    timings: { navigationMs, loadedMs, totalMs: null, steps, phases },
    browser: { ...browserInfo, sandbox: deps.sandbox },
    viewport: options.viewport,
    page: { scrollHeight, screenshotHeight: shotHeight, heightCapped, heightCap: options.heightCap },
    allowList: deps.allowList,
  };

  report.timings.totalMs = Date.now() - t0;
  const httpFile = file('http', 'http.json', 'application/json');
  await writeFile(httpFile.path, `${JSON.stringify(report, null, 2)}\n`);
  complete(httpFile);

  return {
    files,
    finalUrl,
    httpStatus: status,
    httpHeaders: responseHeaders,
    title,
    browser: browserInfo,
    viewport: options.viewport,
    loginWallSuspected: report.loginWallSuspected,
    mainDocumentRefused,
  };
}
