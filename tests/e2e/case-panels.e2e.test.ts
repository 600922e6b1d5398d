// The case page's panels in real Chromium (docs/ui-case-panels.md): evidence (a file hashed in the
// browser, uploaded and sealed with the same SHA-256; a server capture followed live to « Preuve
// conservée »; a private address refused in plain words), records (a meeting with the EAP
// reminder, its calendar file), the timeline in French, the people and the access log (the
// supervisor's read, seen by the affected person). Axe with every panel open at 360 and 1280 px,
// no sideways scrolling at 360 px, screenshots of the evidence, records and timeline panels.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCapturer } from '../../src/adapters/capture/capturer.js';
import { parseAllowList } from '../../src/domain/capture/destination.js';
import { type FixtureServer, startFixtureServer } from '../support/capture.js';
import { type E2e, horizontalOverflow, SHOTS_DIR, screenshot, seriousA11yViolations, signIn, startE2e } from '../support/e2e.js';
import { buildTestOrg, type TestOrg } from '../support/org.js';

let e2e: E2e;
let org: TestOrg;
let fx: FixtureServer;
let caseId: string;
let reference: string;
let stopJobs = false;
let jobsLoop: Promise<void> | undefined;

const names = {
  staffA: 'Marie-Ève Tremblay',
  supA: 'Jean-François Gagnon',
  dg: 'Nathalie Côté',
  hr: 'Sophie Lévesque',
  it: 'Karim Benali',
  legal: 'Me Isabelle Roy',
};

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
  return (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}

async function panelShot(page: Page, selector: string, name: string): Promise<void> {
  await mkdir(SHOTS_DIR, { recursive: true });
  await page.locator(selector).screenshot({ path: join(SHOTS_DIR, `${name}.png`) });
}

async function openCase(page: Page) {
  await page.goto(`/dossiers/${caseId}`);
  await expect.poll(() => page.locator('main h1').textContent()).toBe(`Dossier ${reference}`);
  await page.locator('#preuves .evidence-list, #preuves p:has-text("Aucune preuve")').first().waitFor();
}

beforeAll(async () => {
  e2e = await startE2e();
  const ctx = e2e.testApp.ctx;
  org = await buildTestOrg(ctx);
  for (const [key, name] of Object.entries(names)) {
    const user = org[key as keyof typeof names];
    await ctx.db.updateTable('users').set({ display_name: name }).where('id', '=', user.id).execute();
    await ctx.db.updateTable('persons').set({ full_name: name }).where('id', '=', user.personId).execute();
  }
  // Server captures: the e2e support runs the app with captures disabled and no worker. Here the
  // real capturer (Chromium behind the egress proxy) is put in place, with the fixture site's
  // 127.0.0.1 allowed, and the queue is worked in the background like WORKER=inline does.
  fx = await startFixtureServer({ slowMs: 2500 });
  ctx.capture = createCapturer({
    config: { ...e2e.testApp.config, captureAllowHosts: parseAllowList('127.0.0.1') },
    log: { info() {}, warn() {}, error() {} },
  });
  // graphile-worker warns about a pool without an error listener on every run.
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
    summary: 'Un compte anonyme publie des photos de moi prises en classe, avec des commentaires humiliants.',
  });
  expect(opened.statusCode).toBe(201);
  caseId = opened.json().id;
  reference = opened.json().reference;
  // The supervisor brings general direction, HR and IT in (step 4.2.2), so there are people to invite.
  const sup = await apiAs(org.supA);
  const tasks = (await sup('GET', `/api/v1/cases/${caseId}/tasks`)).json<Array<{ id: string; stepKey: string }>>();
  const notify = tasks.find((t) => t.stepKey === '4.2.2');
  expect((await sup('PATCH', `/api/v1/tasks/${notify?.id}`, { status: 'done' })).statusCode).toBe(200);
}, 180_000);

afterAll(async () => {
  stopJobs = true;
  await jobsLoop;
  await e2e?.close();
  await fx?.close();
});

describe('case panels', () => {
  // The app's clock is a ManualClock: move it so each step has its own time (ordering, "corrected on").
  beforeEach(() => {
    e2e.clock.advance(60_000);
  });

  it('lets the staff member add a photo from a 360 px phone: hashed in the browser, sealed, same SHA-256, thumbnail shown', async () => {
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.staffA);
    await openCase(page);
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 190, g: 40, b: 60 } } })
      .png()
      .toBuffer();

    const panel = page.locator('#preuves');
    await panel.getByRole('button', { name: 'Ajouter des fichiers' }).click();
    await panel.getByLabel('Choisir des fichiers').setInputFiles({ name: 'publication.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => panel.locator('.upload-list').textContent()).toContain('publication.png');
    // The camera field is for touch screens only (this desktop browser has a fine pointer).
    expect(await panel.getByLabel('Prendre une photo').isVisible()).toBe(false);
    expect(await panel.getByLabel('Prendre une photo').getAttribute('capture')).toBe('environment');
    await panel.getByRole('button', { name: 'Envoyer le fichier' }).click();
    await expect.poll(() => panel.locator('.upload-list').textContent(), { timeout: 15_000 }).toContain('Preuve conservée');
    await expect.poll(() => panel.locator('.evidence-form .status-message').textContent()).toMatch(/1\sfichier conservé\./);

    const item = panel.locator('.evidence[data-status="sealed"]').first();
    await expect.poll(() => item.textContent()).toContain('publication.png');
    expect(await item.locator('.sealed-badge').textContent()).toContain('Preuve conservée');
    expect(await item.locator('.evidence__when').textContent()).toMatch(/reçue le .+\d{1,2}\sh\s\d{2}/);
    // The thumbnail is an <img> the server made (?inline=1), loaded for real.
    const img = item.locator('img.evidence__preview');
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    expect(await img.getAttribute('src')).toMatch(/^\/api\/v1\/artefacts\/[0-9a-f-]{36}\?inline=1$/);
    // The upload's SHA-256, as shown and as copied, is the file's.
    await item.locator('summary').click();
    const upload = item.locator('.artefact-list__item', { hasText: "Fichier d'origine" });
    expect(await upload.locator('[data-sha256]').getAttribute('data-sha256')).toBe(sha256(png));
    expect(await upload.locator('.hash__value').textContent()).toBe(`${sha256(png).slice(0, 8)}…${sha256(png).slice(-8)}`);
    expect(await item.locator('.evidence__manifest [data-sha256]').getAttribute('data-sha256')).toMatch(/^[0-9a-f]{64}$/);
    // The exports: the PDF dossier (in the UI language) and the ZIP bundle.
    const dossierLink = panel.getByRole('link', { name: 'Dossier PDF (police, avocat)' });
    expect(await dossierLink.getAttribute('href')).toBe(`/api/v1/cases/${caseId}/export?format=dossier&lang=fr-CA`);
    expect(await panel.getByRole('link', { name: 'Paquet de preuves (ZIP)' }).getAttribute('href')).toBe(
      `/api/v1/cases/${caseId}/export?format=bundle`,
    );
    const [pdf] = await Promise.all([page.waitForEvent('download'), dossierLink.click()]);
    expect((await readFile((await pdf.path()) as string)).subarray(0, 5).toString()).toBe('%PDF-');
    // Downloading the original gives the same bytes.
    const [download] = await Promise.all([page.waitForEvent('download'), upload.getByRole('link', { name: /Télécharger/ }).click()]);
    expect(sha256(await readFile((await download.path()) as string))).toBe(sha256(png));

    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    await panelShot(page, '#preuves', 'case-panels-evidence-360');
    expect(problems).toEqual([]);
  });

  it('shows who sent an e-mail added as .eml, its subject, date and path (360 px)', async () => {
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.staffA);
    await openCase(page);
    const eml = await readFile(new URL('../fixtures/evidence/message.eml', import.meta.url));
    const panel = page.locator('#preuves');
    await panel.getByRole('button', { name: 'Ajouter des fichiers' }).click();
    await panel.getByLabel('Choisir des fichiers').setInputFiles({ name: 'menace.eml', mimeType: 'message/rfc822', buffer: eml });
    await panel.getByRole('button', { name: 'Envoyer le fichier' }).click();
    await expect.poll(() => panel.locator('.upload-list').textContent(), { timeout: 15_000 }).toContain('Preuve conservée');
    const item = panel.locator('.evidence[data-status="sealed"]', { hasText: 'menace.eml' });
    const facts = item.locator('.evidence__email');
    await expect.poll(() => facts.textContent()).toContain('Un anonyme méchant <harceleur@example.net>');
    expect(await facts.textContent()).toContain('Tu vas le regretter');
    expect(await facts.textContent()).toContain('Enseignante <enseignante@csdemo.qc.ca>');
    expect(await facts.textContent()).toMatch(/3 mars 2026.+10\sh\s15/);
    expect(await facts.textContent()).toContain('2 relais consignés (en-têtes Received)');
    // Its text, read in the case without downloading it.
    await item.getByText('Lire le courriel').click();
    await expect
      .poll(() => item.locator('.email-text').textContent())
      .toContain('Message de test pour Rempart : contenu harcelant fictif.');
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    await panelShot(page, '#preuves', 'case-panels-email-360');
    expect(problems).toEqual([]);
  });

  it('captures a link live: the steps move on, then « Preuve conservée »; a private address is refused in plain words', async () => {
    const { page, problems } = await e2e.newPage();
    await signIn(page, org.staffA);
    await openCase(page);
    const panel = page.locator('#preuves');

    await panel.getByRole('button', { name: 'Capturer un lien' }).click();
    await panel.getByLabel('Adresse de la page').fill('http://10.1.2.3/profil');
    await panel.getByRole('button', { name: 'Capturer', exact: true }).click();
    const refused = panel.locator('[role="alert"]');
    await expect.poll(() => refused.textContent()).toContain('Rempart ne peut pas capturer cette adresse.');
    expect(await refused.textContent()).toContain('réseau interne');

    // The fixture page answers after 2.5 s: the capture stays on its first step meanwhile.
    await panel.getByLabel('Adresse de la page').fill(fx.url('/slow'));
    await panel.getByRole('button', { name: 'Capturer', exact: true }).click();
    await expect.poll(() => panel.locator('[role="status"]').first().textContent()).toContain('Capture demandée');
    const item = panel.locator('.evidence', { hasText: fx.url('/slow') });
    await expect
      .poll(() => item.locator('.capture-progress__now').textContent(), { timeout: 15_000 })
      .toMatch(/étape 1 sur 6, Chargement de la page/);
    expect(await item.locator('[aria-current="step"]').textContent()).toContain('Chargement de la page');
    await panelShot(page, '#preuves', 'case-panels-evidence-capturing-1280');
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 30_000 }).toBe('sealed');
    expect(await item.locator('.sealed-badge').textContent()).toContain('Preuve conservée');
    expect(await item.locator('.evidence__when').textContent()).toMatch(/capturée le/);
    await item.locator('summary').click();
    const kinds = await item.locator('.artefact-list__kind').allTextContents();
    expect(kinds).toEqual(
      expect.arrayContaining([
        "Capture d'écran de la page entière (PNG)",
        'Impression de la page (PDF)',
        "Archive web complète (WACZ, s'ouvre avec ReplayWeb.page)",
      ]),
    );
    // Only Rempart's own image is shown, never the captured HTML.
    expect(await item.locator('img').getAttribute('src')).toMatch(/\?inline=1$/);
    expect(await page.locator('iframe').count()).toBe(0);

    // A site that does not answer: the failure in plain words, and « Réessayer » queues it again.
    e2e.clock.advance(60_000);
    await panel.getByRole('button', { name: 'Capturer un lien' }).click();
    await panel.getByLabel('Adresse de la page').fill('http://127.0.0.1:1/disparu');
    await panel.getByRole('button', { name: 'Capturer', exact: true }).click();
    const failed = panel.locator('.evidence', { hasText: 'http://127.0.0.1:1/disparu' });
    await expect.poll(() => failed.getAttribute('data-status'), { timeout: 30_000 }).toBe('failed');
    expect(await failed.locator('.alert').textContent()).toContain("La capture n'a pas fonctionné");
    expect(await failed.locator('.alert').textContent()).toContain('injoignable');
    await panelShot(page, '.evidence[data-status="failed"]', 'case-panels-evidence-failed-1280');
    await failed.getByRole('button', { name: 'Réessayer' }).click();
    const retried = () =>
      e2e.testApp.ctx.db.selectFrom('ledger_entries').select('seq').where('action', '=', 'evidence.capture_retried').execute();
    await expect.poll(async () => (await retried()).length).toBe(1);
    await expect.poll(() => failed.getAttribute('data-status'), { timeout: 30_000 }).toBe('failed');

    // « Ajouter un lien »: a location of the case, captured at once; the links section follows.
    e2e.clock.advance(60_000);
    await panel.getByRole('button', { name: 'Ajouter un lien' }).click();
    await panel.getByLabel('Adresse de la page').fill(fx.url('/article.html'));
    await panel.getByRole('button', { name: 'Ajouter le lien' }).click();
    await expect.poll(() => page.locator('#liens').textContent()).toContain(fx.url('/article.html'));
    await expect.poll(() => page.locator('#liens .evidence-state--sealed').count(), { timeout: 30_000 }).toBeGreaterThan(0);

    await panelShot(page, '#preuves', 'case-panels-evidence-1280');
    expect(problems).toEqual([]);
  });

  it('lets the supervisor record a meeting with the EAP reminder, see it in the timeline in French and download its invitation', async () => {
    const { page, problems } = await e2e.newPage();
    await signIn(page, org.supA);
    await openCase(page);
    const panel = page.locator('#consignations');
    await panel.getByRole('button', { name: 'Ajouter une consignation' }).click();
    expect(await panel.getByLabel('Que voulez-vous consigner ?').inputValue()).toBe('meeting');
    // A time typed in the organisation's zone (America/Toronto), whatever the device's (UTC here).
    await panel.getByLabel('Date et heure de la rencontre').fill('2027-01-12T14:00');
    await panel.getByLabel('Personnes présentes').fill('Marie-Ève Tremblay\nJean-François Gagnon');
    await panel.getByLabel('PAE rappelé').check();
    await panel.getByLabel('Ce qui a été dit ou décidé').fill('Soutien offert; le PAE a été rappelé. Captures conservées.');
    await panel.getByLabel(/^Lieu/).fill('Bureau de la direction');
    await panel.getByRole('button', { name: 'Consigner', exact: true }).click();
    await expect.poll(() => panel.locator('[role="status"]').first().textContent()).toContain('Consignation enregistrée\u00a0: Rencontre.');

    const meeting = panel.locator('.record--meeting').first();
    expect(await meeting.textContent()).toContain('Oui, rappelé');
    expect(await meeting.locator('dd time').first().textContent()).toMatch(/12 janvier 2027.+14\sh\s00/);
    const stored = (await (await apiAs(org.supA))('GET', `/api/v1/cases/${caseId}/records?type=meeting`)).json<
      Array<{ data: { occurredAt: string } }>
    >();
    expect(stored[0]?.data.occurredAt).toBe('2027-01-12T19:00:00.000Z');

    // The timeline says it, in French, with who did it.
    const timeline = page.locator('#chronologie');
    await expect.poll(() => timeline.textContent()).toContain(`${names.supA} a consigné une rencontre`);
    expect(await timeline.textContent()).toContain("rappel du programme d'aide aux employés fait");
    // Evidence entries read as sentences (ours where the server has none yet), never as codes;
    // file downloads (previews included) only on demand.
    expect(await timeline.textContent()).toContain(`${names.staffA} a demandé la capture d'une`);
    expect(await timeline.textContent()).not.toMatch(/evidence\.|artefact\./);
    expect(await timeline.locator('[data-kind="artefact.downloaded"]').count()).toBe(0);
    await timeline.getByLabel(/Montrer aussi les téléchargements/).check();
    await expect.poll(() => timeline.locator('[data-kind="artefact.downloaded"]').count()).toBeGreaterThan(0);
    await timeline.getByLabel(/Montrer aussi les téléchargements/).uncheck();
    await timeline.getByLabel('Consignations').check();
    const kinds = await timeline.locator('.timeline__entry').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind')));
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.every((k) => k?.startsWith('record.'))).toBe(true);
    await timeline.getByLabel("Plus ancien d'abord").check();
    await timeline.getByLabel('Tout', { exact: true }).check();
    expect(await timeline.locator('.timeline__entry').first().getAttribute('data-kind')).toBe('case.opened');

    // The calendar file: reference, no facts.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      meeting.getByRole('button', { name: "Télécharger l'invitation (.ics)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`rencontre-${reference}.ics`);
    const ics = await readFile((await download.path()) as string, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`Rencontre — dossier ${reference}`);
    expect(ics).toContain('DTSTART:20270112T190000Z');
    expect(ics).not.toContain('PAE');

    // The invitation, mailed to general direction.
    await meeting.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await meeting.getByLabel(new RegExp(names.dg)).check();
    await meeting.getByRole('button', { name: "Envoyer l'invitation" }).last().click();
    await expect
      .poll(() => meeting.locator('.meeting-invite [role="status"]').textContent())
      .toContain(`Invitation envoyée à ${names.dg}.`);

    await panelShot(page, '#consignations', 'case-panels-records-1280');
    await panelShot(page, '#chronologie', 'case-panels-timeline-1280');
    expect(problems).toEqual([]);
  });

  it('corrects a record with the version read and says so when someone saved in between', async () => {
    const { page, problems } = await e2e.newPage();
    await signIn(page, org.supA);
    await openCase(page);
    const meeting = page.locator('#consignations .record--meeting').first();
    await meeting.getByRole('button', { name: /Corriger/ }).click();
    await meeting.getByLabel(/^Lieu/).fill('Salle du personnel');

    // Meanwhile general direction corrects the same meeting.
    const dg = await apiAs(org.dg);
    const [current] = (await dg('GET', `/api/v1/cases/${caseId}/records?type=meeting`)).json<
      Array<{ id: string; version: number; data: object }>
    >();
    const patched = await dg('PATCH', `/api/v1/records/${current?.id}`, {
      data: { ...current?.data, outcome: 'Complété par la DG.' },
      version: current?.version,
    });
    expect(patched.statusCode).toBe(200);

    await meeting.getByRole('button', { name: 'Enregistrer la nouvelle version' }).click();
    await expect.poll(() => meeting.locator('[role="status"]').first().textContent()).toContain("Quelqu'un a corrigé cette consignation");
    expect(await meeting.getByLabel(/^Lieu/).inputValue()).toBe('Salle du personnel');
    await meeting.getByRole('button', { name: 'Enregistrer la nouvelle version' }).click();
    await expect
      .poll(() => page.locator('#consignations > [role="status"]').textContent())
      .toContain('Nouvelle version enregistrée\u00a0: Rencontre.');
    expect(await meeting.textContent()).toContain('Salle du personnel');
    expect(await meeting.textContent()).toMatch(/version 3, corrigée le/);
    expect(problems).toEqual([]);
  });

  it("shows the affected person who read the case — the supervisor's reads among them — and keeps the page usable at 360 px with every panel open", async () => {
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.staffA);
    await openCase(page);
    const log = page.locator('#consultations');
    await expect.poll(() => log.locator('tbody tr').count()).toBeGreaterThan(0);
    // Repeated identical reads within a minute are one line, so the supervisor's most recent
    // line may be another read (records, timeline): look for the case read among theirs.
    const row = log.locator('tbody tr', { hasText: names.supA }).filter({ hasText: 'A consulté le dossier' }).first();
    expect(await row.textContent()).toContain('Direction (supérieur immédiat)');
    // People: French roles and reasons.
    const people = page.locator('#participants');
    expect(await people.textContent()).toContain(names.dg);
    expect(await people.textContent()).toContain('Avisé par la direction (étape 4.2.2)');
    // The staff member may add a police report or a note, not a meeting.
    await page.locator('#consignations').getByRole('button', { name: 'Ajouter une consignation' }).click();
    const types = await page.locator('#consignations select').first().locator('option').allTextContents();
    expect(types).toEqual(['Plainte à la police', 'Note']);

    await openEverything(page);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(page), 'case page, staff, 360 px, panels open').toEqual([]);
    await panelShot(page, '#consignations', 'case-panels-records-360');
    await panelShot(page, '#chronologie', 'case-panels-timeline-360');
    await panelShot(page, '#consultations', 'case-panels-access-log-360');
    await panelShot(page, '#participants', 'case-panels-people-360');
    expect(problems).toEqual([]);
  });

  it('lets general direction approve a communication draft (step 4.5.1) and see its versions', async () => {
    const sup = await apiAs(org.supA);
    const created = await sup('POST', `/api/v1/cases/${caseId}/records`, {
      type: 'communication_draft',
      data: {
        audience: 'parents',
        title: 'Message aux parents de 5e année',
        body: 'Des publications visant un membre du personnel circulent.',
      },
    });
    expect(created.statusCode).toBe(201);
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.dg);
    await openCase(page);
    const draft = page.locator('#consignations .record--communication_draft');
    await draft.waitFor();
    expect(await draft.textContent()).toContain('Pas encore approuvée par la direction générale');
    await draft.getByRole('button', { name: 'Approuver la version 1' }).click();
    await expect.poll(() => draft.locator('.approved-badge').textContent()).toContain(`Version 1 approuvée par ${names.dg}`);
    expect(await draft.getByRole('button', { name: /Approuver/ }).count()).toBe(0);
    await draft.getByRole('button', { name: 'Voir les versions' }).click();
    await expect.poll(() => draft.locator('.version-list').textContent()).toContain('Version 1');
    expect(await draft.locator('.version-list').textContent()).toContain('approuvée');
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    // The supervisor sees the approval too, but no approve button (general direction only).
    const supPage = await e2e.newPage();
    await signIn(supPage.page, org.supA);
    await openCase(supPage.page);
    const supDraft = supPage.page.locator('#consignations .record--communication_draft');
    await expect.poll(() => supDraft.textContent()).toContain('approuvée par');
    expect(problems).toEqual([]);
    expect(supPage.problems).toEqual([]);
  });

  it('lets the supervisor add counsel, give and revoke a temporary access; axe passes at 1280 px with every panel open', async () => {
    const { page, problems } = await e2e.newPage();
    await signIn(page, org.supA);
    await openCase(page);
    const people = page.locator('#participants');
    await people.getByRole('button', { name: 'Ajouter une personne' }).click();
    expect(await people.getByLabel('Rôle dans le dossier').inputValue()).toBe('legal');
    await expect
      .poll(() => people.getByLabel('Personne', { exact: true }).locator('option').allTextContents())
      .toEqual([expect.stringContaining(names.legal)]);
    await people.getByLabel('Pourquoi ?').fill('Avis juridique demandé (étape 4.6.1)');
    await people.getByRole('button', { name: 'Ajouter au dossier' }).click();
    await expect
      .poll(() => people.locator('[role="status"]').first().textContent())
      .toContain(`${names.legal} participe maintenant au dossier`);
    expect(await people.locator('.participant-list').textContent()).toContain('Avocat');

    await people.getByRole('button', { name: 'Donner un accès temporaire' }).click();
    await people.getByLabel('Rôle dans le dossier').selectOption('hr');
    await expect
      .poll(() => people.getByLabel('Personne', { exact: true }).locator('option').allTextContents())
      .toEqual([expect.stringContaining(names.hr)]);
    await people.getByLabel('Pourquoi ?').fill('Enquête administrative');
    await people.getByRole('button', { name: "Donner l'accès" }).click();
    await expect.poll(() => people.locator('.grant-list').textContent()).toContain(names.hr);

    await openEverything(page);
    await people.getByRole('button', { name: 'Ajouter une personne' }).click();
    await people.getByLabel('Pourquoi ?').waitFor();
    expect(await seriousA11yViolations(page), 'case page, supervisor, 1280 px, panels open').toEqual([]);
    await panelShot(page, '#participants', 'case-panels-people-1280');
    await screenshot(page, 'case-panels-page-1280');
    await people.getByRole('button', { name: 'Annuler' }).click();

    await people
      .locator('.grant-list')
      .getByRole('button', { name: /Révoquer/ })
      .click();
    await people
      .locator('.grant-list')
      .getByRole('button', { name: /Oui, révoquer/ })
      .click();
    await expect.poll(() => people.locator('.grant-list').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

/** Opens every fold and form of the panels, for axe and the 360 px check. */
async function openEverything(page: Page) {
  await page.locator('#preuves details').evaluateAll((nodes) => {
    for (const n of nodes) (n as HTMLDetailsElement).open = true;
  });
  const upload = page.locator('#preuves').getByRole('button', { name: 'Ajouter des fichiers' });
  if ((await upload.getAttribute('aria-expanded')) === 'false') await upload.click();
  const add = page.locator('#consignations').getByRole('button', { name: 'Ajouter une consignation' });
  if (await add.count()) await add.click();
  await page.locator('#consignations .record-form').first().waitFor();
}
