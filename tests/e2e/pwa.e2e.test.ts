// The installable phone app (docs/phone-app.md) in phone emulation (360 × 740, touch, a mobile
// user agent) against the served production build: installability through CDP
// (Page.getInstallabilityErrors: none), the Web Share Target (POST /partager with a link and an
// image → the report form pre-filled → a case with the link as location and the image sealed as
// evidence; then into an existing case), the server's fallback when no service worker answers,
// and the offline queue (offline → report → « En attente d'envoi », only ciphertext in
// IndexedDB → online → sent by itself, the first answer lost on the way back and the retry
// replayed by its Idempotency-Key: one case) and the erasure at sign-out. Axe on the new screens,
// screenshots into /tmp/rempart-shots/.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_ARGS,
  chromiumPath,
  type E2e,
  horizontalOverflow,
  screenshot,
  seriousA11yViolations,
  signIn,
  startE2e,
} from '../support/e2e.js';
import { buildTestOrg, type TestOrg } from '../support/org.js';

let e2e: E2e;
let org: TestOrg;
const contexts: BrowserContext[] = [];
const profiles: string[] = [];

beforeAll(async () => {
  e2e = await startE2e();
  org = await buildTestOrg(e2e.testApp.ctx);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await e2e?.close();
  for (const profile of profiles) await rm(profile, { recursive: true, force: true });
});

const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Mobile Safari/537.36';
const VAULT = 'rempart-hors-ligne';

interface Phone {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

const phoneOptions = {
  get baseURL() {
    return e2e.baseUrl;
  },
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent: ANDROID_UA,
  locale: 'fr-CA',
  timezoneId: 'America/Toronto',
  reducedMotion: 'reduce' as const,
};

/** A phone: 360 × 740, touch, mobile user agent; console errors and page errors recorded. */
async function phone(options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<Phone> {
  const context = await e2e.browser.newContext({ ...phoneOptions, serviceWorkers: options.serviceWorkers ?? 'allow' });
  contexts.push(context);
  const page = await context.newPage();
  return { context, page, problems: watch(page) };
}

/** Console errors (4xx answers excepted) and uncaught exceptions of a page. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

/** Waits until the service worker controls the page (it claims its clients when activated). */
async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
}

/** Console problems, without the requests the test itself cut or made while offline. */
const unexpected = (problems: string[]) => problems.filter((p) => !/net::ERR_(FAILED|INTERNET_DISCONNECTED)/.test(p));

async function testImage(label: string): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 560, channels: 3, background: { r: 29, g: 78, b: 137 } } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="320" height="560"><rect x="20" y="40" width="280" height="120" fill="#fff"/><text x="30" y="110" font-size="28">${label}</text></svg>`,
        ),
      },
    ])
    .png()
    .toBuffer();
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Submits a share the way Android's share sheet does: a navigation POST, multipart, to /partager. */
async function shareInto(
  page: Page,
  fields: Record<string, string>,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  await page.evaluate((values) => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/partager';
    form.enctype = 'multipart/form-data';
    form.id = 'test-share';
    for (const [name, value] of Object.entries(values)) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    const files = document.createElement('input');
    files.type = 'file';
    files.name = 'files';
    files.id = 'test-share-files';
    form.append(files);
    document.body.append(form);
  }, fields);
  await page.setInputFiles('#test-share-files', file);
  await Promise.all([
    page.waitForURL(/\/signaler\?partage=/),
    page.evaluate(() => (document.getElementById('test-share') as HTMLFormElement).submit()),
  ]);
}

/** Every record of the device store, as text: ArrayBuffers and typed arrays as raw bytes. */
async function rawVault(page: Page) {
  return page.evaluate(async (name) => {
    if (!(await indexedDB.databases()).some((d) => d.name === name)) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const stores: Record<string, unknown[]> = {};
    for (const store of Array.from(db.objectStoreNames)) {
      stores[store] = await new Promise<unknown[]>((resolve) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result);
      });
    }
    const bytes = (b: ArrayBuffer | ArrayBufferView) =>
      Array.from(b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength), (x) =>
        String.fromCharCode(x),
      ).join('');
    const text = JSON.stringify(stores, (_key, value: unknown) =>
      value instanceof ArrayBuffer || ArrayBuffer.isView(value) ? bytes(value as ArrayBuffer) : value,
    );
    const keys = stores.keys as Array<{ key: CryptoKey }> | undefined;
    const key = keys?.[0]?.key;
    let exportRefused = false;
    if (key) {
      try {
        await crypto.subtle.exportKey('raw', key);
      } catch {
        exportRefused = true;
      }
    }
    const counts = Object.fromEntries(Object.entries(stores).map(([store, rows]) => [store, rows.length]));
    const kinds = (stores.items as Array<{ kind: string }> | undefined)?.map((i) => i.kind) ?? [];
    const shape = key
      ? {
          type: key.type,
          extractable: key.extractable,
          algorithm: (key.algorithm as AesKeyAlgorithm).name,
          length: (key.algorithm as AesKeyAlgorithm).length,
        }
      : null;
    db.close();
    return { text, counts, kinds, key: shape, exportRefused };
  }, VAULT);
}

const casesOf = (personId: string) =>
  e2e.testApp.ctx.db.selectFrom('cases').select(['id', 'reference']).where('affected_person_id', '=', personId).execute();

const uploadsOf = (caseId: string) =>
  e2e.testApp.ctx.db
    .selectFrom('evidence')
    .innerJoin('artefacts', 'artefacts.evidence_id', 'evidence.id')
    .select([
      'evidence.id',
      'evidence.status',
      'evidence.source_url',
      'evidence.comment',
      'artefacts.sha256',
      'artefacts.kind',
      'artefacts.filename',
    ])
    .where('evidence.case_id', '=', caseId)
    .where('evidence.source', '=', 'upload')
    .where('artefacts.kind', '=', 'upload')
    .orderBy('evidence.created_at')
    .execute();

describe('installable phone app', () => {
  it('is installable: manifest, icons and service worker, no installability error in Chromium', async () => {
    // A normal profile: Chromium never offers to install from an incognito-like context.
    const profile = await mkdtemp(join(tmpdir(), 'rempart-pwa-'));
    profiles.push(profile);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
      ...phoneOptions,
    });
    contexts.push(context);
    const page = context.pages()[0] ?? (await context.newPage());
    const problems = watch(page);
    await page.goto('/connexion');
    await page.locator('main h1').waitFor();
    await controlled(page);

    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.url).toBe(`${e2e.baseUrl}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    const parsed = JSON.parse(manifest.data ?? '{}') as Record<string, unknown>;
    expect(parsed).toMatchObject({
      name: 'Rempart',
      short_name: 'Rempart',
      lang: 'fr-CA',
      start_url: '/',
      scope: '/',
      display: 'standalone',
    });
    expect(parsed.share_target).toEqual({
      action: '/partager',
      method: 'POST',
      enctype: 'multipart/form-data',
      params: { title: 'title', text: 'text', url: 'url', files: [{ name: 'files', accept: ['image/*', 'video/*', 'application/pdf'] }] },
    });

    // Served as what they are; the worker at the root, without a hash; icons at their sizes.
    const sw = await page.request.get('/sw.js');
    expect(sw.status()).toBe(200);
    expect(sw.headers()['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL)).toBe(
      `${e2e.baseUrl}/sw.js`,
    );
    const manifestFile = await page.request.get('/manifest.webmanifest');
    expect(manifestFile.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    for (const [path, size] of [
      ['/icons/icon-192.png', 192],
      ['/icons/icon-512.png', 512],
      ['/icons/icon-maskable-512.png', 512],
      ['/icons/apple-touch-icon.png', 180],
    ] as const) {
      const icon = await page.request.get(path);
      expect(icon.status(), path).toBe(200);
      const meta = await sharp(await icon.body()).metadata();
      expect([meta.format, meta.width, meta.height], path).toEqual(['png', size, size]);
    }
    expect(await page.locator('link[rel="apple-touch-icon"]').getAttribute('href')).toBe('/icons/apple-touch-icon.png');

    // The shell opens without network, from the worker's cache.
    await page.context().setOffline(true);
    await page.reload();
    await page.locator('main h1').waitFor();
    expect(await page.locator('main h1').textContent()).toBe('Connexion');
    await page.context().setOffline(false);
    expect(unexpected(problems)).toEqual([]);
  });

  it('receives a link and a screenshot shared from another app, pre-fills the report, and seals the image once sent', async () => {
    const staff = org.staffA;
    const { page, problems } = await phone();
    await signIn(page, staff);
    await controlled(page);
    const image = await testImage('Publication partagée');
    const link = 'https://www.facebook.com/groups/parents-ecole/posts/555001';
    await shareInto(
      page,
      { title: 'Groupe des parents', text: 'Regardez ce que ce compte publie sur moi', url: link },
      { name: 'capture-facebook.png', mimeType: 'image/png', buffer: image },
    );

    // The form, pre-filled: the words, the link, the screenshot.
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Signaler une situation');
    await expect.poll(() => page.locator('main').textContent()).toContain('Reçu par partage');
    expect(await page.locator('#report-summary').inputValue()).toBe('Groupe des parents\nRegardez ce que ce compte publie sur moi');
    expect(await page.locator('.link-list__item').allTextContents()).toEqual([expect.stringContaining(link)]);
    await expect.poll(() => page.locator('.attachments__item').count()).toBe(1);
    expect(await page.locator('.attachments__item').textContent()).toContain('capture-facebook.png');
    expect(await page.locator('.attachments__item').textContent()).toContain('reçu par partage');
    // Nothing was sent: the share is on the device only, encrypted.
    expect(await casesOf(staff.personId)).toEqual([]);
    const kept = await rawVault(page);
    expect(kept?.kinds).toEqual(['share']);
    expect(kept?.text).not.toContain('Regardez ce que ce compte');
    expect(kept?.text).not.toContain('parents-ecole');
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(page), 'report form pre-filled by a share').toEqual([]);
    await screenshot(page, 'pwa-share-prefilled-360');

    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.waitForURL(/\/signaler\/envoye\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Votre signalement est bien reçu');
    const [created] = await casesOf(staff.personId);
    expect(created).toBeDefined();
    const locations = await e2e.testApp.ctx.db.selectFrom('locations').select('url').where('case_id', '=', created!.id).execute();
    expect(locations.map((l) => l.url)).toEqual([link]);
    const uploads = await uploadsOf(created!.id);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ status: 'sealed', sha256: sha256(image), filename: 'capture-facebook.png', source_url: link });
    // The share left the device with the report.
    await expect.poll(async () => (await rawVault(page))?.counts.items ?? 0).toBe(0);

    // A second share goes into the case just opened (« Un de mes dossiers »).
    await page.goto('/');
    await page.locator('main h1').waitFor();
    const second = await testImage('Story Instagram');
    await shareInto(
      page,
      { text: 'Une story https://www.instagram.com/stories/quelquun/3141592/ encore' },
      { name: 'story.png', mimeType: 'image/png', buffer: second },
    );
    await expect.poll(() => page.locator('.attachments__item').count()).toBe(1);
    expect(await page.locator('.link-list__item').allTextContents()).toEqual([
      expect.stringContaining('https://www.instagram.com/stories/quelquun/3141592/'),
    ]);
    await page.getByLabel('Un de mes dossiers').check();
    await expect.poll(() => page.getByLabel('Dossier', { exact: true }).inputValue()).toBe(created!.id);
    expect(await page.locator('.report-flags').isVisible()).toBe(false);
    expect(await page.locator('label[for="report-summary"]').textContent()).toBe('Un commentaire (facultatif)');
    expect(await seriousA11yViolations(page), 'report form, existing case').toEqual([]);
    await screenshot(page, 'pwa-share-existing-case-360');
    await page.getByRole('button', { name: 'Ajouter au dossier' }).click();
    await page.waitForURL(`**/dossiers/${created!.id}`);
    expect(await casesOf(staff.personId)).toHaveLength(1);
    await expect.poll(async () => (await uploadsOf(created!.id)).length).toBe(2);
    expect((await uploadsOf(created!.id))[1]).toMatchObject({ status: 'sealed', sha256: sha256(second), comment: 'Une story encore' });
    const allLocations = await e2e.testApp.ctx.db.selectFrom('locations').select('url').where('case_id', '=', created!.id).execute();
    expect(allLocations.map((l) => l.url).sort()).toEqual([link, 'https://www.instagram.com/stories/quelquun/3141592/'].sort());
    expect(unexpected(problems)).toEqual([]);
  });

  it('answers a share no service worker handled with a redirect to the form, keeping nothing', async () => {
    // Straight to the server: 303 to the form, the text in the fragment (never sent to a server), files counted.
    const form = new FormData();
    form.append('title', 'Vidéo TikTok');
    form.append('text', 'Regarde https://www.tiktok.com/@quelquun/video/7000000000000000001');
    form.append('files', new Blob([new Uint8Array(await testImage('TikTok'))], { type: 'image/png' }), 'tiktok.png');
    const answer = await fetch(`${e2e.baseUrl}/partager`, { method: 'POST', body: form, redirect: 'manual' });
    expect(answer.status).toBe(303);
    const location = answer.headers.get('location') ?? '';
    expect(location.startsWith('/signaler?partage=direct#')).toBe(true);
    const fragment = new URLSearchParams(location.split('#')[1]);
    expect(Object.fromEntries(fragment)).toEqual({
      title: 'Vidéo TikTok',
      text: 'Regarde https://www.tiktok.com/@quelquun/video/7000000000000000001',
      files: '1',
    });
    // Another site may not fill the form.
    const forged = await fetch(`${e2e.baseUrl}/partager`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect([forged.status, forged.headers.get('location')]).toEqual([303, '/signaler']);

    // In a browser without the worker: the form opens with the link and asks for the file again.
    const { page, problems } = await phone({ serviceWorkers: 'block' });
    await signIn(page, org.staffB);
    await shareInto(
      page,
      { title: 'Vidéo TikTok', text: 'Regarde https://www.tiktok.com/@quelquun/video/7000000000000000001' },
      { name: 'tiktok.png', mimeType: 'image/png', buffer: await testImage('TikTok') },
    );
    await expect.poll(() => page.locator('main').textContent()).toContain("1 fichier partagé n'a pas pu être reçu");
    expect(await page.locator('.link-list__item').allTextContents()).toEqual([
      expect.stringContaining('https://www.tiktok.com/@quelquun/video/7000000000000000001'),
    ]);
    expect(await page.locator('#report-summary').inputValue()).toBe('Vidéo TikTok\nRegarde');
    expect(await seriousA11yViolations(page), 'report form after a server-side share').toEqual([]);
    expect(unexpected(problems)).toEqual([]);
  });

  it('keeps a report written offline on the device, encrypted, and sends it once when the network returns', {
    timeout: 120_000,
  }, async () => {
    const staff = org.staffA2;
    const { context, page, problems } = await phone();
    await signIn(page, staff);
    await controlled(page);
    await page.goto('/signaler');
    await page.locator('#report-summary').waitFor();
    const name = await page.locator('.user-tools__name').textContent();

    await context.setOffline(true);
    await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
    // Offline: said under the header, before anything is written.
    await expect.poll(() => page.locator('.offline-banner').textContent()).toContain('Vous êtes hors ligne');
    expect(await seriousA11yViolations(page), 'report form offline').toEqual([]);
    await screenshot(page, 'pwa-offline-report-360');
    const summary = 'Sans réseau dans le gymnase : un faux profil à mon nom publie des montages de moi.';
    await page.locator('#report-summary').fill(summary);
    await page.locator('#report-link').fill('https://www.instagram.com/faux.profil.enseignante/');
    await page.getByRole('button', { name: 'Ajouter le lien' }).click();
    const photo = await testImage('Écran de la collègue');
    await page
      .locator('input[type="file"][capture="environment"]')
      .setInputFiles({ name: 'photo-ecran.png', mimeType: 'image/png', buffer: photo });
    await expect.poll(() => page.locator('.attachments__item').count()).toBe(1);
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();

    // « En attente d'envoi »: the page, the banner, the count in the header.
    await page.waitForURL('**/en-attente');
    await expect.poll(() => page.locator('main h1').textContent()).toBe("En attente d'envoi");
    await expect.poll(() => page.locator('.offline-banner').textContent()).toContain("En attente d'envoi.");
    expect(await page.locator('.offline-banner').textContent()).toContain('1 signalement est gardé sur cet appareil, chiffré.');
    // The count in the header row from 30 rem up (on a phone the banner, in the header too, has it).
    expect(await page.locator('.pending-pill').isVisible()).toBe(false);
    await page.setViewportSize({ width: 800, height: 740 });
    await expect.poll(() => page.getByRole('link', { name: "En attente d'envoi : 1 signalement" }).count()).toBe(1);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.locator('main').textContent()).toContain(summary.slice(0, 60));
    expect(await page.locator('main').textContent()).toContain('1 fichier, 1 lien');
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(page), 'waiting to send').toEqual([]);
    await screenshot(page, 'pwa-waiting-360');

    // On the device: ciphertext only, under a key that cannot be exported.
    const raw = await rawVault(page);
    expect(raw?.counts).toEqual({ keys: 1, items: 1, files: 1, session: 1 });
    expect(raw?.key).toEqual({ type: 'secret', extractable: false, algorithm: 'AES-GCM', length: 256 });
    expect(raw?.exportRefused).toBe(true);
    for (const secret of ['faux profil', 'gymnase', 'faux.profil.enseignante', 'photo-ecran', 'IHDR', staff.email, 'Mille-Ruisseaux']) {
      expect(raw?.text, secret).not.toContain(secret);
    }
    expect(await casesOf(staff.personId)).toEqual([]);

    // The app reopened without network: the shell from the worker's cache, the person from the
    // encrypted copy of their profile, the waiting report decrypted for them.
    await page.reload();
    await expect.poll(() => page.locator('main h1').textContent()).toBe("En attente d'envoi");
    expect(await page.locator('.user-tools__name').textContent()).toBe(name);
    await expect.poll(() => page.locator('main').textContent()).toContain(summary.slice(0, 60));
    expect(await casesOf(staff.personId)).toEqual([]);

    // Back online; the first answer to POST /cases is lost on the way back (the case is created,
    // the phone never hears): the retry carries the same Idempotency-Key and gets the same case.
    const keys: string[] = [];
    let lost: { id: string; reference: string } | undefined;
    await context.route('**/api/v1/cases', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (lost) return route.fallback();
      const response = await route.fetch();
      lost = (await response.json()) as { id: string; reference: string };
      await route.abort('failed');
    });
    await context.setOffline(false);
    await expect.poll(() => page.locator('main').textContent(), { timeout: 45_000 }).toContain('Signalement envoyé');
    expect(await page.locator('main').textContent()).toContain(lost?.reference ?? 'missing');
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys)).toEqual(new Set([keys[0]]));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    await context.unroute('**/api/v1/cases');

    const rows = await casesOf(staff.personId);
    expect(rows).toEqual([{ id: lost!.id, reference: lost!.reference }]);
    const listed = await page.evaluate(async () => ((await (await fetch('/api/v1/cases')).json()) as { items: unknown[] }).items.length);
    expect(listed).toBe(1);
    const uploads = await uploadsOf(lost!.id);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ status: 'sealed', sha256: sha256(photo), filename: 'photo-ecran.png' });
    const locations = await e2e.testApp.ctx.db.selectFrom('locations').select('url').where('case_id', '=', lost!.id).execute();
    expect(locations.map((l) => l.url)).toEqual(['https://www.instagram.com/faux.profil.enseignante/']);
    // Nothing waits any more: no count, no banner; the queue on the device is empty.
    await expect.poll(() => page.locator('.pending-pill').count()).toBe(0);
    expect(await page.locator('.offline-banner').count()).toBe(0);
    expect((await rawVault(page))?.counts).toMatchObject({ items: 0, files: 0 });
    await page.getByRole('link', { name: `dossier ${lost!.reference}` }).click();
    await page.waitForURL(`**/signaler/envoye/${lost!.id}`);

    // No API answer was ever put in the worker's cache.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    expect(cached.length).toBeGreaterThan(5);
    expect(cached.filter((u) => u.startsWith('/api'))).toEqual([]);
    expect(unexpected(problems)).toEqual([]);
  });

  it('erases everything on the device at sign-out', async () => {
    const { page, problems } = await phone();
    await signIn(page, org.supA);
    await controlled(page);
    // Something on the device: a share kept by the worker, and the copy of the profile.
    await page.evaluate(async () => {
      const form = new FormData();
      form.append('text', 'À effacer https://x.com/quelquun/status/1');
      await fetch('/partager', { method: 'POST', body: form });
    });
    await expect.poll(async () => (await rawVault(page))?.counts).toMatchObject({ keys: 1, items: 1, session: 1 });

    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL('**/connexion');
    await expect.poll(async () => (await rawVault(page))?.counts ?? 'gone').toBe('gone');
    expect(unexpected(problems)).toEqual([]);
  });
});
