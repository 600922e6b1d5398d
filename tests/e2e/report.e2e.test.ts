// Reporting a situation from a 360 px phone, with the keyboard: the one required field, links,
// the calm confirmation with the reference and "what to do now"; the Idempotency-Key kept on a
// retry after a lost answer (one case, not two); the prevention page. Axe (WCAG 2.1 A/AA) on
// each page, no horizontal scrolling at 360 px, screenshots at 360 and 1280 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, horizontalOverflow, screenshot, seriousA11yViolations, signIn, startE2e } from '../support/e2e.js';
import { buildTestOrg, type TestOrg } from '../support/org.js';

let e2e: E2e;
let org: TestOrg;

beforeAll(async () => {
  e2e = await startE2e();
  org = await buildTestOrg(e2e.testApp.ctx);
});

afterAll(async () => {
  await e2e?.close();
});

const casesOf = async (personId: string) =>
  e2e.testApp.ctx.db.selectFrom('cases').select(['id', 'reference']).where('affected_person_id', '=', personId).execute();

/** Console problems, without the refused request the test itself made fail. */
const unexpected = (problems: string[]) => problems.filter((p) => !p.includes('net::ERR_FAILED'));

describe('report a situation', () => {
  it('reports from a 360 px phone with the keyboard alone, then shows the reference and what to do now', async () => {
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.staffA);

    // One tap from the home page.
    const cta = page.getByRole('link', { name: 'Signaler une situation' });
    await expect.poll(() => cta.count()).toBe(1);
    expect(await seriousA11yViolations(page), 'staff home').toEqual([]);
    await screenshot(page, 'home-staff-360');
    await cta.click();
    await page.waitForURL('**/signaler');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Signaler une situation');
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(page), 'report form').toEqual([]);
    await screenshot(page, 'report-360');

    // Keyboard only: from the heading, Tab reaches the text area first.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-summary');
    await page.keyboard.type(
      'Un compte anonyme publie des photos de moi prises en classe, avec des commentaires méprisants. Des élèves les partagent.',
    );
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-link');
    await page.keyboard.type('pas un lien');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#report-link-error').textContent()).toContain("Ce n'est pas une adresse Web");
    await page.keyboard.press('Control+A');
    await page.keyboard.type('https://www.facebook.com/groups/parents-ecole/posts/123456789');
    await page.keyboard.press('Enter'); // adds the link, does not send
    await expect.poll(() => page.locator('.link-list__item').count()).toBe(1);
    expect(page.url()).toMatch(/\/signaler$/);
    expect(await page.locator('#report-link').inputValue()).toBe('');
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);

    // Tab on to the send button (past the optional fields) and press Enter.
    for (let i = 0; i < 40; i += 1) {
      const label = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (label === 'Envoyer le signalement') break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Envoyer le signalement');
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/signaler\/envoye\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Votre signalement est bien reçu');
    const reference = (await page.locator('.reference').textContent()) ?? '';
    expect(reference).toMatch(/^RMP-\d{4}-\d{4,}$/);
    const main = page.locator('main');
    await expect.poll(() => main.textContent()).toContain('Votre direction est avisée');
    expect(await main.textContent()).toContain('https://www.facebook.com/groups/parents-ecole/posts/123456789');
    expect(await main.textContent()).toContain('Que faire maintenant');
    expect(await main.textContent()).toContain('Ne répondez pas');
    expect(await main.textContent()).toContain("programme d'aide aux employés");
    expect(await page.locator('a[href="tel:911"]').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href="tel:310-4141"]').count()).toBeGreaterThan(0);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(page), 'confirmation').toEqual([]);
    await screenshot(page, 'confirmation-360');

    // The case exists once, with the link as its location.
    const rows = await casesOf(org.staffA.personId);
    expect(rows.map((r) => r.reference)).toEqual([reference]);
    const locations = await e2e.testApp.ctx.db.selectFrom('locations').select(['url', 'host']).where('case_id', '=', rows[0]!.id).execute();
    expect(locations).toEqual([{ url: 'https://www.facebook.com/groups/parents-ecole/posts/123456789', host: 'www.facebook.com' }]);
    expect(problems).toEqual([]);
  });

  it('asks for the one required field and keeps what was typed', async () => {
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.staffA2);
    await page.goto('/signaler');
    await page.locator('#report-link').fill('https://x.com/quelquun/status/42');
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await expect.poll(() => page.locator('#report-summary-error').textContent()).toContain('la seule chose obligatoire');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-summary');
    // The link typed but not added was added by the attempt, not lost.
    expect(await page.locator('.link-list__item').textContent()).toContain('https://x.com/quelquun/status/42');
    expect(await seriousA11yViolations(page), 'report form with errors').toEqual([]);
    expect(await casesOf(org.staffA2.personId)).toEqual([]);

    // The danger advice appears with the "threats" box.
    await page.getByLabel('Il y a des menaces, ou la situation me semble illégale ou grave').check();
    await expect.poll(() => page.locator('main').textContent()).toContain('Si vous êtes en danger');
    expect(problems).toEqual([]);
  });

  it('sends the same Idempotency-Key on a retry after a lost answer, so only one case is opened', async () => {
    const staff = org.staffB;
    const { page, problems } = await e2e.newPage();
    await signIn(page, staff);
    await page.goto('/signaler');
    await page.locator('#report-summary').fill('Une fausse rumeur circule sur TikTok à mon sujet.');
    await page.getByLabel('Un élève est impliqué').check();
    await page.getByLabel('Un élève', { exact: true }).check();
    await page.locator('#report-when').fill('2026-01-15T20:30');

    const keys: string[] = [];
    let firstAnswer: { id: string; reference: string } | undefined;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/cases')) keys.push(request.headers()['idempotency-key'] ?? '');
    });
    // The first answer is lost on the way back: the server created the case, the browser never hears.
    await page.route('**/api/v1/cases', async (route) => {
      const response = await route.fetch();
      firstAnswer = (await response.json()) as { id: string; reference: string };
      await route.abort('failed');
    });
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await expect.poll(() => page.locator('[role="alert"]').first().textContent()).toContain("Votre signalement n'est peut-être pas parti");
    expect(firstAnswer?.reference).toMatch(/^RMP-/);
    await page.unroute('**/api/v1/cases');

    // Retry: a double tap, even.
    await page.getByRole('button', { name: 'Envoyer le signalement' }).dblclick();
    await page.waitForURL(`**/signaler/envoye/${firstAnswer!.id}`);
    await expect.poll(() => page.locator('.reference').textContent()).toBe(firstAnswer!.reference);
    expect(keys.length).toBe(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    const rows = await casesOf(staff.personId);
    expect(rows).toHaveLength(1);
    const stored = await e2e.testApp.ctx.db
      .selectFrom('cases')
      .select(['flags', 'occurred_at'])
      .where('id', '=', rows[0]!.id)
      .executeTakeFirstOrThrow();
    expect((stored.flags as Record<string, boolean>).studentInvolved).toBe(true);
    expect(stored.occurred_at).not.toBeNull();
    const instigator = await e2e.testApp.ctx.db
      .selectFrom('case_records')
      .select('data')
      .where('case_id', '=', rows[0]!.id)
      .where('type', '=', 'instigator')
      .executeTakeFirst();
    expect(instigator?.data).toMatchObject({ kind: 'student' });
    await screenshot(page, 'confirmation-1280');
    expect(unexpected(problems)).toEqual([]);
  });

  it('shows the report form and the prevention advice at 1280 px, in French and in English', async () => {
    const { page, problems } = await e2e.newPage();
    await signIn(page, org.supB);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Signaler une situation' }).click();
    await page.waitForURL('**/signaler');
    expect(await seriousA11yViolations(page), 'report form 1280').toEqual([]);
    await screenshot(page, 'report-1280');

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Conseils de prévention' }).click();
    await page.waitForURL('**/prevention');
    const main = page.locator('main');
    await expect.poll(() => main.textContent()).toContain('Transmettre en tout temps les informations avec la rigueur');
    for (const key of ['3.1', '3.2', '3.3', '3.4', '3.5']) expect(await main.textContent()).toContain(key);
    expect(await main.textContent()).toContain('La rapidité d');
    expect(await seriousA11yViolations(page), 'prevention').toEqual([]);
    await screenshot(page, 'prevention-1280');

    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor();
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Prevention advice');
    expect(await main.textContent()).toContain('React quickly when there is a problem');

    const phone = await e2e.newPage({ width: 360, height: 740 });
    await signIn(phone.page, org.staffA);
    await phone.page.goto('/prevention');
    await phone.page.locator('main h1').waitFor();
    expect((await horizontalOverflow(phone.page)).scrollWidth).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(phone.page), 'prevention 360').toEqual([]);
    expect(problems).toEqual([]);
  });
});
