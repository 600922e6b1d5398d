// axe-core (WCAG 2.1 A and AA rules) on the main pages, in French; and screenshots at phone and
// desktop widths in /tmp/rempart-shots/ for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, screenshot, seriousA11yViolations, signIn, startE2e } from '../support/e2e.js';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

const widths = [
  { name: '360', width: 360, height: 740 },
  { name: '1280', width: 1280, height: 800 },
];

describe('accessibility (axe, WCAG 2.1 AA) and screenshots', () => {
  for (const size of widths) {
    it(`has no serious or critical violation on sign-in, home and profile at ${size.width} px`, async () => {
      const user = await e2e.newUser({
        displayName: 'Marie-Ève Tremblay',
        roles: [
          { role: 'staff', unitId: e2e.unit.id },
          { role: 'supervisor', unitId: e2e.unit.id },
        ],
      });
      const { page, problems } = await e2e.newPage({ width: size.width, height: size.height });

      await page.goto('/connexion');
      await page.locator('main h1').waitFor();
      expect(await seriousA11yViolations(page), 'login').toEqual([]);
      await screenshot(page, `login-${size.name}`);

      // The error state too: alert and invalid fields.
      await page.getByRole('button', { name: 'Se connecter' }).click();
      expect(await seriousA11yViolations(page), 'login with errors').toEqual([]);

      await signIn(page, user);
      expect(await seriousA11yViolations(page), 'home').toEqual([]);
      await screenshot(page, `home-${size.name}`);
      if (size.width < 768) {
        await page.getByRole('button', { name: 'Menu' }).click();
        expect(await seriousA11yViolations(page), 'home, menu open').toEqual([]);
        await screenshot(page, `home-menu-${size.name}`);
        await page.keyboard.press('Escape');
      }

      await page.goto('/profil');
      await page.locator('#sessions .item-list').waitFor();
      await page.locator('#token-label').fill('Extension – portable');
      await page.getByRole('button', { name: 'Créer un jeton' }).click();
      await page.locator('#new-token-value').waitFor();
      expect(await seriousA11yViolations(page), 'profile').toEqual([]);
      await screenshot(page, `profile-${size.name}`);

      await page.goto('/profil/double-authentification');
      await page.getByRole('button', { name: "J'ai une application, continuer" }).click();
      await page.locator('img.qr').waitFor();
      expect(await seriousA11yViolations(page), 'second-factor enrolment').toEqual([]);
      await screenshot(page, `totp-${size.name}`);

      await page.goto('/reinitialiser');
      await page.locator('main h1').waitFor();
      expect(await seriousA11yViolations(page), 'reset').toEqual([]);
      expect(problems).toEqual([]);
    });
  }
});
