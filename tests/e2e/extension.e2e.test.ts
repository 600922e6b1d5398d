// The browser extension in Debian's Chromium (docs/extension.md): built by the same code as
// `npm run build:extension` (test build: with the hooks below), loaded unpacked into a persistent
// profile, paired with the running server through the code approved on /appairer, then
// "Préserver cette page" on a local page that shows its content only with a login cookie. The
// evidence is sealed with the hashes the extension computed (recomputed here from the stored
// bytes); a tampered upload is refused (422) and shown as failed; a network cut mid-upload ends
// in a retried, sealed capture and exactly one evidence. And the signed CRX3 and the update
// manifest Rempart serves for force-installation.
//
// The extension talks to the server through a small proxy that can cut an upload: once while the
// request is being sent, once after the server answered (the answer is lost).
// activeTab is granted as a person grants it, by "clicking" the toolbar button on the page's tab
// (CDP Extensions.triggerAction, available with --enable-unsafe-extension-debugging over the
// pipe Playwright uses).
/// <reference path="../../extension/src/chrome.d.ts" />
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, buildExtension, extensionIdFromPublicKey } from '../../scripts/build-extension.js';
import type { CaptureRecord } from '../../extension/src/shared/state.js';
import {
  chromiumPath,
  type E2e,
  type E2eUser,
  horizontalOverflow,
  screenshot,
  seriousA11yViolations,
  signIn,
  startE2e,
} from '../support/e2e.js';
import { readZip } from '../support/zip.js';

const SECRET = 'MEMBRES-SEULEMENT-42';
const FEED_HOST = 'feed.rempart.test';
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

// ---------------------------------------------------------------- the page behind a login

function feedPage(signedIn: boolean): string {
  const posts = Array.from(
    { length: 12 },
    (_, i) => `<article class="post"><h2>Publication ${i + 1}</h2><p>Commentaire ${i + 1} au sujet de l'enseignante.</p></article>`,
  ).join('\n');
  const body = signedIn
    ? `<h1>Groupe privé des parents</h1><p id="secret">${SECRET} : visible une fois connecté</p>${posts}<p id="end">Fin du fil</p>`
    : '<h1>Connectez-vous pour voir ce groupe</h1>';
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Groupe des parents — École des Érables</title>
<style>body{font:16px/1.4 sans-serif;margin:0;padding:0 16px;background:#fff}.post{height:360px;border-bottom:1px solid #ccc}#secret{background:#fe9;padding:8px}</style>
</head><body>${body}</body></html>`;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

// ---------------------------------------------------------------- the proxy that cuts uploads

type Cut = 'during-request' | 'after-answer';

interface Proxy {
  url: string;
  target: string;
  cuts: Cut[];
  uploads: Array<{ cut: Cut | 'none'; status?: number; replayed?: string }>;
  server: Server;
}

async function startProxy(): Promise<Proxy> {
  const proxy = { target: '', cuts: [] as Cut[], uploads: [] as Proxy['uploads'] } as Proxy;
  proxy.server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const isUpload = req.method === 'POST' && /^\/api\/v1\/cases\/[^/]+\/evidence$/.test(req.url ?? '');
    const cut: Cut | 'none' = isUpload ? (proxy.cuts.shift() ?? 'none') : 'none';
    const log: Proxy['uploads'][number] | undefined = isUpload ? { cut } : undefined;
    if (log) proxy.uploads.push(log);
    if (cut === 'during-request') {
      // Some bytes of the upload arrive, then the connection drops: the server never sees it.
      req.once('data', () => req.socket.destroy());
      return;
    }
    const target = new URL(req.url ?? '/', proxy.target);
    const upstream = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      if (log) {
        log.status = answer.statusCode;
        log.replayed = answer.headers['idempotent-replayed'] as string | undefined;
      }
      if (cut === 'after-answer') {
        // The server sealed the evidence, but its answer never reaches the browser.
        answer.resume();
        answer.on('end', () => req.socket.destroy());
        return;
      }
      // No keep-alive: a reused connection would let Chromium resend on its own and hide a cut.
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, connection: 'close' });
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const port = await listen(proxy.server);
  proxy.url = `http://127.0.0.1:${port}`;
  return proxy;
}

// ---------------------------------------------------------------- set-up

let tmp: string;
let e2e: E2e;
let built: BuildResult;
let proxy: Proxy;
let feed: Server;
let feedUrl: string;
let context: BrowserContext;
let worker: Worker;
let extensionId: string;
let staff: E2eUser;
let popup: Page;
let feedTab: Page;
let feedTabId: number;
let caseId: string;

async function captures(): Promise<CaptureRecord[]> {
  return worker.evaluate(async () => ((await chrome.storage.local.get('captures')).captures as CaptureRecord[] | undefined) ?? []);
}

async function waitForCapture(predicate: (r: CaptureRecord) => boolean, timeoutMs = 45_000): Promise<CaptureRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await captures()).find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no capture matched; captures: ${JSON.stringify(await captures(), null, 1)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What a person does by clicking the extension's toolbar button on this tab: grants activeTab. */
async function clickToolbarButton(page: Page): Promise<void> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser behind the persistent context');
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] })) as {
    targetInfos: Array<{ targetId: string; url: string }>;
  };
  const tab = targetInfos.find((t) => t.url === page.url());
  if (!tab) throw new Error(`no tab target for ${page.url()}`);
  await cdp.send('Extensions.triggerAction' as 'Browser.getVersion', { id: extensionId, targetId: tab.targetId } as never);
  await cdp.detach();
}

async function evidenceCount(): Promise<number> {
  const row = await e2e.testApp.ctx.db
    .selectFrom('evidence')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function storedBytes(sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await e2e.testApp.ctx.blobs.get(sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function clickPreserve(options: { comment?: string; region?: boolean } = {}): Promise<void> {
  await popup.bringToFront();
  await popup.locator('#case-select').selectOption(caseId);
  if (options.comment) await popup.locator('#comment').fill(options.comment);
  if (options.region) await popup.locator('#region').check();
  await popup.locator('#capture').click();
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'rempart-extension-e2e-'));
  proxy = await startProxy();
  built = await buildExtension({ outDir: join(tmp, 'dist'), serverUrl: proxy.url, key: join(tmp, 'key.pem'), testHooks: true });
  e2e = await startE2e({ env: { REMPART_EXTENSION_DIR: built.outDir } });
  proxy.target = e2e.baseUrl;
  staff = await e2e.newUser({ displayName: 'Marie-Ève Tremblay' });

  feed = createServer((req, res) => {
    const signedIn = /(?:^|;\s*)feed_session=ok-7f3a(?:;|$)/.test(req.headers.cookie ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(feedPage(signedIn));
  });
  feedUrl = `http://${FEED_HOST}:${await listen(feed)}/groupes/parents-erables`;

  const dir = built.unpackedDir;
  context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: chromiumPath(),
    headless: true,
    viewport: null,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--headless=new',
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox', // tests only
      '--enable-unsafe-extension-debugging',
      '--window-size=1200,800',
      `--host-resolver-rules=MAP ${FEED_HOST} 127.0.0.1`,
      '--disable-gpu',
      '--no-first-run',
    ],
  });
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  extensionId = new URL(worker.url()).host;
}, 180_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await e2e?.close();
  feed?.close();
  proxy?.server.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------- the journeys

describe('browser extension', () => {
  it('is loaded with the id its signing key gives it', () => {
    expect(extensionId).toBe(built.id);
    expect(extensionId).toBe(extensionIdFromPublicKey(built.publicKeyDer));
  });

  it('pairs with the server through the code approved by the signed-in user on /appairer', async () => {
    popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect.poll(() => popup.locator('#server-url').inputValue()).toBe(proxy.url);
    // Debian's Chromium without chromium-l10n speaks en-US only: the extension answers in English
    // (its French, the default, is checked by the catalogue test).
    expect(await popup.locator('#setup-title').textContent()).toBe('Pair the extension with Rempart');
    expect(await seriousA11yViolations(popup)).toEqual([]);
    await popup.locator('#pair').click();
    const code = popup.locator('#user-code');
    await expect.poll(() => code.textContent()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const userCode = (await code.textContent()) ?? '';
    await screenshot(popup, 'extension-popup-pairing');

    // "Open the authorisation page" opens the server's /appairer with the code.
    const opened = context.waitForEvent('page');
    await popup.locator('#open-verification').click();
    const approvalTab = await opened;
    await approvalTab.waitForURL((url) => url.pathname === '/appairer' || url.pathname === '/connexion');
    expect(decodeURIComponent(approvalTab.url())).toContain(userCode);
    await approvalTab.close();

    // The person, signed in to Rempart (here in another browser), checks the code and authorises.
    const { page, problems } = await e2e.newPage();
    await signIn(page, staff);
    await page.goto(`/appairer?code=${userCode}`);
    await expect.poll(() => page.locator('#pairing-code').inputValue()).toBe(userCode);
    expect(await page.locator('main h1').textContent()).toBe('Associer un appareil');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'extension-appairer');
    await page.getByRole('button', { name: 'Autoriser' }).click();
    const done = page.getByRole('status').filter({ hasText: 'est associé à votre compte' });
    await done.waitFor();
    expect(await done.textContent()).toMatch(/«\u00a0Rempart — Chromium \d+.*\u00a0» est associé/);
    expect(problems).toEqual([]);

    // The worker was polling: the token arrives, the popup shows the cases.
    await popup.locator('#view-main').waitFor();
    expect(await popup.locator('#who').textContent()).toContain('Marie-Ève Tremblay');
    const auth = await worker.evaluate(async () => (await chrome.storage.local.get('auth')).auth as { token: string; serverUrl: string });
    expect(auth.serverUrl).toBe(proxy.url);
    expect(auth.token).toMatch(/^rmp_/);
    const token = await e2e.testApp.ctx.db
      .selectFrom('api_tokens')
      .select(['scopes', 'label'])
      .where('user_id', '=', staff.id)
      .executeTakeFirstOrThrow();
    expect(token.scopes).toEqual(['capture']);
    expect(token.label).toMatch(/^Extension: Rempart — Chromium/);
  });

  it('has an approval page that fits a 360 px phone, in English too, and refuses an unknown code', async () => {
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, staff);
    await page.goto('/appairer?code=abcd efgh');
    expect(await page.locator('#pairing-code').inputValue()).toBe('ABCD-EFGH');
    await page.getByRole('button', { name: 'Autoriser' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/inconnu ou expiré/);
    const overflow = await horizontalOverflow(page);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Pair a device');
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'extension-appairer-360-en');
    expect(problems).toEqual([]);
  });

  it('opens a new case from the popup', async () => {
    await popup.locator('#new-case summary').click();
    await popup.locator('#new-case-summary').fill('Publications sur moi dans le groupe privé des parents');
    await popup.locator('#new-case-create').click();
    await expect.poll(() => popup.locator('#case-select').inputValue()).not.toBe('');
    caseId = await popup.locator('#case-select').inputValue();
    const opened = await e2e.testApp.ctx.db
      .selectFrom('cases')
      .select(['summary', 'reference'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(opened.summary).toBe('Publications sur moi dans le groupe privé des parents');
    expect(await popup.locator('#case-select option:checked').textContent()).toContain(opened.reference);
    expect(await seriousA11yViolations(popup)).toEqual([]);
  });

  it('preserves a page seen behind a login: sealed, with the hashes the extension computed', async () => {
    // The person is signed in to the site in this browser; Rempart's server could not see this page.
    await context.addCookies([{ name: 'feed_session', value: 'ok-7f3a', domain: FEED_HOST, path: '/' }]);
    feedTab = await context.newPage();
    await feedTab.goto(feedUrl);
    expect(await feedTab.locator('#secret').textContent()).toContain(SECRET);
    const serverSees = await fetch(feedUrl.replace(FEED_HOST, '127.0.0.1'));
    expect(await serverSees.text()).not.toContain(SECRET);

    await clickToolbarButton(feedTab);
    feedTabId = await worker.evaluate(async (url) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((t) => t.url === url)?.id ?? -1;
    }, feedUrl);
    expect(feedTabId).toBeGreaterThan(0);
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${feedTabId}`);
    await popup.locator('#view-main').waitFor();
    expect(await popup.locator('#capture-target').textContent()).toContain('Groupe des parents');
    e2e.clock.set(new Date(Date.now() + 60_000));

    await clickPreserve({ comment: 'Vu ce matin, publié par un parent', region: true });
    // The region: the person draws a rectangle on the page.
    await feedTab.locator('#rempart-region-overlay').waitFor();
    await feedTab.mouse.move(100, 120);
    await feedTab.mouse.down();
    await feedTab.mouse.move(300, 270, { steps: 5 });
    await feedTab.mouse.up();

    const sealed = await waitForCapture((r) => r.status === 'sealed' || r.status === 'failed');
    expect(sealed.error, JSON.stringify(sealed.error)).toBeUndefined();
    expect(sealed.status).toBe('sealed');
    expect(sealed.fullPage).toBe('debugger');
    expect(sealed.attempts).toBe(1);
    expect(sealed.files.map((f) => [f.name, f.kind])).toEqual([
      ['page-full.png', 'screenshot'],
      ['page-visible.png', 'viewport'],
      ['region.png', 'screenshot'],
      ['page.mhtml', 'mhtml'],
      ['page.html', 'html'],
    ]);

    // The server's record: sealed, from the extension, the same hashes — and the stored bytes
    // hash to them again.
    const row = await e2e.testApp.ctx.db
      .selectFrom('evidence')
      .selectAll()
      .where('id', '=', sealed.evidenceId ?? '')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'sealed',
      source: 'extension',
      case_id: caseId,
      source_url: feedUrl,
      comment: 'Vu ce matin, publié par un parent',
    });
    expect(row.manifest_sha256).toBe(sealed.manifestSha256);
    const manifest = (typeof row.manifest === 'string' ? JSON.parse(row.manifest) : row.manifest) as {
      source: string;
      capturedBy: { userId: string };
      agent: { tool?: string };
      browser: { name: string; version: string; userAgent: string };
      viewport: { width: number; height: number };
      captureStartedAt: string;
      artefacts: Array<{ kind: string; sha256: string; clientSha256?: string; filename: string }>;
    };
    expect(manifest).toMatchObject({ source: 'extension', capturedBy: { userId: staff.id }, agent: { tool: 'extension' } });
    expect(manifest.browser.name).toBe('Chromium');
    expect(manifest.browser.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(manifest.captureStartedAt).toBe(sealed.meta?.capturedAt);
    const kept = manifest.artefacts.filter((a) => a.kind !== 'thumbnail');
    expect(kept.map((a) => [a.filename, a.sha256, a.clientSha256])).toEqual(sealed.files.map((f) => [f.name, f.sha256, f.sha256]));
    const bytes = new Map<string, Buffer>();
    for (const f of sealed.files) {
      const stored = await storedBytes(f.sha256);
      expect(sha(stored), f.name).toBe(f.sha256);
      bytes.set(f.name, stored);
    }

    // What the files hold: the logged-in content, the whole page, the selected area.
    expect(bytes.get('page.html')?.toString('utf8')).toContain(SECRET);
    expect(bytes.get('page.mhtml')?.toString('utf8').replace(/=\r\n/g, '')).toContain(SECRET);
    const full = await sharp(bytes.get('page-full.png')).metadata();
    const visible = await sharp(bytes.get('page-visible.png')).metadata();
    const region = await sharp(bytes.get('region.png')).metadata();
    expect(visible.width).toBe(manifest.viewport.width);
    expect(full.height ?? 0).toBeGreaterThan(12 * 360);
    expect(full.height ?? 0).toBeGreaterThan((visible.height ?? 0) * 3);
    expect(Math.abs((region.width ?? 0) - 200)).toBeLessThanOrEqual(2);
    expect(Math.abs((region.height ?? 0) - 150)).toBeLessThanOrEqual(2);

    await popup.bringToFront();
    const item = popup.locator(`li[data-capture-id="${sealed.id}"]`);
    await expect.poll(() => item.locator('.state').textContent()).toMatch(/^Evidence kept and sealed at/);
    expect(await seriousA11yViolations(popup)).toEqual([]);
    await screenshot(popup, 'extension-popup-sealed');
  });

  it('has a tampered upload refused (hash mismatch), shows it as failed, and sends it intact on "Try again"', async () => {
    const before = await evidenceCount();
    // Test build only: one byte is added to the first file after it was hashed.
    await worker.evaluate(() => chrome.storage.local.set({ 'test.corruptNext': true }));
    const earlier = new Set((await captures()).map((r) => r.id));
    await clickPreserve();
    const failed = await waitForCapture((r) => !earlier.has(r.id) && (r.status === 'failed' || r.status === 'sealed'));
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'hash_mismatch', status: 422 });
    expect(await evidenceCount()).toBe(before);

    await popup.bringToFront();
    const item = popup.locator(`li[data-capture-id="${failed.id}"]`);
    await expect.poll(() => item.locator('.state').textContent()).toBe('Not kept');
    // The server's own message, in the extension's language.
    expect(await item.textContent()).toContain('The hash of “page-full.png” does not match the one announced');
    await screenshot(popup, 'extension-popup-failed');

    await item.getByRole('button', { name: 'Try again' }).click();
    const sealed = await waitForCapture((r) => r.id === failed.id && r.status === 'sealed');
    expect(sealed.attempts).toBe(2);
    expect(await evidenceCount()).toBe(before + 1);
  });

  it('survives a network cut mid-upload: retried, sealed, exactly one evidence', async () => {
    const before = await evidenceCount();
    const uploadsBefore = proxy.uploads.length;
    proxy.cuts.push('during-request', 'after-answer');
    // And the full page stitched from visible parts, as when the debugger cannot attach.
    await worker.evaluate(() => chrome.storage.local.set({ 'test.forceStitch': true }));
    try {
      await clickPreserve({ comment: 'Capture pendant une coupure' });
      const sealed = await waitForCapture(
        (r) => r.meta?.comment === 'Capture pendant une coupure' && (r.status === 'sealed' || r.status === 'failed'),
        60_000,
      );
      expect(sealed.status).toBe('sealed');
      expect(sealed.attempts).toBe(3);
      expect(sealed.fullPage).toBe('stitched');
      expect(proxy.uploads.slice(uploadsBefore)).toEqual([
        { cut: 'during-request' },
        { cut: 'after-answer', status: 201 },
        { cut: 'none', status: 201, replayed: 'true' },
      ]);
      expect(await evidenceCount()).toBe(before + 1);
      const row = await e2e.testApp.ctx.db
        .selectFrom('evidence')
        .select(['id', 'status'])
        .where('case_id', '=', caseId)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ id: sealed.evidenceId, status: 'sealed' });
      const full = await sharp(await storedBytes(sealed.files[0]?.sha256 ?? '')).metadata();
      expect(full.height ?? 0).toBeGreaterThan(12 * 360);
    } finally {
      await worker.evaluate(() => chrome.storage.local.remove('test.forceStitch'));
    }
  });
});

// ---------------------------------------------------------------- packages

/** A protobuf message's length-delimited fields (the only wire type CRX3 headers use). */
function protoFields(buf: Buffer): Array<{ field: number; value: Buffer }> {
  const out: Array<{ field: number; value: Buffer }> = [];
  let at = 0;
  const varint = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = buf[at++] ?? 0;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
    }
  };
  while (at < buf.length) {
    const key = varint();
    expect(key & 7, 'wire type').toBe(2);
    const length = varint();
    out.push({ field: Math.floor(key / 8), value: buf.subarray(at, at + length) });
    at += length;
  }
  return out;
}

describe('extension packages', () => {
  it('signs a CRX3 whose header names the extension: magic, version, proof, crx_id', async () => {
    const crx = await readFile(built.crxPath);
    expect(crx.subarray(0, 4).toString('latin1')).toBe('Cr24');
    expect(crx.readUInt32LE(4)).toBe(3);
    const headerLength = crx.readUInt32LE(8);
    const header = crx.subarray(12, 12 + headerLength);
    const zip = crx.subarray(12 + headerLength);
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');

    const fields = protoFields(header);
    const proofs = fields.filter((f) => f.field === 2);
    const signedHeaderData = fields.find((f) => f.field === 10000)?.value;
    expect(proofs).toHaveLength(1);
    expect(signedHeaderData).toBeDefined();
    const proof = protoFields(proofs[0]!.value);
    const publicKey = proof.find((f) => f.field === 1)?.value ?? Buffer.alloc(0);
    const signature = proof.find((f) => f.field === 2)?.value ?? Buffer.alloc(0);
    const crxId = protoFields(signedHeaderData!).find((f) => f.field === 1)?.value ?? Buffer.alloc(0);

    expect(crxId).toEqual(createHash('sha256').update(publicKey).digest().subarray(0, 16));
    const idFromHeader = [...crxId.toString('hex')].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
    expect(idFromHeader).toBe(extensionId);

    const lengthLe = Buffer.alloc(4);
    lengthLe.writeUInt32LE(signedHeaderData!.length);
    const signed = Buffer.concat([Buffer.from('CRX3 SignedData\x00', 'latin1'), lengthLe, signedHeaderData!, zip]);
    const key = createPublicKey({ key: publicKey, format: 'der', type: 'spki' });
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(verify('sha256', signed, key, signature)).toBe(true);
    expect(verify('sha256', Buffer.concat([signed, Buffer.from('x')]), key, signature)).toBe(false);

    // The CRX's manifest: host access to the board's server only, updates from Rempart, no key.
    const zipPath = join(tmp, 'from-crx.zip');
    await writeFile(zipPath, zip);
    const files = await readZip(zipPath);
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;
    expect(manifest).toMatchObject({
      manifest_version: 3,
      version: built.version,
      host_permissions: ['http://127.0.0.1/*'],
      update_url: `${proxy.url}/extension/updates.xml`,
    });
    expect(manifest.key).toBeUndefined();
    expect(manifest.permissions).toEqual(['activeTab', 'scripting', 'storage', 'debugger', 'pageCapture', 'alarms']);
    expect(JSON.parse(files.get('config.json')?.toString('utf8') ?? '{}')).toEqual({ serverUrl: proxy.url });

    // The store package is generic: no server, no key, no update URL.
    const store = await readZip(built.zipPath);
    const storeManifest = JSON.parse(store.get('manifest.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;
    expect(storeManifest.host_permissions).toBeUndefined();
    expect(storeManifest.update_url).toBeUndefined();
    expect(storeManifest.key).toBeUndefined();
    expect(store.has('config.json')).toBe(false);
    expect([...store.keys()].sort()).toEqual(
      expect.arrayContaining([
        'background.js',
        'popup.html',
        'popup.js',
        'region.js',
        '_locales/fr/messages.json',
        '_locales/en/messages.json',
        'managed_schema.json',
      ]),
    );
  });

  it('serves the CRX and an update manifest naming its id and version', async () => {
    const xml = await fetch(`${e2e.baseUrl}/extension/updates.xml`);
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toMatch(/^application\/xml/);
    const text = await xml.text();
    expect(text).toContain("<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>");
    expect(text).toContain(`<app appid='${extensionId}'>`);
    expect(text).toContain(`<updatecheck codebase='${e2e.baseUrl}/extension/rempart.crx' version='${built.version}' />`);
    const crx = await fetch(`${e2e.baseUrl}/extension/rempart.crx`);
    expect(crx.status).toBe(200);
    expect(crx.headers.get('content-type')).toBe('application/x-chrome-extension');
    expect(Buffer.from(await crx.arrayBuffer()).equals(await readFile(built.crxPath))).toBe(true);
  });
});
