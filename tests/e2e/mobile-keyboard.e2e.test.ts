// A 360 px phone and a keyboard without a mouse: the two ways of using Rempart the layout and
// the focus handling must not break.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, horizontalOverflow, signIn, startE2e } from '../support/e2e.js';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

describe('on a 360 × 740 phone', () => {
  it('folds the navigation into a menu that opens, leads to a page and closes', async () => {
    const user = await e2e.newUser({ displayName: 'Jean-François Gagnon-Beauchemin' });
    const { page, problems } = await e2e.newPage({ width: 360, height: 740 });
    await page.goto('/connexion');
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    await signIn(page, user);

    const menuButton = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => nav.isVisible()).toBe(false);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);

    await menuButton.click();
    await expect.poll(() => menuButton.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => nav.isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Se déconnecter' }).isVisible()).toBe(true);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    // Touch targets of at least 44 px.
    const box = await nav.getByRole('link', { name: 'Mon profil' }).boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);

    await nav.getByRole('link', { name: 'Mon profil' }).click();
    await page.waitForURL('**/profil');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Mon profil');
    await expect.poll(() => menuButton.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => nav.isVisible()).toBe(false);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);

    // Escape closes the menu and gives focus back to its button.
    await menuButton.click();
    await page.keyboard.press('Escape');
    await expect.poll(() => menuButton.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('menu-button'))).toBe(true);
    expect(problems).toEqual([]);
  });

  it('has no horizontal scrolling on the home, profile, reset and 404 pages, in French and in English', async () => {
    const user = await e2e.newUser({ displayName: 'Marie-Ève Tremblay-Desrosiers' });
    const { page } = await e2e.newPage({ width: 360, height: 740 });
    await signIn(page, user);
    // A token makes the longest unbreakable string the page shows.
    await page.goto('/profil');
    await page.locator('#token-label').fill('Extension – ordinateur portable du bureau');
    await page.getByRole('button', { name: 'Créer un jeton' }).click();
    await page.locator('#new-token-value').waitFor();
    for (const language of ['fr', 'en'] as const) {
      for (const path of ['/', '/profil', '/profil/double-authentification', '/nulle-part']) {
        await page.goto(path);
        await page.locator('main h1').waitFor();
        const { scrollWidth } = await horizontalOverflow(page);
        expect(scrollWidth, `${language} ${path}`).toBeLessThanOrEqual(360);
      }
      if (language === 'fr') {
        await page.getByRole('button', { name: 'Menu' }).click();
        await page.getByRole('button', { name: 'English' }).click();
        await page.locator('html[lang="en"]').waitFor();
      }
    }
  });
});

describe('with the keyboard only', () => {
  it('reaches the fields with Tab, signs in with Enter and lands on the home heading', async () => {
    const user = await e2e.newUser();
    const { page } = await e2e.newPage();
    await page.goto('/connexion');
    await page.locator('main h1').waitFor();

    // First stop: the skip link, visible when focused; Enter moves focus to the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await expect.poll(() => page.locator('.skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    for (let i = 0; i < 5 && (await focusedId()) !== 'login-email'; i += 1) await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('login-email');
    // The focus ring is visible (outline or box-shadow).
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('login-password');
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.locator('main h1').textContent()).toBe(`Bonjour, ${user.displayName}`);
    // After the change of page, focus is on the new page's heading (announced by screen readers).
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  });
});
