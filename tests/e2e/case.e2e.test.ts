// The case, from the staff member's report to the supervisor's first actions, in real Chromium:
// the supervisor sees the 4.2.x tasks in "Mes tâches", opens the case, notifies general
// direction, HR and IT in one action (they become participants), acknowledges, changes a flag
// (steps appear and retire), cannot close while tasks are open; a staff member of another unit
// gets the 404 message and an empty list; the staff member gives the union consent with their
// password. Axe on every page (French), no horizontal scrolling at 360 px, screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, horizontalOverflow, screenshot, seriousA11yViolations, signIn, startE2e } from '../support/e2e.js';
import { buildTestOrg, type TestOrg } from '../support/org.js';

let e2e: E2e;
let org: TestOrg;
let caseId: string;
let reference: string;

const names = {
  staffA: 'Marie-Ève Tremblay',
  supA: 'Jean-François Gagnon',
  dg: 'Nathalie Côté',
  hr: 'Sophie Lévesque',
  it: 'Karim Benali',
  union: 'Mathieu Bouchard',
  staffB: 'Louis Pelletier',
};

/** A signed-in API caller (same origin as the browser, so the CSRF check accepts it). */
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

beforeAll(async () => {
  e2e = await startE2e();
  org = await buildTestOrg(e2e.testApp.ctx);
  for (const [key, name] of Object.entries(names)) {
    const user = org[key as keyof typeof names];
    await e2e.testApp.ctx.db.updateTable('users').set({ display_name: name }).where('id', '=', user.id).execute();
    await e2e.testApp.ctx.db.updateTable('persons').set({ full_name: name }).where('id', '=', user.personId).execute();
  }
  await e2e.testApp.ctx.db.updateTable('units').set({ name: 'École primaire des Érables' }).where('id', '=', org.unitA).execute();

  // The staff member reports in the UI (the report journey itself: report.e2e.test.ts).
  const { page } = await e2e.newPage({ width: 360, height: 740 });
  await signIn(page, org.staffA);
  await page.goto('/signaler');
  await page
    .locator('#report-summary')
    .fill('Une page Instagram anonyme publie des montages de moi avec des propos humiliants. Plusieurs élèves de 5e année la suivent.');
  await page.locator('#report-link').fill('https://www.instagram.com/p/C0ffee123/');
  await page.getByRole('button', { name: 'Ajouter le lien' }).click();
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await page.waitForURL(/\/signaler\/envoye\/[0-9a-f-]{36}$/);
  caseId = page.url().split('/').at(-1)!;
  reference = (await page.locator('.reference').textContent()) ?? '';
});

afterAll(async () => {
  await e2e?.close();
});

describe('the case, from report to the first actions', () => {
  it("shows the supervisor the 4.2.x tasks with due times in 'Mes tâches', then the case; one action notifies DG, HR and IT", async () => {
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.supA);

    // Home: the tasks panel, and the bell counts the intake notification.
    await expect.poll(() => page.locator('.home-tasks').textContent()).toContain('Mes tâches');
    await expect.poll(() => page.locator('.bell').getAttribute('aria-label')).toMatch(/^Notifications\s:\s[1-9]\d* non lue/);

    await page.goto('/taches');
    await expect.poll(() => page.locator('main .task').count()).toBeGreaterThanOrEqual(3);
    const tasks = page.locator('main .task');
    const steps = await tasks.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-step')));
    expect(steps).toEqual(expect.arrayContaining(['4.2.1', '4.2.2', '4.2.5']));
    const notify = page.locator('main .task[data-step="4.2.2"]');
    expect(await notify.textContent()).toContain(`Dossier ${reference}`);
    expect(await notify.textContent()).toMatch(/dans \d+\u00a0h( \d+\u00a0min)?/);
    expect(await notify.textContent()).toMatch(/échéance\u00a0: .+\d{1,2}\sh\s\d{2}/);
    expect(await notify.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(page), 'my tasks').toEqual([]);
    await screenshot(page, 'my-tasks-360');

    // Open the case from the task.
    await notify.getByRole('link', { name: `Dossier ${reference}` }).click();
    await page.waitForURL(`**/dossiers/${caseId}`);
    await expect.poll(() => page.locator('main h1').textContent()).toBe(`Dossier ${reference}`);
    const main = page.locator('main');
    expect(await main.textContent()).toContain(names.staffA);
    expect(await main.textContent()).toContain('École primaire des Érables');
    expect(await main.textContent()).toContain('Version 1');
    expect(await page.locator('#liens').textContent()).toContain('www.instagram.com');
    // Tasks grouped by role, French role names; DG/HR/IT waiting.
    const groups = await page.locator('.task-group__title').allTextContents();
    expect(groups).toEqual(
      expect.arrayContaining([
        'Membre du personnel en cause',
        'Direction (supérieur immédiat)',
        'Ressources informationnelles',
        'Ressources humaines',
      ]),
    );
    expect(await page.locator('.task[data-step="4.4.1"]').textContent()).toContain('En attente des ressources humaines');
    expect(await page.locator('.task[data-step="4.1.2"]').textContent()).toContain('Fait par Rempart');
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(page), 'case page').toEqual([]);
    await screenshot(page, 'case-360');

    // One action: general direction, HR and IT are notified and join.
    await page.getByRole('button', { name: 'Aviser la DG, les RH et les RI' }).click();
    await expect.poll(() => page.locator('#etapes [role="status"]').textContent()).toContain('ont maintenant accès au dossier');
    const participants = page.locator('#participants');
    await expect.poll(() => participants.textContent()).toContain(names.dg);
    expect(await participants.textContent()).toContain(names.hr);
    expect(await participants.textContent()).toContain(names.it);
    expect(await participants.textContent()).toContain('Avisé par la direction (étape 4.2.2)');
    expect(await page.locator('.task[data-step="4.2.2"]').textContent()).toContain('Terminé');
    expect(await page.locator('.task[data-step="4.4.1"]').textContent()).toContain('À faire');
    expect(await page.getByRole('button', { name: 'Aviser la DG, les RH et les RI' }).count()).toBe(0);
    const mails = await e2e.testApp.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('case_id', '=', caseId)
      .where('kind', '=', 'direction_notified')
      .execute();
    expect(mails.map((m) => m.user_id).sort()).toEqual([org.dg.id, org.hr.id, org.it.id].sort());
    expect(problems).toEqual([]);
  });

  it('lets the supervisor acknowledge, change a flag (steps appear and retire), and explains why the case cannot be closed yet', async () => {
    const { page, problems } = await e2e.newPage();
    await signIn(page, org.supA);
    await page.goto(`/dossiers/${caseId}`);
    await page.locator('#etapes').waitFor();

    await page.getByRole('button', { name: 'Accuser réception' }).click();
    await expect.poll(() => page.locator('.case-header .status-badge').textContent()).toBe('Pris en charge');

    const threats = page.getByLabel('Il y a des menaces, ou la situation semble illégale ou grave');
    await threats.check();
    const change = page.locator('#situation [role="status"]');
    await expect.poll(() => change.textContent()).toContain('Étape ajoutée');
    expect(await change.textContent()).toContain('4.1.4');
    expect(await page.locator('.task[data-step="4.1.4"]').count()).toBe(1);
    await threats.uncheck();
    await expect.poll(() => change.textContent()).toContain('Étape retirée');
    expect(await change.textContent()).toContain('4.1.4');
    expect(await page.locator('.task[data-step="4.1.4"]').textContent()).toContain('Retirée par Rempart');

    await page.getByRole('button', { name: 'Passer à « En cours »' }).click();
    await expect.poll(() => page.locator('.case-header .status-badge').textContent()).toBe('En cours');
    await page.getByRole('button', { name: 'Marquer comme maîtrisé' }).click();
    await expect.poll(() => page.locator('.case-header .status-badge').textContent()).toBe('Maîtrisé');
    await page.getByRole('button', { name: 'Fermer le dossier' }).click();
    await page.getByRole('button', { name: 'Oui, fermer le dossier' }).click();
    const alert = page.locator('.status-actions [role="alert"]');
    await expect.poll(() => alert.textContent()).toContain('4.2.1');
    expect(await alert.textContent()).toContain('ne peut pas être fermé');
    expect(await page.locator('.case-header .status-badge').textContent()).toBe('Maîtrisé');
    expect(await seriousA11yViolations(page), 'case page after changes').toEqual([]);
    await screenshot(page, 'case-1280');
    expect(problems).toEqual([]);
  });

  it('says the page changed when someone else edited the facts meanwhile, keeps the text typed, then saves', async () => {
    const supervisor = await e2e.newPage();
    await signIn(supervisor.page, org.supA);
    await supervisor.page.goto(`/dossiers/${caseId}`);
    await supervisor.page.getByRole('button', { name: 'Modifier les faits' }).click();
    await supervisor.page.locator('#case-summary').fill('Résumé revu par la direction après la rencontre.');

    // Meanwhile the staff member adds a detail.
    const staffApi = await apiAs(org.staffA);
    const current = (await staffApi('GET', `/api/v1/cases/${caseId}`)).json<{ version: number; summary: string }>();
    const edit = await staffApi('PATCH', `/api/v1/cases/${caseId}`, {
      summary: `${current.summary} Un nouveau compte est apparu ce matin.`,
      version: current.version,
    });
    expect(edit.statusCode).toBe(200);

    await supervisor.page.getByRole('button', { name: 'Enregistrer' }).click();
    const alert = supervisor.page.locator('#faits [role="alert"]');
    await expect.poll(() => alert.textContent()).toContain("modifié par quelqu'un d'autre");
    await expect
      .poll(() => supervisor.page.locator('.case-summary-current').textContent())
      .toContain('Un nouveau compte est apparu ce matin.');
    expect(await supervisor.page.locator('#case-summary').inputValue()).toBe('Résumé revu par la direction après la rencontre.');
    await supervisor.page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => supervisor.page.locator('#faits').textContent()).toContain('Les faits sont enregistrés.');
    expect(await supervisor.page.locator('#faits .case-summary').textContent()).toBe('Résumé revu par la direction après la rencontre.');
    expect(supervisor.problems).toEqual([]);
  });

  it('answers a staff member of another unit with the 404 message, and lists nothing for them', async () => {
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.staffB);
    await page.goto(`/dossiers/${caseId}`);
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Dossier introuvable');
    expect(await page.locator('main').textContent()).toContain("Ce dossier n'existe pas ou vous n'y avez pas accès.");
    expect(await page.locator('main').textContent()).not.toContain(reference);

    await page.goto('/dossiers');
    await expect.poll(() => page.locator('main').textContent()).toContain("Vous n'avez accès à aucun dossier pour l'instant.");
    expect(await page.locator('main').textContent()).not.toContain(reference);
    // An unknown id reads the same.
    await page.goto('/dossiers/00000000-0000-4000-8000-000000000000');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Dossier introuvable');
    expect(problems).toEqual([]);
  });

  it('lets the staff member give the union consent with their password (a wrong one is refused)', async () => {
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.staffA);
    await page.goto(`/dossiers/${caseId}`);
    // Step 4.1.3 leads to the consent screen.
    await page.locator('.task[data-step="4.1.3"]').getByRole('link', { name: 'Donner ou refuser mon consentement' }).click();
    await page.waitForURL(`**/dossiers/${caseId}/consentements`);
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Mes consentements');
    const union = page.locator('#consent-union_notice');
    expect(await union.textContent()).toContain('Aviser mon syndicat');
    expect(await union.textContent()).toContain("Vous n'avez pas encore répondu.");
    expect(await page.locator('#consent-takedown').textContent()).toContain('Autoriser les demandes de retrait');
    expect(await page.locator('#consent-police_dossier_share').textContent()).toContain('Partager le dossier avec la police');
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(page), 'consents').toEqual([]);

    // Nothing chosen: asked to choose.
    await union.getByRole('button', { name: 'Enregistrer ma réponse' }).click();
    await expect.poll(() => union.textContent()).toContain('Choisissez oui ou non.');

    await union.getByLabel("Oui, j'accepte").check();
    await union.getByLabel('Votre mot de passe').fill('pas le bon mot de passe');
    await union.getByRole('button', { name: 'Enregistrer ma réponse' }).click();
    await expect.poll(() => union.locator('.field__error').textContent()).toBeTruthy();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('consent-union_notice-password');
    expect(await seriousA11yViolations(page), 'consents with an error').toEqual([]);
    await screenshot(page, 'consent-360');

    await union.getByLabel("Oui, j'accepte").check();
    await union.getByLabel('Votre mot de passe').fill(org.staffA.password);
    await union.getByRole('button', { name: 'Enregistrer ma réponse' }).click();
    await expect.poll(() => union.textContent()).toContain('votre syndicat est avisé');
    await expect.poll(() => union.textContent()).toContain('Votre réponse actuelle\u00a0: oui');

    await page.getByRole('link', { name: `Retour au dossier ${reference}` }).click();
    await expect.poll(() => page.locator('#participants').textContent()).toContain(names.union);
    expect(await page.locator('#participants').textContent()).toContain('Avis au syndicat, avec le consentement de la personne');
    expect(await page.locator('.task[data-step="4.1.3"]').textContent()).toContain('Terminé');
    expect(problems).toEqual([]);
  });

  it('lists cases with a status filter, a search and "Plus"; rows show person, unit, status, task counts and the next due time', async () => {
    // 26 more cases of the same unit (through the API), so the list has a second page.
    const staffApi = await apiAs(org.staffA2);
    for (let i = 1; i <= 26; i += 1) {
      const res = await staffApi('POST', '/api/v1/cases', { summary: `Message insultant numéro ${i}` });
      expect(res.statusCode).toBe(201);
    }
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.supA);
    await page.goto('/dossiers');
    const rows = page.locator('.case-row');
    await expect.poll(() => rows.count()).toBe(25);
    const first = rows.first();
    expect(await first.textContent()).toContain('École primaire des Érables');
    expect(await first.locator('.status-badge').textContent()).toBe('Signalé');
    expect(await first.textContent()).toMatch(/\d+ tâches ouvertes/);
    expect(await first.textContent()).toContain('Prochaine échéance');
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(page), 'cases list').toEqual([]);
    await screenshot(page, 'cases-360');

    await page.getByRole('button', { name: 'Plus' }).click();
    await expect.poll(() => rows.count()).toBe(27);
    expect(await page.getByRole('button', { name: 'Plus' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain(reference);

    await page.locator('#cases-status').selectOption('mitigated');
    await page.waitForURL('**/dossiers?statut=mitigated');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(reference);

    await page.locator('#cases-status').selectOption('');
    await page.locator('#cases-q').fill('numéro 7');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Message insultant numéro 7');
    await page.goBack();
    await expect.poll(() => rows.count()).toBe(25);
    expect(problems).toEqual([]);
  });
});
