// The profile: personal API tokens (shown once), sessions, display name, password change, and
// the password reset by e-mail, in real Chromium against the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, signIn, startE2e } from '../support/e2e.js';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

describe('profile', () => {
  it('creates a personal API token, shows it once with a warning, then lists it without the secret', async () => {
    const user = await e2e.newUser();
    const { page, problems } = await e2e.newPage();
    await signIn(page, user);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mon profil' }).click();
    await page.waitForURL('**/profil');
    await page.locator('#token-label').fill('Extension – portable');
    await page.getByRole('button', { name: 'Créer un jeton' }).click();

    const value = page.locator('#new-token-value');
    await value.waitFor();
    const token = await value.inputValue();
    expect(token).toMatch(/^rmp_[A-Za-z0-9_-]{20,}$/);
    const box = page.locator('.secret-box');
    expect(await box.textContent()).toContain('il ne sera plus jamais affiché');
    await expect.poll(() => box.getByRole('button', { name: 'Copier' }).count()).toBe(1);

    // The token works, as a bearer token.
    const me = await fetch(`${e2e.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);

    await page.getByRole('button', { name: "J'ai copié le jeton" }).click();
    await expect.poll(() => page.locator('#new-token-value').count()).toBe(0);
    const list = page.locator('#jetons .item-list');
    expect(await list.textContent()).toContain('Extension – portable');
    expect(await list.textContent()).toContain(token.slice(0, 12));
    expect(await page.content()).not.toContain(token);

    // Reloading never shows it again.
    await page.reload();
    await page.locator('#jetons .item-list').waitFor();
    expect(await page.content()).not.toContain(token);

    // Revoke, in two steps.
    await page.locator('#jetons').getByRole('button', { name: 'Révoquer' }).click();
    await page.locator('#jetons').getByRole('button', { name: 'Oui, révoquer' }).click();
    await expect.poll(() => page.locator('#jetons').textContent()).toContain("Vous n'avez aucun jeton.");
    const after = await fetch(`${e2e.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    expect(problems).toEqual([]);
  });

  it('lists open sessions, marks this one, and closes another one', async () => {
    const user = await e2e.newUser();
    const first = await e2e.newPage();
    await signIn(first.page, user);
    const second = await e2e.newPage();
    await signIn(second.page, user);
    await second.page.goto('/profil');
    const sessions = second.page.locator('#sessions .item-list__item');
    await expect.poll(() => sessions.count()).toBe(2);
    expect(await second.page.locator('#sessions').textContent()).toContain('Cet appareil');
    // Dates in the organisation's time zone and French: « … novembre 2026 à 14 h 05 ».
    expect(await second.page.locator('#sessions time').first().textContent()).toMatch(/\d{4} à \d{1,2} h \d{2}/);
    await second.page.locator('#sessions').getByRole('button', { name: 'Fermer la session' }).click();
    await second.page.locator('#sessions').getByRole('button', { name: 'Oui, la fermer' }).click();
    await expect.poll(() => sessions.count()).toBe(1);

    // The first browser is signed out at its next request.
    await first.page.goto('/profil');
    await first.page.waitForURL('**/connexion?retour=%2Fprofil');
  });

  it('changes the display name and the password', async () => {
    const user = await e2e.newUser();
    const { page, problems } = await e2e.newPage();
    await signIn(page, user);
    await page.goto('/profil');
    await page.locator('#profile-display-name').fill('Nathalie Côté-Roy');
    await page.locator('#identite').getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('#identite').textContent()).toContain('Nom enregistré.');
    expect(await page.locator('header').textContent()).toContain('Nathalie Côté-Roy');

    await page.locator('#profile-current-password').fill('mauvais mot de passe');
    await page.locator('#profile-new-password').fill('une phrase de passe assez longue');
    await page.locator('#profile-confirm-password').fill('une phrase de passe assez longue');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await expect.poll(() => page.locator('#profile-current-password-error').textContent()).toContain('Mot de passe incorrect.');

    await page.locator('#profile-current-password').fill(user.password);
    await page.locator('#profile-new-password').fill('court');
    await page.locator('#profile-confirm-password').fill('court');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    expect(await page.locator('#profile-new-password-error').textContent()).toContain('au moins 12 caractères');

    await page.locator('#profile-new-password').fill('une phrase de passe assez longue');
    await page.locator('#profile-confirm-password').fill('une phrase de passe assez longue');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await expect.poll(() => page.locator('#mot-de-passe').textContent()).toContain('Votre mot de passe a été changé.');

    const again = await e2e.newPage();
    await signIn(again.page, { email: user.email, password: 'une phrase de passe assez longue' });
    await expect.poll(() => again.page.locator('h1').textContent()).toBe('Bonjour, Nathalie Côté-Roy');
    expect(problems).toEqual([]);
  });

  it('resets a forgotten password with the link from the e-mail (token in the fragment)', async () => {
    const user = await e2e.newUser();
    const { page, problems } = await e2e.newPage();
    await page.goto('/connexion');
    await page.locator('#login-email').fill(user.email);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.waitForURL('**/mot-de-passe-oublie');
    expect(await page.locator('#forgot-email').inputValue()).toBe(user.email);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Vérifiez votre boîte de courriel');

    const mail = await e2e.testApp.smtp.waitFor((m) => m.to.includes(user.email), 10_000);
    const link = /https?:\/\/\S+\/reinitialiser#token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    expect(link!.startsWith(e2e.baseUrl)).toBe(true);

    await page.goto(link!);
    await page.locator('#reset-new-password').waitFor();
    // The secret leaves the address bar at once.
    expect(new URL(page.url()).hash).toBe('');
    await page.locator('#reset-new-password').fill('nouvelle phrase de passe solide');
    await page.locator('#reset-confirm-password').fill('nouvelle phrase de passe solide');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Votre mot de passe a été changé');
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await signIn(page, { email: user.email, password: 'nouvelle phrase de passe solide' });
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Bonjour, ${user.displayName}`);

    // The same link does not work twice.
    await page.goto(link!);
    await page.locator('#reset-new-password').fill('encore une autre phrase');
    await page.locator('#reset-confirm-password').fill('encore une autre phrase');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Ce lien est invalide ou expiré.');
    await expect.poll(() => page.getByRole('link', { name: 'Demander un nouveau lien' }).count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('sends a user whose role requires a second factor to enrolment first', async () => {
    const { buildOrganisation, buildUser } = await import('../support/builders.js');
    const ctx = e2e.testApp.ctx;
    const org = await buildOrganisation(ctx, { requireTotpRoles: ['supervisor'] });
    const user = await buildUser(ctx, { organisationId: org.id, roles: [{ role: 'supervisor' }] });
    const { page } = await e2e.newPage();
    await signIn(page, user);
    expect(new URL(page.url()).pathname).toBe('/profil/double-authentification');
    expect(await page.getByRole('status').first().textContent()).toContain('Votre organisation exige la double authentification');
    await page.goto('/profil');
    await page.waitForURL('**/profil/double-authentification');
  });
});
