// The other takedown screens in real Chromium (docs/ui-takedowns.md): the triage inbox (a watch
// refused in plain words while no search engine is configured, naming SEARXNG_URL and
// BRAVE_SEARCH_API_KEY; then, with local SearXNG and Brave servers replaying their documented
// answers, a watch whose run brings results while Brave's monthly quota is exhausted — said with
// the retry time —, results added as a location or dismissed, URLs imported by hand), the help
// organisations that apply (the police for threats, with telephone links), the account-recovery
// checklist (4.6.2 closes when Facebook's list is complete), and the provider directory editor
// (entries older than a year flagged, "Marquer comme revu", a channel edited). Axe (WCAG 2.1 A/AA),
// no sideways scrolling at 360 px, screenshots.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProviderDirectory } from '../../src/app/takedowns/load-provider-directory.js';
import { type E2e, horizontalOverflow, SHOTS_DIR, screenshot, seriousA11yViolations, signIn, startE2e } from '../support/e2e.js';
import { buildTestOrg, type TestOrg } from '../support/org.js';
import { BRAVE_PATH, BRAVE_TEST_KEY, braveRateLimited, type ReplayServer, startBraveServer, startSearxngServer } from '../support/search-servers.js';

let e2e: E2e;
let org: TestOrg;
let searx: ReplayServer;
let brave: ReplayServer;
let caseId: string;
let reference: string;
let stopJobs = false;
let jobsLoop: Promise<void> | undefined;

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
  return (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}

async function openCase(page: Page, section: string) {
  await page.goto(`/dossiers/${caseId}`);
  await expect.poll(() => page.locator('main h1').textContent()).toBe(`Dossier ${reference}`);
  await page.locator(`#${section}`).waitFor();
}

async function expectClean(page: Page, problems: string[], label: string, width?: number) {
  expect(await seriousA11yViolations(page), label).toEqual([]);
  if (width) expect((await horizontalOverflow(page)).scrollWidth, `${label}: no sideways scrolling`).toBeLessThanOrEqual(width);
  expect(problems, label).toEqual([]);
}

async function sectionShot(page: Page, selector: string, name: string) {
  await mkdir(SHOTS_DIR, { recursive: true });
  await page.locator(selector).screenshot({ path: join(SHOTS_DIR, `${name}.png`) });
}

beforeAll(async () => {
  e2e = await startE2e();
  const ctx = e2e.testApp.ctx;
  await loadProviderDirectory(ctx);
  org = await buildTestOrg(ctx);
  await ctx.db.updateTable('users').set({ display_name: 'Karim Benali' }).where('id', '=', org.it.id).execute();
  searx = await startSearxngServer();
  brave = await startBraveServer();
  e2e.testApp.database.pool.on('error', () => undefined);
  e2e.testApp.database.pool.on('connect', (client) => client.on('error', () => undefined));
  jobsLoop = (async () => {
    while (!stopJobs) {
      await e2e.testApp.runJobs().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const staff = await apiAs(org.staffA);
  const opened = await staff('POST', '/api/v1/cases', {
    summary: 'Mon compte Instagram a été piraté et on publie des menaces en mon nom.',
    urls: ['https://www.instagram.com/p/Cx1/'],
    flags: { accountCompromised: true, illegalOrSerious: true },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  caseId = opened.json().id;
  reference = opened.json().reference;
  const sup = await apiAs(org.supA);
  const tasks = (await sup('GET', `/api/v1/cases/${caseId}/tasks`)).json<Array<{ id: string; stepKey: string }>>();
  expect((await sup('PATCH', `/api/v1/tasks/${tasks.find((t) => t.stepKey === '4.2.2')?.id}`, { status: 'done' })).statusCode).toBe(200);
}, 180_000);

afterAll(async () => {
  stopJobs = true;
  await jobsLoop;
  await e2e?.close();
  await searx?.close();
  await brave?.close();
});

describe('watches and triage', () => {
  it('says what the administrator must set when no search engine is configured', async () => {
    const { page, problems } = await e2e.newPage();
    await signIn(page, org.it);
    await openCase(page, 'veille');
    const section = page.locator('#veille');
    await section.getByRole('button', { name: 'Créer une veille' }).click();
    // Nothing to search for: refused on the field.
    await section.getByRole('button', { name: 'Créer la veille' }).click();
    await expect.poll(() => section.locator('.field__error').first().textContent()).toBe('Indiquez au moins un nom, un pseudonyme ou une phrase.');
    await section.getByLabel('Noms de la personne (un par ligne)').fill('Marie-Ève Tremblay');
    await section.getByRole('button', { name: 'Créer la veille' }).click();
    const alert = section.locator('.alert--warning');
    await expect.poll(() => alert.locator('.alert__title').textContent()).toBe("Aucun moteur de recherche n'est configuré");
    expect(await alert.textContent()).toContain('SEARXNG_URL');
    expect(await alert.textContent()).toContain('BRAVE_SEARCH_API_KEY');
    await expectClean(page, problems, 'watches, not configured (1280)');
  });

  it('runs a watch through SearXNG and Brave (quota exhausted, said with its retry time); results are added or dismissed; URLs imported by hand (360 px)', async () => {
    const ctx = e2e.testApp.ctx;
    ctx.config = { ...ctx.config, searxngUrl: searx.origin, braveSearchApiKey: BRAVE_TEST_KEY, braveSearchUrl: `${brave.origin}${BRAVE_PATH}` };
    brave.setDefault(braveRateLimited('month'));
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.it);
    await openCase(page, 'veille');
    const section = page.locator('#veille');
    await section.getByRole('button', { name: 'Créer une veille' }).click();
    await section.getByLabel('Noms de la personne (un par ligne)').fill('Marie-Ève Tremblay\nMarie Eve Tremblay');
    await section.getByLabel('Pseudonymes ou comptes (un par ligne)').fill('@prof_tremblay_fake');
    await section.getByRole('button', { name: 'Créer la veille' }).click();
    await expect.poll(() => section.locator('.alert--success').textContent()).toContain('Veille créée');
    // The first run is queued at once; the section follows it, then shows the inbox.
    await expect.poll(() => section.locator('.watch-run-status').textContent(), { timeout: 45_000 }).toContain('Recherche terminée');
    const watch = section.locator('.watch').first();
    expect(await watch.textContent()).toContain('Dernière recherche');
    expect(await watch.locator('.watch__errors').textContent()).toContain('Brave Search');
    expect(await watch.locator('.watch__errors').textContent()).toContain('Nouvel essai prévu');
    const results = section.locator('.result');
    await expect.poll(() => results.count()).toBeGreaterThan(1);
    const before = await results.count();

    const first = results.first();
    const firstUrl = (await first.locator('.result__url a').getAttribute('href')) ?? '';
    await first.getByRole('button', { name: /^Ajouter comme adresse/ }).click();
    await expect.poll(() => section.locator('.alert--success').textContent()).toContain('Ajouté aux liens du dossier');
    await expect.poll(() => results.count()).toBe(before - 1);
    // The new location has its panel under "Retrait des contenus".
    await expect.poll(() => page.locator('#retraits .takedown-location').count()).toBe(2);
    expect((await page.locator('#retraits .takedown-location__url').allTextContents()).join(' ')).toContain(new URL(firstUrl).pathname);
    await results.first().getByRole('button', { name: /^Écarter/ }).click();
    await expect.poll(() => results.count()).toBe(before - 2);

    await section.getByLabel('Adresses (une par ligne)').fill('https://www.tiktok.com/@compte_anonyme/video/7300000000000000001\npas une adresse');
    await section.getByRole('button', { name: 'Ajouter à la liste à trier' }).click();
    await expect.poll(() => section.locator('.form__status').last().textContent()).toContain('1 nouvelle adresse à trier');
    expect(await section.getByLabel('Adresses (une par ligne)').inputValue()).toBe('pas une adresse');
    await expect.poll(() => section.locator('.result__url').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('tiktok.com/@compte_anonyme/video/7300000000000000001')]),
    );
    await expectClean(page, problems, 'watches and inbox (360)', 360);
    await sectionShot(page, '#veille', 'takedown-watches-360');
  });
});

describe('help and account recovery', () => {
  it('shows the help that applies (police for threats, with telephone links) and the recovery checklist; 4.6.2 closes with Facebook complete', async () => {
    const { page, problems } = await e2e.newPage();
    await signIn(page, org.it);
    await openCase(page, 'aide');
    const help = page.locator('#aide');
    await help.locator('.help-org').first().waitFor();
    const sq = help.locator('.help-org[data-help="sq"]');
    expect(await sq.textContent()).toContain('La police');
    expect(await sq.locator('a[href="tel:3104141"]').count()).toBe(1);
    expect(await help.locator('.help-org[data-help="cnesst"]').count()).toBe(1);
    // Emergencies first: the police.
    expect(['sq', 'spvm']).toContain(await help.locator('.help-org').first().getAttribute('data-help'));

    const recovery = page.locator('#recuperation');
    await recovery.getByLabel('Ajouter une plateforme').selectOption('facebook');
    await recovery.getByRole('button', { name: 'Ajouter', exact: true }).click();
    const facebook = recovery.locator('.recovery', { hasText: 'Facebook' });
    await facebook.waitFor();
    const boxes = facebook.getByRole('checkbox');
    const total = await boxes.count();
    expect(total).toBeGreaterThan(4);
    for (let i = 0; i < total; i++) {
      await expect.poll(() => boxes.nth(i).isEnabled()).toBe(true);
      await boxes.nth(i).check();
      await expect.poll(() => facebook.locator('.recovery-step__who').count()).toBe(i + 1);
    }
    await expect.poll(() => facebook.locator('.recovery__title .status-badge').textContent()).toBe('Terminé');
    expect(await facebook.textContent()).toContain('Fait par Karim Benali');
    await expect.poll(() => page.locator('.task[data-step="4.6.2"] .status-badge').first().textContent()).toBe('Terminé');
    await expectClean(page, problems, 'help and recovery (1280)');
    await sectionShot(page, '#aide', 'takedown-help-1280');
    await sectionShot(page, '#recuperation', 'takedown-recovery-1280');
  });
});

describe('provider directory (admin)', () => {
  it('flags entries older than a year, marks one reviewed and edits a channel', async () => {
    // A year and a bit later: every seed entry is due for review.
    e2e.clock.advance(400 * 86_400_000);
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.admin);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Répertoire des plateformes' }).first().click();
    await page.waitForURL('**/admin/fournisseurs');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Répertoire des plateformes');
    const tiktok = page.locator('.provider-list [data-provider="tiktok"]');
    await tiktok.waitFor();
    expect(await tiktok.textContent()).toContain('À réviser (plus d\'un an)');
    expect(await page.locator('#repertoire .alert--warning').textContent()).toMatch(/fiches n'ont pas été révisées/);
    await expectClean(page, problems, 'provider directory (360)', 360);
    await screenshot(page, 'takedown-directory-360');

    await tiktok.getByRole('link').click();
    await page.waitForURL('**/admin/fournisseurs/tiktok');
    await page.locator('#revision').waitFor();
    await page.getByRole('button', { name: 'Marquer comme revu' }).click();
    await expect.poll(() => page.locator('main .alert--success').textContent()).toBe('Fiche marquée comme revue aujourd\'hui.');
    expect(await page.locator('#revision .status-badge--stale').count()).toBe(0);

    const notes = page.getByLabel('Notes').first();
    await notes.fill('Vérifié par le service informatique : le bouton Signaler est sous la vidéo.');
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await expect.poll(() => page.locator('main .alert--success').textContent()).toBe('Fiche enregistrée.');
    expect(await page.locator('#revision').textContent()).toContain('canaux');
    await expectClean(page, problems, 'provider editor (360)', 360);

    await page.getByRole('link', { name: 'Retour au répertoire' }).click();
    await page.locator('.provider-list [data-provider="tiktok"]').waitFor();
    expect(await page.locator('.provider-list [data-provider="tiktok"]').textContent()).not.toContain('À réviser');
    expect(await page.locator('.provider-list [data-provider="tiktok"]').textContent()).toContain('modifié ici\u00a0: canaux');
    expect(problems).toEqual([]);
  });
});
