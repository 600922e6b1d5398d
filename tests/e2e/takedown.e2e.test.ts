// Removal requests in real Chromium (docs/ui-takedowns.md), as IT in an organisation built for the
// test: a Facebook location (sealed evidence uploaded through the API) is matched to Facebook; a
// harassment request is drafted, its French and English texts cite the URL and the evidence hash;
// "Marquer comme envoyée" without consent says « Le consentement de la personne est requis »; the
// staff member (another browser) reads the plain-French explanation and consents with their
// password; IT sends it, then records the removal with a confirmation note (facebook.com cannot be
// re-checked from a test machine) and step 4.3.3 of that location shows done. A second location on
// a local fixture server (CAPTURE_ALLOW_HOSTS=127.0.0.1 laid over the app's config) is re-checked
// from the panel — unknown while the page answers 200, removed once it answers 404 — and its own
// request is closed as removed on that re-check (no note), closing its 4.3.3. A web host's abuse
// contact is looked up against a local RDAP server. Axe (WCAG 2.1 A/AA) on each screen, no
// sideways scrolling at 360 px, screenshots of the location panel and the request editor at 360 and
// 1280 px.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadProviderDirectory } from '../../src/app/takedowns/load-provider-directory.js';
import { parseAllowList } from '../../src/domain/capture/destination.js';
import { type E2e, horizontalOverflow, SHOTS_DIR, screenshot, seriousA11yViolations, signIn, startE2e } from '../support/e2e.js';
import { file, multipart } from '../support/multipart.js';
import { buildTestOrg, type TestOrg } from '../support/org.js';
import { startTestRdap, type TestRdap } from '../support/rdap.js';

let e2e: E2e;
let org: TestOrg;
let rdap: TestRdap;
let fixture: Server;
let fixtureRemoved = false;
let caseId: string;
let reference: string;
let stopJobs = false;
let jobsLoop: Promise<void> | undefined;
let png: Buffer;
const locationIds: Record<'facebook' | 'fixture' | 'host', string> = { facebook: '', fixture: '', host: '' };

const FACEBOOK_URL = 'https://www.facebook.com/groups/1/posts/2';
const HOST_URL = 'https://forum.harcelement-exemple.test/sujet/42';
let fixtureUrl = '';

const names = { staffA: 'Marie-Ève Tremblay', supA: 'Jean-François Gagnon', it: 'Karim Benali' };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function apiAs(user: { email: string; password: string }) {
  const app = e2e.testApp.app;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin: e2e.baseUrl },
    payload: { email: user.email, password: user.password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'rempart_session');
  const headers = { origin: e2e.baseUrl, cookie: `rempart_session=${cookie?.value}` };
  return {
    call: (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      app.inject({ method, url, headers, ...(payload ? { payload } : {}) }),
    upload: (url: string, body: { payload: Buffer; headers: Record<string, string> }) =>
      app.inject({ method: 'POST', url, headers: { ...headers, ...body.headers }, payload: body.payload }),
  };
}

async function panelShot(page: Page, selector: string, name: string): Promise<void> {
  await mkdir(SHOTS_DIR, { recursive: true });
  await page.locator(selector).screenshot({ path: join(SHOTS_DIR, `${name}.png`) });
}

async function openCase(page: Page) {
  await page.goto(`/dossiers/${caseId}`);
  await expect.poll(() => page.locator('main h1').textContent()).toBe(`Dossier ${reference}`);
  await page.locator('#retraits .takedown-location').first().waitFor();
}

const panel = (page: Page, key: keyof typeof locationIds) =>
  page.locator(`#retraits .takedown-location[data-location="${locationIds[key]}"]`);

async function expectClean(page: Page, problems: string[], label: string, width?: number) {
  expect(await seriousA11yViolations(page), label).toEqual([]);
  if (width) expect((await horizontalOverflow(page)).scrollWidth, `${label}: no sideways scrolling`).toBeLessThanOrEqual(width);
  expect(problems, label).toEqual([]);
}

beforeAll(async () => {
  e2e = await startE2e();
  const ctx = e2e.testApp.ctx;
  // As `rempart start` does after the migrations: the provider directory from seed/providers.
  await loadProviderDirectory(ctx);
  org = await buildTestOrg(ctx);
  for (const [key, name] of Object.entries(names)) {
    const user = org[key as keyof typeof names];
    await ctx.db.updateTable('users').set({ display_name: name }).where('id', '=', user.id).execute();
    await ctx.db.updateTable('persons').set({ full_name: name }).where('id', '=', user.personId).execute();
  }
  // The page the re-check fetches: online (200) until the test says it is gone (404).
  fixture = createServer((req, res) => {
    if (fixtureRemoved)
      return res
        .writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
        .end('<title>Introuvable</title><p>Cette page n’existe pas.</p>');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="fr"><title>Forum</title><main><p>${'Des propos humiliants sur une enseignante de l’école primaire des Érables, répétés chaque semaine. '.repeat(4)}</p></main></html>`,
    );
    void req;
  });
  await new Promise<void>((ok) => fixture.listen(0, '127.0.0.1', () => ok()));
  fixtureUrl = `http://127.0.0.1:${(fixture.address() as AddressInfo).port}/publication/7`;
  rdap = await startTestRdap();
  // The e2e support builds the app from a fixed environment: lay CAPTURE_ALLOW_HOSTS=127.0.0.1
  // (re-checks of the fixture page) and RDAP_BASE_URL (the local RDAP server) over its config.
  ctx.config = { ...ctx.config, captureAllowHosts: parseAllowList('127.0.0.1'), rdapBaseUrl: rdap.url };
  e2e.testApp.database.pool.on('error', () => undefined);
  e2e.testApp.database.pool.on('connect', (client) => client.on('error', () => undefined));
  // No worker in the e2e app: the queue (re-checks, mail) is worked in the background, as WORKER=inline does.
  jobsLoop = (async () => {
    while (!stopJobs) {
      await e2e.testApp.runJobs().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();

  const staff = await apiAs(org.staffA);
  const opened = await staff.call('POST', '/api/v1/cases', {
    summary: 'Un groupe Facebook publie des messages humiliants à mon sujet, avec ma photo.',
    urls: [FACEBOOK_URL, fixtureUrl, HOST_URL],
  });
  expect(opened.statusCode, opened.body).toBe(201);
  caseId = opened.json().id;
  reference = opened.json().reference;
  const locations = opened.json().locations as Array<{ id: string; url: string; providerId: string | null }>;
  locationIds.facebook = locations.find((l) => l.url === FACEBOOK_URL)?.id ?? '';
  locationIds.fixture = locations.find((l) => l.url === fixtureUrl)?.id ?? '';
  locationIds.host = locations.find((l) => l.url === HOST_URL)?.id ?? '';
  expect(locations.find((l) => l.url === FACEBOOK_URL)?.providerId).toBe('facebook');

  // Sealed evidence for the Facebook post and the fixture page: screenshots uploaded through the API.
  png = await sharp({ create: { width: 80, height: 60, channels: 3, background: { r: 40, g: 90, b: 160 } } })
    .png()
    .toBuffer();
  for (const url of [FACEBOOK_URL, fixtureUrl]) {
    const up = await staff.upload(
      `/api/v1/cases/${caseId}/evidence`,
      multipart([
        file(png, 'capture.png', 'image/png'),
        { name: 'sha256', data: sha256(png) },
        { name: 'meta', data: JSON.stringify({ sourceUrl: url, comment: 'Capture faite sur mon téléphone' }) },
      ]),
    );
    expect(up.statusCode, up.body).toBe(201);
  }
  // The supervisor brings general direction, HR and IT in (step 4.2.2).
  const sup = await apiAs(org.supA);
  const tasks = (await sup.call('GET', `/api/v1/cases/${caseId}/tasks`)).json<Array<{ id: string; stepKey: string }>>();
  const notify = tasks.find((t) => t.stepKey === '4.2.2');
  expect((await sup.call('PATCH', `/api/v1/tasks/${notify?.id}`, { status: 'done' })).statusCode).toBe(200);
}, 180_000);

afterAll(async () => {
  stopJobs = true;
  await jobsLoop;
  await e2e?.close();
  await rdap?.close();
  fixture?.closeAllConnections();
  await new Promise<void>((ok) => (fixture ? fixture.close(() => ok()) : ok()));
});

describe('takedowns', () => {
  beforeEach(() => {
    e2e.clock.advance(60_000);
  });

  it('shows each location with its provider, evidence and status; a web host gets its abuse contact from RDAP', async () => {
    const { page, problems } = await e2e.newPage();
    await signIn(page, org.it);
    await openCase(page);

    const facebook = panel(page, 'facebook');
    await expect.poll(() => facebook.locator('.takedown-location__provider').textContent()).toBe('Facebook (Meta)');
    expect(await facebook.textContent()).toContain("Plateforme reconnue d'après l'adresse");
    expect(await facebook.textContent()).toContain('Preuve conservée');
    expect(await facebook.textContent()).toContain('Jamais vérifié par Rempart.');
    expect(await facebook.textContent()).toContain('Aucune demande pour ce lien.');
    // No consent yet: the panel says so, with a way to ask.
    const consent = page.locator('#retraits .alert', { hasText: 'Le consentement de la personne est requis' });
    expect(await consent.textContent()).toContain('Marie-Ève Tremblay');
    await consent.getByText('Message à lui transmettre').click();
    expect(await consent.locator('.code-block').textContent()).toContain(`/dossiers/${caseId}/retraits/consentement`);
    // Asked inside Rempart: a notice and a mail for her; not twice in a row.
    await consent.getByRole('button', { name: 'Demander à Marie-Ève Tremblay dans Rempart' }).click();
    await expect.poll(() => consent.textContent()).toContain('Demande envoyée à Marie-Ève Tremblay');
    expect(await consent.getByRole('button', { name: 'Demander à Marie-Ève Tremblay dans Rempart' }).count()).toBe(0);

    // The forum is not in the directory: a web host, with the registrar's abuse desk found by RDAP.
    const host = panel(page, 'host');
    expect(await host.locator('.takedown-location__provider').textContent()).toBe('Site hors répertoire (hébergeur web)');
    await host.getByRole('button', { name: "Chercher le contact d'abus de forum.harcelement-exemple.test" }).click();
    await expect.poll(() => host.locator('.abuse-result').textContent(), { timeout: 15_000 }).toContain('abuse@registrar.example');
    expect(await host.locator('.abuse-result').textContent()).toContain('Registraire du domaine');
    expect(rdap.requests.some((r) => r.includes('harcelement-exemple.test'))).toBe(true);

    await expectClean(page, problems, 'case page, takedown panel (1280)');
    await panelShot(page, `#retraits`, 'takedown-panel-1280');
  });

  it('drafts a harassment request for the Facebook post; its texts cite the URL and hash; sending without consent is refused in plain words', async () => {
    const { page, problems, context } = await e2e.newPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.baseUrl });
    await signIn(page, org.it);
    await openCase(page);
    await panel(page, 'facebook')
      .getByRole('link', { name: /Préparer une demande de retrait/ })
      .click();
    await page.waitForURL(`**/dossiers/${caseId}/retraits/nouvelle?adresse=*`);
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Préparer une demande de retrait');
    // The location is chosen and its provider is proposed.
    expect(await page.getByRole('checkbox', { name: /facebook\.com\/groups\/1\/posts\/2/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('Fournisseur à qui demander le retrait').inputValue()).toBe('facebook');
    // A ground is required.
    await page.getByRole('button', { name: 'Préparer le brouillon' }).click();
    await expect.poll(() => page.locator('#new-ground-error').textContent()).toBe('Choisissez le motif.');
    await expectClean(page, problems, 'new request (1280)');
    await page
      .getByRole('group', { name: 'Motif de la demande' })
      .getByRole('radio', { name: /^Harcèlement/ })
      .check();
    await page.getByRole('button', { name: 'Préparer le brouillon' }).click();
    await page.waitForURL(/\/retraits\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Demande de retrait\u00a0: Facebook (Meta) (Harcèlement)');
    expect(await page.locator('#demande .status-badge').textContent()).toBe('Brouillon');

    // French text, then English (arrow key on the tab list); both cite the URL and the evidence hash.
    const text = page.locator('#texte .takedown-text').last();
    const french = (await text.textContent()) ?? '';
    expect(french).toContain(FACEBOOK_URL);
    expect(french).toContain(sha256(png));
    expect(await text.getAttribute('lang')).toBe('fr-CA');
    await page.getByRole('tab', { name: /Français/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { name: 'English' }).getAttribute('aria-selected')).toBe('true');
    const english = (await text.textContent()) ?? '';
    expect(english).toContain(FACEBOOK_URL);
    expect(english).toContain(sha256(png));
    expect(english).not.toBe(french);
    await page.getByRole('button', { name: 'Copier le texte' }).click();
    await expect.poll(() => page.locator('#texte .copy__status').textContent()).toBe('Copié.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(english);
    await page.getByRole('tab', { name: 'English' }).click();
    await page.keyboard.press('ArrowLeft');

    // The consent is missing: said before sending, and again when sending is tried.
    expect(await page.locator('main').textContent()).toContain('Le consentement de la personne est requis');
    await page.getByLabel('Numéro de référence du fournisseur (facultatif)').fill('FB-2026-0042');
    await page.locator('#envoi').getByRole('button', { name: 'Marquer comme envoyée' }).click();
    const refused = page.locator('#envoi .alert--error');
    await expect.poll(() => refused.locator('.alert__title').textContent()).toBe('Le consentement de la personne est requis');
    expect(await refused.textContent()).toContain('Une demande peut être préparée, mais pas envoyée');
    expect(await page.locator('#demande .status-badge').textContent()).toBe('Brouillon');

    await expectClean(page, problems, 'request editor (1280)');
    await screenshot(page, 'takedown-request-1280');
  });

  it('lets the staff member read what a removal request means and consent with their password (360 px)', async () => {
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.staffA);
    await openCase(page);
    const mine = page.locator('#retraits .my-consent');
    await expect.poll(() => mine.textContent()).toContain('Une demande est prête et attend votre accord.');
    // IT's question reached her as a notice that leads straight to the answer page.
    await page.goto('/notifications');
    const notice = page.locator('.item-list__item', { hasText: 'Votre réponse est demandée' });
    await notice.getByRole('link', { name: /^Répondre \(dossier RMP-/ }).click();
    await page.waitForURL(`**/dossiers/${caseId}/retraits/consentement`);
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Autoriser les demandes de retrait');
    await page.locator('.consent-explain__title').first().waitFor();
    const headings = await page.locator('.consent-explain__title').allTextContents();
    expect(headings).toEqual([
      "Qu'est-ce qu'une demande de retrait ?".replace(' ?', '\u00a0?'),
      "L'auteur peut être avisé",
      "Les preuves sont conservées d'abord",
      'Qui fait la demande',
      "Vous pouvez changer d'avis",
    ]);
    expect(await page.locator('#comprendre').textContent()).toContain('disent à l');
    await expect.poll(() => page.locator('#preparees').textContent()).toContain('Facebook (Meta) — Harcèlement');
    expect(await page.locator('#preparees').textContent()).toContain(FACEBOOK_URL);

    const answer = page.locator('#reponse');
    await answer.getByRole('radio', { name: "Oui, j'autorise les demandes de retrait" }).check();
    await answer.getByLabel('Votre mot de passe').fill('pas-le-bon-mot-de-passe');
    await answer.getByRole('button', { name: 'Enregistrer ma réponse' }).click();
    await expect.poll(() => answer.locator('.field__error').textContent()).toBeTruthy();
    await answer.getByRole('radio', { name: "Oui, j'autorise les demandes de retrait" }).check();
    await answer.getByLabel('Votre mot de passe').fill(org.staffA.password);
    await answer.getByRole('button', { name: 'Enregistrer ma réponse' }).click();
    await expect.poll(() => answer.locator('.alert--success').textContent()).toContain('votre accord est enregistré');
    await expect.poll(() => answer.locator('.consent-state').textContent()).toContain('Vous avez autorisé les demandes de retrait');

    await expectClean(page, problems, 'takedown consent (360)', 360);
    await screenshot(page, 'takedown-consent-360');
  });

  it('sends the request once consent is given, then records the removal with a confirmation note: 4.3.3 of that location is done', async () => {
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.it);
    await openCase(page);
    // Consent given: the panel no longer asks for it.
    expect(await page.locator('#retraits').textContent()).not.toContain('Le consentement de la personne est requis');
    await panel(page, 'facebook')
      .getByRole('link', { name: /Facebook \(Meta\) — Harcèlement/ })
      .click();
    await page.waitForURL(/\/retraits\/[0-9a-f-]{36}$/);
    await page.locator('#envoi').waitFor();
    await expectClean(page, problems, 'request editor, draft (360)', 360);
    await screenshot(page, 'takedown-request-360');

    await page.getByLabel('Numéro de référence du fournisseur (facultatif)').fill('FB-2026-0042');
    await page.locator('#envoi').getByRole('button', { name: 'Marquer comme envoyée' }).click();
    await expect.poll(() => page.locator('#demande .status-badge').textContent()).toBe('Envoyée');
    expect(await page.locator('#demande').textContent()).toContain('FB-2026-0042');
    expect(await page.locator('#texte .sent-text').textContent()).toContain(FACEBOOK_URL);

    // A reply from the provider, in the follow-up.
    await page.getByLabel('Type').selectOption('provider_reply');
    await page.getByLabel('Détails').fill('Meta a répondu : le signalement est à l’étude.');
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await expect.poll(() => page.locator('#suivi .followups').textContent()).toContain('Réponse du fournisseur');

    // Removed: facebook.com is never re-checked from here, so a person confirms it with a note.
    const outcome = page.locator('#envoi');
    await outcome.getByRole('radio', { name: 'Le contenu est retiré' }).check();
    expect(await outcome.textContent()).toContain('votre confirmation avec une note');
    await outcome.getByRole('button', { name: 'Enregistrer le nouvel état' }).click();
    await expect.poll(() => outcome.locator('.field__error').textContent()).toContain('Décrivez comment vous avez constaté le retrait');
    await screenshot(page, 'takedown-request-sent-360');
    await outcome
      .getByLabel(/Comment avez-vous constaté le retrait/)
      .fill('Publication ouverte le 3 mars : « Ce contenu n’est pas disponible ».');
    await outcome.getByRole('button', { name: 'Enregistrer le nouvel état' }).click();
    await expect.poll(() => page.locator('#demande .status-badge').textContent()).toBe('Contenu retiré');
    expect(await page.locator('#demande').textContent()).toContain('Retrait confirmé par une personne');
    expect(await page.locator('#envoi').count()).toBe(0);
    await expectClean(page, problems, 'request editor, removed (360)', 360);

    // Back on the case: the location is removed and its steps 4.3.2 and 4.3.3 are done.
    await page.getByRole('link', { name: `Retour au dossier ${reference}` }).click();
    await page.locator('#retraits .takedown-location').first().waitFor();
    const facebook = panel(page, 'facebook');
    await expect.poll(() => facebook.locator('.location-check__state .status-badge').textContent()).toBe('Retiré');
    expect(await facebook.locator('[data-step="4.3.2"] .status-badge').textContent()).toBe('Terminé');
    expect(await facebook.locator('[data-step="4.3.3"] .status-badge').textContent()).toBe('Terminé');
    expect(await facebook.locator('.request-row .status-badge').textContent()).toBe('Contenu retiré');
    await expectClean(page, problems, 'case page, takedown panel (360)', 360);
    await panelShot(page, `#retraits .takedown-location[data-location="${locationIds.facebook}"]`, 'takedown-location-360');
  });

  it('re-checks a location from its panel (online page: unknown; 404: removed) and closes a request on that re-check, without a note', async () => {
    const { page, problems } = await e2e.newPage();
    await signIn(page, org.it);
    await openCase(page);
    const fixturePanel = panel(page, 'fixture');
    const recheck = fixturePanel.getByRole('button', { name: /^Vérifier maintenant si le contenu de 127\.0\.0\.1/ });

    // 200 and no captured page to compare with: a 200 alone never says "online" or "removed".
    await recheck.click();
    await expect.poll(() => fixturePanel.locator('.recheck__status').textContent(), { timeout: 30_000 }).toContain('Vérification terminée');
    expect(await fixturePanel.locator('.recheck__status').textContent()).toContain('À vérifier');
    fixtureRemoved = true;
    await recheck.click();
    await expect
      .poll(() => fixturePanel.locator('.recheck__status').textContent(), { timeout: 30_000 })
      .toContain('Vérification terminée : Retiré.'.replace(' :', '\u00a0:'));
    expect(await fixturePanel.locator('.recheck__status').textContent()).toContain('(404)');
    await expect.poll(() => fixturePanel.locator('.location-check__state .status-badge').textContent()).toBe('Retiré');
    await fixturePanel.getByText('Historique des vérifications').click();
    await expect.poll(() => fixturePanel.locator('.check-list__item').count()).toBe(2);
    expect(await fixturePanel.locator('.check-list__item').first().textContent()).toContain('Réponse HTTP 404');
    await expectClean(page, problems, 'case page after re-checks (1280)');

    // A request to the web host for it, sent, then closed on the re-check alone.
    await fixturePanel.getByRole('link', { name: /Préparer une demande de retrait/ }).click();
    await page.waitForURL(`**/retraits/nouvelle?adresse=*`);
    expect(await page.getByLabel('Fournisseur à qui demander le retrait').inputValue()).toBe('web_host');
    await page
      .getByRole('group', { name: 'Motif de la demande' })
      .getByRole('radio', { name: /^Vie privée/ })
      .check();
    await page.getByRole('button', { name: 'Préparer le brouillon' }).click();
    await page.waitForURL(/\/retraits\/[0-9a-f-]{36}$/);
    await page.locator('#envoi').getByRole('button', { name: 'Marquer comme envoyée' }).click();
    await expect.poll(() => page.locator('#demande .status-badge').textContent()).toBe('Envoyée');
    const outcome = page.locator('#envoi');
    await outcome.getByRole('radio', { name: 'Le contenu est retiré' }).check();
    expect(await outcome.textContent()).toContain('Les vérifications de Rempart ont constaté le retrait de chaque lien');
    await outcome.getByRole('button', { name: 'Enregistrer le nouvel état' }).click();
    await expect.poll(() => page.locator('#demande .status-badge').textContent()).toBe('Contenu retiré');
    expect(await page.locator('#demande').textContent()).toContain('Retrait constaté par une vérification de Rempart.');
    await expectClean(page, problems, 'request removed on a re-check (1280)');

    await openCase(page);
    await expect.poll(() => panel(page, 'fixture').locator('[data-step="4.3.3"] .status-badge').textContent()).toBe('Terminé');
    await panelShot(page, `#retraits .takedown-location[data-location="${locationIds.fixture}"]`, 'takedown-location-1280');
    expect(problems).toEqual([]);
  });
});
