// "Mes tâches": open tasks across cases, grouped by when they are due, with countdowns that
// move on their own (the browser's clock is moved, not waited for) and overdue written in words
// with an icon, in red; quick actions (done with a note, not applicable needs a reason); the
// panel on the supervisor's home page; English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, horizontalOverflow, screenshot, seriousA11yViolations, signIn, startE2e } from '../support/e2e.js';
import { buildTestOrg, type TestOrg } from '../support/org.js';

let e2e: E2e;
let org: TestOrg;
let reference: string;

beforeAll(async () => {
  e2e = await startE2e();
  org = await buildTestOrg(e2e.testApp.ctx);
  // The staff member reports through the API (the report screen has its own tests).
  const app = e2e.testApp.app;
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin: e2e.baseUrl },
    payload: { email: org.staffA.email, password: org.staffA.password },
  });
  const cookie = login.cookies.find((c) => c.name === 'rempart_session');
  const opened = await app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { origin: e2e.baseUrl, cookie: `rempart_session=${cookie?.value}` },
    payload: { summary: 'Des messages vocaux menaçants circulent dans un groupe Snapchat.' },
  });
  expect(opened.statusCode).toBe(201);
  reference = opened.json<{ reference: string }>().reference;
});

afterAll(async () => {
  await e2e?.close();
});

describe('my tasks', () => {
  it('groups the tasks by due time and moves a task to "En retard" when its time passes, in words and with an icon', async () => {
    const { page, problems } = await e2e.newPage();
    await page.clock.install({ time: new Date() });
    await signIn(page, org.supA);

    // The home page of a supervisor starts with their tasks.
    const panel = page.locator('.home-tasks');
    await expect.poll(() => panel.textContent()).toContain('3 tâches ouvertes');
    expect(await seriousA11yViolations(page), 'supervisor home').toEqual([]);
    await screenshot(page, 'home-supervisor-1280');
    expect(await panel.locator('.task').count()).toBe(3);
    await panel.getByRole('link', { name: 'Voir toutes mes tâches (3)' }).click();
    await page.waitForURL('**/taches');

    const notify = page.locator('main .task[data-step="4.2.2"]');
    await expect.poll(() => notify.textContent()).toMatch(/dans [34]\u00a0h/);
    expect(await notify.textContent()).toContain(`Dossier ${reference}`);
    expect(await page.locator('.task-due-group--overdue').count()).toBe(0);

    // Five hours later (4.2.2 is due 4 h after the report), without reloading.
    await page.clock.fastForward('05:00:00');
    const overdue = page.locator('.task-due-group--overdue');
    await expect.poll(() => overdue.locator('h2').textContent()).toBe('En retard (1)');
    const late = overdue.locator('.task[data-step="4.2.2"] .due--overdue');
    expect(await late.textContent()).toMatch(/^en retard de (59\u00a0min|1\u00a0h( \d+\u00a0min)?)/);
    expect(await late.locator('svg').count()).toBe(1);
    expect(await late.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(164, 37, 29)');
    expect(await seriousA11yViolations(page), 'my tasks, overdue').toEqual([]);
    await screenshot(page, 'my-tasks-1280');

    // Half an hour more: the countdown moves on by itself.
    await page.clock.fastForward('00:30:00');
    await expect.poll(() => late.textContent()).toMatch(/^en retard de 1\u00a0h (29|30|31)\u00a0min/);
    expect(problems).toEqual([]);
  });

  it('marks a task done with a note from the list, and asks a reason for "ne s\'applique pas"', async () => {
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.supA);
    await page.goto('/taches');
    const meet = page.locator('main .task[data-step="4.2.1"]');
    await meet.getByRole('button', { name: 'Terminé' }).click();
    const note = meet.getByLabel('Note (facultatif)');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await note.fill('Rencontre le 27 novembre, PAE rappelé.');
    await meet.getByRole('button', { name: 'Confirmer : terminé' }).click();
    await expect.poll(() => page.locator('main .task[data-step="4.2.1"]').count()).toBe(0);
    expect(await page.locator('.status-message').textContent()).toContain('Étape 4.2.1 terminée');
    const stored = await e2e.testApp.ctx.db
      .selectFrom('tasks')
      .select(['status', 'note'])
      .where('step_key', '=', '4.2.1')
      .where('assignee_user_id', '=', org.supA.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'done', note: 'Rencontre le 27 novembre, PAE rappelé.' });

    const follow = page.locator('main .task[data-step="4.2.5"]');
    await follow.getByRole('button', { name: "Ne s'applique pas" }).click();
    await follow.getByRole('button', { name: "Confirmer : ne s'applique pas" }).click();
    await expect.poll(() => follow.locator('.field__error').textContent()).toContain('Donnez la raison.');
    expect(await seriousA11yViolations(page), 'my tasks, reason missing').toEqual([]);
    await follow.getByRole('button', { name: 'Annuler' }).click();
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    expect(problems).toEqual([]);
  });

  it('counts unread notifications on the bell, lists them, and marks one read when its case is opened', async () => {
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.supA);
    const bell = page.locator('.bell');
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications\u00a0: 1 non lue');
    await bell.click();
    await page.waitForURL('**/notifications');
    const item = page.locator('.notification').first();
    await expect.poll(() => item.textContent()).toContain(reference);
    expect(await item.textContent()).toContain('Nouveau');
    expect(await seriousA11yViolations(page), 'notifications').toEqual([]);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    await item.getByRole('link', { name: `Ouvrir le dossier ${reference}` }).click();
    await page.waitForURL('**/dossiers/*');
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications\u00a0: aucune non lue');
    expect(problems).toEqual([]);
  });

  it('speaks English too', async () => {
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, org.supA);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor();
    await page.goto('/taches');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('My tasks');
    await expect.poll(() => page.locator('main .task[data-step="4.2.2"]').textContent()).toMatch(/in \d+\u00a0h/);
    expect(
      await page.locator('main .task[data-step="4.2.2"]').getByRole('button', { name: 'Notify general direction, HR and IT' }).count(),
    ).toBe(1);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    expect(problems).toEqual([]);
  });
});
