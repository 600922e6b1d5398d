// The playbook editor (issue 3: a form, not a JSON box): a wrong due rule is refused by the API
// and shown next to its field, fixed, previewed as tasks with due times, saved as version 2; a
// second editor based on version 1 is told someone saved meanwhile. Screenshots at 360 and
// 1280 px go to /tmp/rempart-shots/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, type E2eUser, horizontalOverflow, screenshot, seriousA11yViolations, signIn, startE2e } from '../support/e2e.js';

let e2e: E2e;
let admin: E2eUser;

beforeAll(async () => {
  e2e = await startE2e();
  admin = await e2e.newUser({ displayName: 'Mathieu Bouchard', roles: [{ role: 'admin' }] });
});

afterAll(async () => {
  await e2e?.close();
});

function step(page: Page, key: string) {
  const toggle = page.locator(`.step__toggle:has(.step__key:text-is("${key}"))`);
  return { toggle, item: page.locator('li.step', { has: toggle }) };
}

async function openEditor(width = 1280, height = 800) {
  const opened = await e2e.newPage({ width, height });
  await signIn(opened.page, admin);
  await opened.page.goto('/admin/procedure');
  await opened.page.locator('.step-list').waitFor();
  return opened;
}

describe('playbook editor', () => {
  it('shows a wrong due rule next to its field, previews the tasks once fixed, and saves version 2', async () => {
    const { page, problems } = await openEditor();
    expect(await page.locator('main h1').textContent()).toBe('Guide de procédure');
    expect(await page.locator('.step-list > li').count()).toBe(16);
    // A form, not a JSON box.
    expect(await page.locator('main').textContent()).not.toContain('"steps"');

    const { toggle, item } = step(page, '4.2.1');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const amount = item.locator('input[id$="-due-amount"]');
    expect(await amount.inputValue()).toBe('1');
    expect(await item.locator('select[id$="-due-unit"]').inputValue()).toBe('bd');
    await amount.fill('0');
    await expect.poll(() => toggle.textContent()).toContain('0 jour ouvrable');

    await page.getByRole('button', { name: 'Valider et prévisualiser' }).click();
    const summary = page.locator('.problem-summary');
    await expect.poll(() => summary.textContent()).toContain('Le guide contient 1 problème');
    expect(await summary.textContent()).toContain('Étape 4.2.1\u00a0:');
    const amountId = await amount.getAttribute('id');
    await expect.poll(() => page.locator(`#${amountId}-error`).textContent()).toContain('Échéance invalide');
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    expect(await toggle.textContent()).toContain('1 problème');
    // The summary's link leads to the field.
    await summary.getByRole('link', { name: /Étape 4\.2\.1/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(amountId);

    // Fixed: 3 business days. The preview lists the tasks with due times in the organisation's zone.
    await amount.fill('3');
    await page.locator('#preview-flag-illegalOrSerious').check();
    await page.locator('#preview-instigator-student').check();
    await page.getByRole('button', { name: 'Valider et prévisualiser' }).click();
    const result = page.locator('.preview-result');
    await expect.poll(() => result.textContent()).toMatch(/\d+ tâches créées/);
    expect(await page.locator('.problem-summary').count()).toBe(0);
    const tasks = await result.locator('.task-preview__item').allTextContents();
    expect(tasks.some((t) => t.startsWith('4.1.4'))).toBe(true); // flags.illegalOrSerious
    expect(tasks.some((t) => t.startsWith('4.2.4'))).toBe(true); // instigator.student
    expect(tasks.some((t) => t.startsWith('4.5.1'))).toBe(false); // flags.publicExposure not set
    const due421 = tasks.find((t) => t.startsWith('4.2.1')) ?? '';
    expect(due421).toMatch(/échéance\u00a0: \d{1,2} \S+ \d{4} à \d{1,2} h \d{2}/);
    expect(await result.locator('time').count()).toBeGreaterThan(5);
    expect(await seriousA11yViolations(page), 'editor with preview').toEqual([]);
    await screenshot(page, 'admin-playbook-1280');

    // A second editor opened on version 1 meanwhile.
    const other = await openEditor();

    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Version 2 enregistrée.');
    await expect.poll(() => page.locator('#versions .item-list__item').count()).toBe(2);
    expect(await page.locator('#versions').textContent()).toContain(`par ${admin.displayName}`);
    expect(await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).isDisabled()).toBe(true);

    const saved = await e2e.testApp.ctx.db
      .selectFrom('playbooks')
      .select(['version', 'definition'])
      .where('organisation_id', '=', e2e.organisation.id)
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    expect(saved.version).toBe(2);
    const steps = (saved.definition as unknown as { steps: Array<{ key: string; due: string }> }).steps;
    expect(steps.find((s) => s.key === '4.2.1')?.due).toBe('3bd');

    // The other editor, based on version 1, is told to reload.
    const otherStep = step(other.page, '4.6.1');
    await otherStep.toggle.click();
    await otherStep.item.locator('input[id$="-title-en"]').fill('Prevention follow-up');
    await other.page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await expect.poll(() => other.page.locator('main').textContent()).toContain("Quelqu'un a enregistré une autre version");
    await other.page.getByRole('button', { name: 'Recharger le guide' }).click();
    await expect.poll(() => other.page.locator('#guide').textContent()).toContain('Version 2 en vigueur');
    expect(problems).toEqual([]);
    expect(other.problems).toEqual([]);
  });

  it('builds a condition with the assistant, adds, moves and removes a step, and reports a cycle', async () => {
    const { page, problems } = await openEditor();
    await page.getByRole('button', { name: 'Ajouter une étape' }).click();
    const added = page.locator('li.step').last();
    // Focus goes to the new step's number.
    expect(await page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/-key$/);
    expect(await added.locator('input[id$="-key"]').inputValue()).toBe('4.6.3');
    await added.locator('input[id$="-title-fr"]').fill('Informer le comité');
    await added.locator('input[id$="-title-en"]').fill('Inform the committee');
    await added.locator('textarea[id$="-guidance-fr"]').fill('Transmettre un résumé anonymisé.');
    await added.locator('textarea[id$="-guidance-en"]').fill('Send an anonymised summary.');
    await added.locator('select[id$="-role"]').selectOption('hr');
    await added.locator('select[id$="-due-kind"]').selectOption('weekly');

    // Condition: public exposure AND NOT a student instigator.
    await added.getByRole('button', { name: 'Ajouter une condition' }).click();
    await added.locator('select[id*="-term-"]').first().selectOption('flags.publicExposure');
    await added.getByRole('button', { name: 'Ajouter une condition' }).click();
    await added.locator('select[id*="-term-"]').nth(1).selectOption('instigator.student');
    await added.locator('input[id$="-not"]').nth(1).check();
    expect(await added.locator('.condition__expression code').textContent()).toBe('flags.publicExposure and not instigator.student');
    await added.locator('select[id$="-condition-join"]').selectOption('or');
    expect(await added.locator('.condition__expression code').textContent()).toBe('flags.publicExposure or not instigator.student');
    // The advanced field shows the same expression.
    await added.getByLabel('Expression avancée').check();
    expect(await added.locator('input[id$="-condition-text"]').inputValue()).toBe('flags.publicExposure or not instigator.student');
    await added.getByLabel('Assistant').check();

    // Move it up one place, then make 4.6.1 depend on it and it on 4.6.1: a cycle.
    await added.getByRole('button', { name: 'Monter 4.6.3' }).click();
    await expect.poll(() => page.locator('.step__key').nth(15).textContent()).toBe('4.6.3');
    const moved = step(page, '4.6.3').item;
    await moved.getByLabel(/^4\.6\.1/).check();
    const { toggle: toggle461, item: item461 } = step(page, '4.6.1');
    await toggle461.click();
    await item461.getByLabel(/^4\.6\.3/).check();
    await page.getByRole('button', { name: 'Valider et prévisualiser' }).click();
    await expect.poll(() => page.locator('.problem-summary').textContent()).toContain('Dépendances circulaires');
    await item461.getByLabel(/^4\.6\.3/).uncheck();

    await page.getByRole('button', { name: 'Valider et prévisualiser' }).click();
    await expect.poll(() => page.locator('.preview-result').textContent()).toMatch(/tâches créées/);

    // Delete it in two steps; the dependency on it goes too.
    await moved.getByRole('button', { name: "Supprimer l'étape 4.6.3" }).click();
    await moved.getByRole('button', { name: "Oui, supprimer l'étape 4.6.3" }).click();
    await expect.poll(() => page.locator('.step-list > li').count()).toBe(16);
    expect(await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).isDisabled()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('is usable at 360 px: no sideways scrolling, axe clean with a step open and a problem shown', async () => {
    const { page, problems } = await openEditor(360, 740);
    const { toggle, item } = step(page, '4.3.2');
    await toggle.click();
    await item.locator('input[id$="-due-amount"]').fill('999');
    await page.getByRole('button', { name: 'Valider et prévisualiser' }).click();
    await page.locator('.problem-summary').waitFor();
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(page), 'editor with a problem at 360').toEqual([]);
    await screenshot(page, 'admin-playbook-problem-360');
    await item.locator('input[id$="-due-amount"]').fill('2');
    await page.getByRole('button', { name: 'Valider et prévisualiser' }).click();
    await page.locator('.preview-result').waitFor();
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    await screenshot(page, 'admin-playbook-360');
    expect(problems).toEqual([]);
  });
});
