// Sign-in, language and sign-out journeys in real Chromium against the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, signIn, startE2e } from '../support/e2e.js';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

describe('sign-in and the app frame', () => {
  it('opens in French, signs a staff member in and greets them by name on the home page', async () => {
    const user = await e2e.newUser({ displayName: 'Marie-Ève Tremblay' });
    const { page, problems } = await e2e.newPage();
    await page.goto('/');
    await page.waitForURL('**/connexion');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr-CA');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Connexion');
    expect(await page.title()).toBe('Connexion – Rempart');

    await signIn(page, user);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Bonjour, Marie-Ève Tremblay');
    const header = page.locator('header');
    expect(await header.textContent()).toContain('Centre de services scolaire des Mille-Ruisseaux');
    expect(await header.textContent()).toContain('Marie-Ève Tremblay');
    // Roles in plain words, with the unit.
    const roles = page.locator('.role-list');
    expect(await roles.textContent()).toContain('Membre du personnel');
    expect(await roles.textContent()).toContain('École primaire des Érables');
    // Dates follow the organisation's time zone (America/Toronto), not the browser's (UTC here).
    const today = new Intl.DateTimeFormat('fr-CA', { dateStyle: 'long', timeZone: 'America/Toronto' }).format(new Date());
    expect(await page.locator('main time').first().textContent()).toBe(today);
    expect(problems).toEqual([]);
  });

  it('switches to English, keeps English after a reload and saves it to the profile', async () => {
    const user = await e2e.newUser({ displayName: 'Jean-François Gagnon' });
    const { page, problems } = await e2e.newPage();
    await signIn(page, user);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Hello, Jean-François Gagnon');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);

    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Hello, Jean-François Gagnon');
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).textContent()).toContain('My profile');

    const saved = await e2e.testApp.ctx.db
      .selectFrom('users')
      .select('preferred_locale')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(saved.preferred_locale).toBe('en');

    // A new browser (no localStorage) gets English from the profile at sign-in.
    const other = await e2e.newPage();
    await signIn(other.page, user);
    await expect.poll(() => other.page.locator('h1').textContent()).toBe('Hello, Jean-François Gagnon');
    expect(problems).toEqual([]);
  });

  it('saves the language at the next load when the first save was cut (reload, lost network)', async () => {
    const user = await e2e.newUser({ displayName: 'Marc Tremblay' });
    const { page, problems } = await e2e.newPage();
    await signIn(page, user);
    // The profile save never reaches the server.
    await page.route('**/api/v1/me', (route) => (route.request().method() === 'PATCH' ? route.abort() : route.continue()));
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Hello, Marc Tremblay');
    const stored = () =>
      e2e.testApp.ctx.db.selectFrom('users').select('preferred_locale').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect((await stored()).preferred_locale).toBe('fr-CA');
    await page.unroute('**/api/v1/me');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Hello, Marc Tremblay');
    await expect.poll(async () => (await stored()).preferred_locale).toBe('en');
    // Only the save we cut.
    expect(problems.filter((p) => !p.includes('net::ERR_FAILED'))).toEqual([]);
  });

  it('keeps a language chosen before sign-in (localStorage) and applies it to the profile', async () => {
    const user = await e2e.newUser();
    const { page } = await e2e.newPage();
    await page.goto('/connexion');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in');
    await signIn(page, user);
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Hello, /);
    await expect
      .poll(
        async () =>
          (await e2e.testApp.ctx.db.selectFrom('users').select('preferred_locale').where('id', '=', user.id).executeTakeFirstOrThrow())
            .preferred_locale,
      )
      .toBe('en');
  });

  it('shows the server’s French message for a wrong password and keeps the user on the form', async () => {
    const user = await e2e.newUser();
    const { page, problems } = await e2e.newPage();
    await page.goto('/connexion');
    await page.locator('#login-email').fill(user.email);
    await page.locator('#login-password').fill('pas-le-bon-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('Courriel ou mot de passe incorrect.');
    expect(new URL(page.url()).pathname).toBe('/connexion');
    expect(await page.locator('#login-password').inputValue()).toBe('');
    expect(problems).toEqual([]);
  });

  it('says plainly, in French, when too many attempts were made', async () => {
    const user = await e2e.newUser();
    const { page } = await e2e.newPage();
    await page.goto('/connexion');
    await page.locator('#login-email').fill(user.email);
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      await page.locator('#login-password').fill(`mauvais-${attempt}`);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(attempt <= 5 ? /incorrect/ : /Trop de tentatives/);
    }
    expect(await page.getByRole('alert').textContent()).toMatch(/^Trop de tentatives\. Réessayez dans \d+ (secondes|seconde)\.$/);
  });

  it('asks for missing fields in French without calling the server', async () => {
    const { page } = await e2e.newPage();
    await page.goto('/connexion');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    expect(await page.locator('#login-email-error').textContent()).toContain('Ce champ est obligatoire.');
    expect(await page.locator('#login-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-email');
  });

  it('signs out, lands on the sign-in page and cannot go back to the home page', async () => {
    const user = await e2e.newUser();
    const { page } = await e2e.newPage();
    await signIn(page, user);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL('**/connexion');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Votre session est fermée.');
    await page.goto('/');
    await page.waitForURL('**/connexion');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Connexion');
  });

  it('returns to the page asked for after sign-in', async () => {
    const user = await e2e.newUser();
    const { page } = await e2e.newPage();
    await page.goto('/profil');
    await page.waitForURL('**/connexion?retour=%2Fprofil');
    await page.locator('#login-email').fill(user.email);
    await page.locator('#login-password').fill(user.password);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/profil');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Mon profil');
  });

  it('shows a 404 page for an unknown address, signed in or not', async () => {
    const user = await e2e.newUser();
    const { page } = await e2e.newPage();
    await page.goto('/nulle-part');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Page introuvable');
    await signIn(page, user);
    await page.goto('/nulle-part/encore');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Page introuvable');
    expect(await page.locator('header').textContent()).toContain(e2e.organisation.name);
  });

  it('asks for the second factor when the account has one, then signs in with a recovery code', async () => {
    const user = await e2e.newUser();
    // Enrol through the UI: start, read the key shown, confirm with a code computed from it.
    const { page, problems } = await e2e.newPage();
    await signIn(page, user);
    await page.goto('/profil/double-authentification');
    await page.getByRole('button', { name: "J'ai une application, continuer" }).click();
    const qr = page.locator('img.qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
    expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    const secret = ((await page.locator('.secret code').textContent()) ?? '').replace(/\s+/g, '');
    const { currentTotp } = await import('../../src/domain/auth/totp.js');
    await page.locator('#totp-confirm-code').fill(currentTotp(secret, e2e.clock.now()));
    await page.getByRole('button', { name: 'Confirmer et activer' }).click();
    const codes = page.locator('.code-grid code');
    await codes.first().waitFor();
    await expect.poll(() => codes.count()).toBe(10);
    const recovery = (await codes.first().textContent()) ?? '';
    await page.getByLabel("J'ai conservé mes codes de récupération en lieu sûr.").check();
    await page.getByRole('link', { name: 'Terminer' }).click();
    await page.waitForURL('**/profil');
    expect(await page.locator('#double-authentification').textContent()).toContain('Activée');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL('**/connexion');
    await page.locator('#login-email').fill(user.email);
    await page.locator('#login-password').fill(user.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const code = page.locator('#login-totp');
    await code.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('login-totp');
    await code.fill('000000');
    await page.getByRole('button', { name: 'Valider le code' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe("Le code d'authentification est incorrect.");
    await code.fill(recovery);
    await page.getByRole('button', { name: 'Valider le code' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Bonjour, ${user.displayName}`);
    expect(problems).toEqual([]);
  });
});
