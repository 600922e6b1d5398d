// "Préserver cette page": everything the person sees in the current tab, in their own logged-in
// browser, as one evidence (DESIGN.md §3). In order: the optional region (selected first, so the
// overlay is gone before any picture), the visible part (captureVisibleTab), the DOM as HTML
// (chrome.scripting), the page as MHTML (chrome.pageCapture), the whole page (debugger protocol,
// else stitched), then the region cut from the visible part (OffscreenCanvas). Each file is
// hashed (SHA-256, WebCrypto) and kept in IndexedDB with the capture's record before anything is
// sent; the queue (queue.ts) uploads it, with the hashes, as one multipart request.
import type { Region } from '../region/region';
import type { CaptureFile, CaptureMeta, CaptureRecord, CaptureStep, FileKind } from '../shared/state';
import { putFiles, type StoredFile } from './blob-db';
import { browserInfo } from './browser-info';
import { dataUrlToBlob, fullPageByDebugger, fullPageByStitching } from './full-page';
import { pageArchive } from './page-archive';
import { kickQueue } from './queue';
import { findCapture, keepAlive, patchCapture, sleep, updateCaptures } from './records';

export interface CaptureRequest {
  tabId: number;
  serverUrl: string;
  caseId: string;
  caseReference: string;
  comment?: string;
  region: boolean;
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

interface PageFacts {
  html: string;
  isHtml: boolean;
  title: string;
  url: string;
  width: number;
  height: number;
}

async function pageFacts(tabId: number): Promise<PageFacts> {
  const [first] = await chrome.scripting.executeScript({
    target: { tabId },
    func: () => {
      const doctype = document.doctype ? `<!DOCTYPE ${document.doctype.name}>\n` : '';
      return {
        html: doctype + document.documentElement.outerHTML,
        isHtml: document.documentElement.localName === 'html',
        title: document.title,
        url: location.href,
        width: window.innerWidth,
        height: window.innerHeight,
      };
    },
  });
  if (!first?.result) throw new Error('the page could not be read');
  return first.result;
}

async function selectRegion(tabId: number): Promise<Region | null> {
  await chrome.scripting.executeScript({ target: { tabId }, files: ['region.js'] });
  const [first] = await chrome.scripting.executeScript({
    target: { tabId },
    func: () => globalThis.__rempartSelectRegion?.() ?? Promise.resolve(null),
  });
  return first?.result ?? null;
}

async function cropRegion(viewport: Blob, region: Region, cssWidth: number): Promise<Blob> {
  const bitmap = await createImageBitmap(viewport);
  const scale = bitmap.width / cssWidth;
  const x = Math.max(0, Math.round(region.x * scale));
  const y = Math.max(0, Math.round(region.y * scale));
  const width = Math.max(1, Math.min(Math.round(region.width * scale), bitmap.width - x));
  const height = Math.max(1, Math.min(Math.round(region.height * scale), bitmap.height - y));
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')?.drawImage(bitmap, x, y, width, height, 0, 0, width, height);
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/png' });
}

/** Test build only: an option set by the browser test through chrome.storage.local. */
async function testOption(name: string): Promise<boolean> {
  if (!__REMPART_TEST_HOOKS__) return false;
  const key = `test.${name}`;
  return Boolean((await chrome.storage.local.get(key))[key]);
}

/** Brings the tab to the front of its window: captureVisibleTab takes what the window shows. */
async function showTab(tabId: number): Promise<chrome.tabs.Tab> {
  let tab = await chrome.tabs.get(tabId);
  if (!tab.active) {
    tab = await chrome.tabs.update(tabId, { active: true });
    await sleep(300);
  }
  return tab;
}

export function isCapturable(url: string | undefined): boolean {
  return Boolean(url && /^https?:\/\//.test(url));
}

/** Starts a capture of the tab; resolves with its id once the record exists (the work goes on). */
export async function startCapture(request: CaptureRequest): Promise<string> {
  const tab = await chrome.tabs.get(request.tabId);
  if (!isCapturable(tab.url)) throw new Error('not_capturable');
  const id = crypto.randomUUID();
  const record: CaptureRecord = {
    id,
    serverUrl: request.serverUrl,
    caseId: request.caseId,
    caseReference: request.caseReference,
    url: tab.url ?? '',
    title: tab.title ?? '',
    createdAt: new Date().toISOString(),
    status: 'capturing',
    step: request.region ? 'selecting' : 'viewport',
    attempts: 0,
    bytes: 0,
    files: [],
  };
  await updateCaptures((records) => [record, ...records]);
  void keepAlive(() => runCapture(id, request)).catch(async (error: unknown) => {
    // A capture that cannot finish is shown as failed, never dropped (with the step it stopped at).
    const detail = error instanceof Error ? error.message : String(error);
    const step = (await findCapture(id))?.step;
    await patchCapture(id, {
      status: 'failed',
      step: undefined,
      error: { code: 'capture_failed', message: step ? `${step}: ${detail}` : detail },
    });
  });
  return id;
}

async function runCapture(id: string, request: CaptureRequest): Promise<void> {
  const step = (s: CaptureStep) => patchCapture(id, { step: s });
  const { tabId } = request;
  const tab = await showTab(tabId);
  const region = request.region ? await selectRegion(tabId) : null;

  await step('viewport');
  const capturedAt = new Date().toISOString();
  const viewport = dataUrlToBlob(await chrome.tabs.captureVisibleTab(tab.windowId, { format: 'png' }));

  await step('html');
  const facts = await pageFacts(tabId);
  const html = new Blob([facts.html], { type: 'text/html' });

  await step('mhtml');
  const archive = await pageArchive(tabId);
  const mhtml = archive.blob;

  await step('fullpage');
  let full: Blob;
  let fullPage: CaptureRecord['fullPage'] = 'debugger';
  try {
    if (await testOption('forceStitch')) throw new Error('stitching forced by the test build');
    full = await fullPageByDebugger(tabId);
  } catch {
    fullPage = 'stitched';
    full = await fullPageByStitching(tabId, tab.windowId);
  }

  await step('hashing');
  const parts: Array<{ name: string; kind: FileKind; blob: Blob }> = [
    { name: 'page-full.png', kind: 'screenshot', blob: full },
    { name: 'page-visible.png', kind: 'viewport', blob: viewport },
  ];
  if (region) parts.push({ name: 'region.png', kind: 'screenshot', blob: await cropRegion(viewport, region, facts.width) });
  parts.push({ name: 'page.mhtml', kind: 'mhtml', blob: mhtml });
  // A non-HTML document (SVG, XML) is kept as a plain file.
  parts.push({ name: facts.isHtml ? 'page.html' : 'page-dom.txt', kind: facts.isHtml ? 'html' : 'upload', blob: html });

  const files: CaptureFile[] = [];
  const stored: StoredFile[] = [];
  for (const part of parts) {
    files.push({ name: part.name, kind: part.kind, type: part.blob.type, size: part.blob.size, sha256: await sha256Hex(part.blob) });
    stored.push({ name: part.name, type: part.blob.type, blob: part.blob });
  }
  const browser = await browserInfo();
  const sourceUrl = facts.url || (await chrome.tabs.get(tabId)).url || '';
  const meta: CaptureMeta = {
    // The server keeps http(s) addresses up to 2 048 characters; a longer one stays in the files.
    ...(/^https?:\/\//.test(sourceUrl) && sourceUrl.length <= 2048 ? { sourceUrl } : {}),
    ...(facts.title.trim() ? { title: facts.title.trim().slice(0, 500) } : {}),
    ...(request.comment?.trim() ? { comment: request.comment.trim().slice(0, 5000) } : {}),
    captureTool: 'extension',
    capturedAt,
    browser: { name: browser.name, version: browser.version, userAgent: browser.userAgent.slice(0, 1000) },
    viewport: { width: facts.width, height: facts.height },
    kinds: files.map((f) => f.kind),
  };
  await putFiles(id, stored);
  await patchCapture(id, {
    status: 'queued',
    step: undefined,
    fullPage,
    archive: archive.way,
    url: sourceUrl,
    title: facts.title,
    files,
    bytes: files.reduce((sum, f) => sum + f.size, 0),
    meta,
  });
  kickQueue();
}
