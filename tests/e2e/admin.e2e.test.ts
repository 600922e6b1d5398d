// The administration screens in real Chromium against the real server, as an administrator:
// units and associations, the staff directory, the CSV import (dry run, then import), a login
// with a primary supervisor role, the business calendar, undelivered mail and its retry; a user
// without the admin role gets the 403 page. Then every admin screen passes axe (WCAG 2.1 AA,
// nothing serious or critical) at 360 and 1280 px, without sideways scrolling on the phone;
// screenshots go to /tmp/rempart-shots/ (REMPART_SHOTS_DIR).
import { createServer } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/adapters/mail/mailer.js';
import { type E2e, type E2eUser, horizontalOverflow, screenshot, seriousA11yViolations, signIn, startE2e } from '../support/e2e.js';

let e2e: E2e;
let admin: E2eUser;

beforeAll(async () => {
  e2e = await startE2e();
  admin = await e2e.newUser({ displayName: 'Sophie Lévesque', roles: [{ role: 'admin' }] });
});

afterAll(async () => {
  await e2e?.close();
});

/** What the tests below create, for the later ones (they run in order). */
const made = { unitName: 'École secondaire du Fleuve', unitCode: 'ESF', personId: '', userId: '' };

async function adminPage(width = 1280, height = 800) {
  const opened = await e2e.newPage({ width, height });
  // Name the request behind a server error (the console only says "500").
  opened.page.on('response', (response) => {
    if (response.status() >= 500) opened.problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  await signIn(opened.page, admin);
  return opened;
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function apiSession(user: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${e2e.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: e2e.baseUrl },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function waitForStatus(page: Page, text: string) {
  await expect.poll(() => page.locator('main').textContent(), { timeout: 10_000 }).toContain(text);
}

describe('administration', () => {
  it('shows the 403 page on /admin to a user without the admin role, and no Administration entry', async () => {
    const staff = await e2e.newUser();
    const { page, problems } = await e2e.newPage();
    await signIn(page, staff);
    expect(
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Administration' }).count(),
    ).toBe(0);
    for (const path of ['/admin', '/admin/personnel', '/admin/procedure']) {
      await page.goto(path);
      await expect.poll(() => page.locator('main h1').textContent()).toBe('Accès non autorisé');
    }
    expect(problems).toEqual([]);
  });

  it('creates a unit and an association, edits the unit, and shows the 409 refusal to delete a unit that has staff', async () => {
    const { page, problems } = await adminPage();
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Administration' }).click();
    await page.waitForURL('**/admin');
    await page.getByRole('link', { name: 'Unités et associations' }).first().click();
    await page.waitForURL('**/admin/unites');

    const units = page.locator('#unites');
    await units.locator('#unit-new-name').fill('École secondaire du Fleuv');
    await units.locator('#unit-new-code').fill(made.unitCode);
    await units.getByRole('button', { name: "Ajouter l'unité" }).click();
    await expect.poll(() => units.textContent()).toContain('Unité «\u00a0École secondaire du Fleuv\u00a0» ajoutée.');

    // A missing name is refused before sending; a duplicate code by the API (409, in the field's alert).
    await units.getByRole('button', { name: "Ajouter l'unité" }).click();
    expect(await units.locator('#unit-new-name-error').textContent()).toContain('Ce champ est obligatoire.');
    await units.locator('#unit-new-name').fill('Une autre école');
    await units.locator('#unit-new-code').fill(made.unitCode);
    await units.getByRole('button', { name: "Ajouter l'unité" }).click();
    await expect.poll(() => units.getByRole('alert').first().textContent()).toContain('utilise déjà ce code');
    await units.locator('#unit-new-name').fill('');
    await units.locator('#unit-new-code').fill('');

    // Edit in place: fix the typo.
    await units.getByRole('button', { name: 'Modifier École secondaire du Fleuv' }).click();
    const editName = units.locator('input[id^="unit-edit-"][id$="-name"]');
    expect(await page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^unit-edit-.*-name$/);
    await editName.fill(made.unitName);
    await units.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => units.locator('.item-list').textContent()).toContain(made.unitName);

    // The test organisation's own unit has staff: deleting it is refused with the count.
    await units.getByRole('button', { name: `Supprimer ${e2e.unit.name}` }).click();
    await units.getByRole('button', { name: 'Oui, supprimer' }).click();
    await expect.poll(() => units.getByRole('alert').first().textContent()).toMatch(/Cette unité compte encore \d+ personnes?/);

    const associations = page.locator('#associations');
    await associations.locator('#association-new-name').fill("Syndicat de l'enseignement");
    await associations.locator('#association-new-kind').selectOption('union');
    await associations.getByRole('button', { name: "Ajouter l'association" }).click();
    await expect.poll(() => associations.locator('.item-list').textContent()).toContain("Syndicat de l'enseignement");
    expect(await associations.locator('.item-list').textContent()).toContain('Syndicat');
    expect(problems).toEqual([]);
  });

  it('adds a person to the directory and finds them by a search without accents', async () => {
    const { page, problems } = await adminPage();
    await page.goto('/admin/personnel');
    await page.getByRole('link', { name: 'Ajouter une personne' }).click();
    await page.waitForURL('**/admin/personnel/nouvelle');
    await page.getByRole('button', { name: 'Ajouter la personne' }).click();
    expect(await page.locator('#person-full-name-error').textContent()).toContain('Ce champ est obligatoire.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('person-full-name');

    await page.locator('#person-full-name').fill('Isabelle Côté');
    await page.locator('#person-email').fill('isabelle.cote@css.example');
    await page.locator('#person-unit').selectOption({ label: `${made.unitName} (${made.unitCode})` });
    await page.locator('#person-job-title').fill("Directrice d'établissement");
    await page.locator('#person-employee-number').fill('2001');
    await page.getByRole('button', { name: 'Ajouter la personne' }).click();
    await page.waitForURL(/\/admin\/personnel\/[0-9a-f-]{36}$/);
    made.personId = page.url().split('/').pop()!;
    await waitForStatus(page, 'Personne ajoutée au répertoire.');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Isabelle Côté');

    // The same e-mail again is refused by the API, next to the field.
    await page.goto('/admin/personnel/nouvelle');
    await page.locator('#person-full-name').fill('Isabelle Côté (double)');
    await page.locator('#person-email').fill('ISABELLE.COTE@css.example');
    await page.getByRole('button', { name: 'Ajouter la personne' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('utilise déjà cette adresse courriel');

    await page.goto('/admin/personnel');
    await page.locator('#persons-q').fill('cote');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/admin/personnel' && url.search === '?q=cote');
    await expect.poll(() => page.locator('.results-status').textContent()).toBe('Personnes 1 à 1 sur 1');
    expect(await page.locator('#persons-results ~ .item-list').textContent()).toContain('isabelle.cote@css.example');
    expect(problems).toEqual([]);
  });

  it('imports a CSV file: the dry run shows the bad line, then a clean file is imported', async () => {
    const { page, problems } = await adminPage();
    await page.goto('/admin/personnel/importer');
    const bad = [
      'Matricule;Nom;Courriel;Unité;Titre;Association;Langue;Remarque',
      `1001;Camille Tremblay;camille.tremblay@css.example;${made.unitCode};Enseignante;Syndicat de l'enseignement;fr;`,
      `1002;Olivier Gagnon;olivier.gagnon@;${made.unitName};Enseignant;;fr;à vérifier`,
    ].join('\r\n');
    await page.locator('input[type="file"]').setInputFiles({ name: 'personnel.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const report = page.locator('.import-report');
    await expect.poll(() => report.textContent(), { timeout: 10_000 }).toContain('Rapport de vérification');
    const errors = report.locator('table tbody tr');
    await expect.poll(() => errors.count()).toBe(1);
    const cells = await errors.first().locator('td').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('Courriel');
    expect(cells[2]).toContain('Adresse courriel invalide');
    expect(await report.textContent()).toContain('Colonne ignorée\u00a0: «\u00a0Remarque\u00a0»');
    expect(await page.getByRole('button', { name: /^Importer/ }).count()).toBe(0);
    // Focus is on the report's heading, for keyboard and screen-reader users.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-report-title');
    await screenshot(page, 'admin-import-report-1280');

    const good = bad.replace('olivier.gagnon@;', 'olivier.gagnon@css.example;');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'personnel-corrige.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await expect.poll(() => report.locator('table').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => report.textContent()).toContain('Le fichier ne contient aucune erreur.');
    expect(await report.locator('.counts').textContent()).toContain('Nouvelles2');
    await page.getByRole('button', { name: 'Importer 2 lignes' }).click();
    await expect
      .poll(() => report.textContent(), { timeout: 10_000 })
      .toContain('Importation terminée\u00a0: 2 nouvelles personnes, aucune mise à jour.');

    await page.getByRole('link', { name: 'Voir le répertoire' }).click();
    await page.waitForURL('**/admin/personnel');
    // Both new people, once the list has loaded (polled together: a list may render before it).
    await expect.poll(() => page.locator('main').textContent()).toContain('Camille Tremblay');
    await expect.poll(() => page.locator('main').textContent()).toContain('Olivier Gagnon');
    expect(problems).toEqual([]);
  });

  it('creates a login for a person of the directory and makes them the primary supervisor of the unit', async () => {
    const { page, problems } = await adminPage();
    await page.goto(`/admin/personnel/${made.personId}`);
    await page.getByRole('link', { name: 'Créer un compte de connexion' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/comptes/nouveau' && url.searchParams.get('personne') === made.personId);
    // The person is chosen already.
    await expect.poll(() => page.locator(`#new-user-person-${made.personId}`).isChecked()).toBe(true);
    await page.locator('#new-user-password').fill('court');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    expect(await page.locator('#new-user-password-error').textContent()).toContain('au moins 12 caractères');
    await page.locator('#new-user-password').fill('une phrase de passe pour Isabelle');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.waitForURL(/\/admin\/comptes\/[0-9a-f-]{36}$/);
    made.userId = page.url().split('/').pop()!;
    await waitForStatus(page, 'Compte créé.');

    const roles = page.locator('#roles');
    expect(await roles.locator('.item-list').textContent()).toContain('Membre du personnel');
    await roles.locator('#grant-role').selectOption('supervisor');
    await roles.getByRole('button', { name: 'Ajouter le rôle' }).click();
    expect(await roles.locator('#grant-unit-error').textContent()).toContain("Choisissez l'unité de cette direction.");
    await roles.locator('#grant-unit').selectOption({ label: `${made.unitName} (${made.unitCode})` });
    await roles.locator('#grant-primary').check();
    await roles.getByRole('button', { name: 'Ajouter le rôle' }).click();
    await expect
      .poll(() => roles.locator('.item-list').textContent())
      .toContain(`Direction d'établissement — ${made.unitName} (${made.unitCode})principal`);

    // The API agrees: one supervisor grant on the unit, primary.
    const holders = await e2e.testApp.ctx.db
      .selectFrom('role_grants')
      .select(['user_id', 'is_primary'])
      .where('role', '=', 'supervisor')
      .where('user_id', '=', made.userId)
      .execute();
    expect(holders).toEqual([{ user_id: made.userId, is_primary: true }]);

    // The primary holders' screen shows it; the login signs in.
    await page.goto('/admin/roles');
    const supervisors = page.locator('#role-supervisor');
    await expect.poll(() => supervisors.textContent()).toContain(made.unitName);
    expect(await supervisors.textContent()).toContain('Isabelle Côtéprincipal');
    const isabelle = await e2e.newPage();
    await signIn(isabelle.page, { email: 'isabelle.cote@css.example', password: 'une phrase de passe pour Isabelle' });
    await expect.poll(() => isabelle.page.locator('main').textContent()).toContain("Direction d'établissement");
    expect(problems).toEqual([]);
  });

  it('helps Isabelle back in: a password-reset link to her own address, then her lost second factor removed', async () => {
    const { page, problems } = await adminPage();
    // Isabelle has a second factor (set up directly: the enrolment screens have their own tests).
    await e2e.testApp.ctx.db
      .updateTable('users')
      .set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled_at: new Date() })
      .where('id', '=', made.userId)
      .execute();
    await page.goto(`/admin/comptes/${made.userId}`);
    const access = page.locator('#acces');
    await access.getByRole('button', { name: 'Envoyer un lien de réinitialisation' }).click();
    await expect.poll(() => access.textContent()).toContain('Lien envoyé à isabelle.cote@css.example. Il est valide 60 minutes.');
    const mail = await e2e.testApp.smtp.waitFor((m) => m.to.includes('isabelle.cote@css.example') && m.text.includes('#token='));
    expect(mail.text).toContain('/reinitialiser#token=');

    await access.getByRole('button', { name: 'Retirer la double authentification…' }).click();
    await access.getByRole('button', { name: 'Retirer la double authentification', exact: true }).click();
    expect(await access.locator('#totp-reset-password-error').textContent()).toContain('obligatoire');
    await access.locator('#totp-reset-password').fill('pas le bon mot de passe');
    await access.getByRole('button', { name: 'Retirer la double authentification', exact: true }).click();
    await expect.poll(() => access.locator('.alert').textContent()).toBeTruthy();
    await access.locator('#totp-reset-password').fill(admin.password);
    await access.getByRole('button', { name: 'Retirer la double authentification', exact: true }).click();
    await expect.poll(() => access.textContent()).toContain('Double authentification retirée.');
    await expect.poll(() => access.textContent()).toContain("La double authentification n'est pas activée pour ce compte.");
    const row = await e2e.testApp.ctx.db
      .selectFrom('users')
      .select('totp_enabled_at')
      .where('id', '=', made.userId)
      .executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).toBeNull();
    await screenshot(page, 'admin-user-access-desktop');

    // Her address changes: the login follows, she signs in with the new one.
    const identity = page.locator('#identite');
    await identity.locator('#user-email').fill('isabelle.cote-roy@css.example');
    await identity.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => identity.locator('.form__status').textContent()).toContain('Modifications enregistrées.');
    await e2e.testApp.smtp.waitFor((m) => m.to.includes('isabelle.cote@css.example') && m.subject.includes('adresse de connexion'));
    const isabelle = await e2e.newPage();
    await signIn(isabelle.page, { email: 'isabelle.cote-roy@css.example', password: 'une phrase de passe pour Isabelle' });
    await expect.poll(() => isabelle.page.locator('h1').textContent()).toContain('Isabelle');
    expect(problems).toEqual([]);
  });

  it('refuses a working day that ends before it starts, next to the field, then saves the calendar and a closure day', async () => {
    const { page, problems } = await adminPage();
    await page.goto('/admin/organisation');
    await page.locator('#org-time-zone').waitFor();
    expect(await page.locator('#org-time-zone').inputValue()).toBe('America/Toronto');
    await page.locator('#org-work-start').fill('17:00');
    await page.locator('#org-work-end').fill('08:00');
    await page.getByRole('button', { name: 'Enregistrer le calendrier' }).click();
    await expect
      .poll(() => page.locator('#org-work-end-error').textContent())
      .toContain("L'heure de fin doit être après l'heure de début.");
    expect(await page.locator('#org-work-end').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('org-work-end');

    await page.locator('#org-work-start').fill('08:00');
    await page.locator('#org-work-end').fill('16:30');
    await page.locator('#org-work-day-5').uncheck();
    await page.getByRole('button', { name: 'Enregistrer le calendrier' }).click();
    await expect.poll(() => page.locator('#calendrier').textContent()).toContain('Modifications enregistrées.');
    const org = await e2e.testApp.ctx.db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', e2e.organisation.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(org)).toContain('16:30');

    // A closure day next year appears in that year's holidays, with the statutory ones.
    const next = new Date().getFullYear() + 1;
    await page.locator('#org-days-off-year').selectOption(String(next));
    await page.locator('#closure-day').fill(`${next}-03-05`);
    await page.locator('#closure-label').fill('Journée pédagogique');
    await page.getByRole('button', { name: 'Ajouter la journée' }).click();
    const daysOff = page.locator('#jours-feries');
    await expect.poll(() => daysOff.locator('.holiday-list').textContent()).toContain('Journée pédagogique');
    expect(await daysOff.locator('.holiday-list').textContent()).toContain('Fête nationale du Québec');
    expect(await daysOff.locator('.holiday-list').textContent()).toContain('Journée nationale des patriotes');
    expect(problems).toEqual([]);
  });

  it('lists undelivered mail with its attempts and error, and sends a failed one again', async () => {
    const ctx = e2e.testApp.ctx;
    const working = ctx.mailer;
    const user = await e2e.newUser({ displayName: 'Karim Benali' });
    // The mail server is unreachable while these two messages are sent.
    ctx.mailer = createSmtpMailer(`smtp://127.0.0.1:${await closedPort()}?tls=off`, ctx.config.mailFrom);
    try {
      const reset = await fetch(`${e2e.baseUrl}/api/v1/auth/password-reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: e2e.baseUrl },
        body: JSON.stringify({ email: user.email }),
      });
      expect(reset.status).toBe(202);
      const cookie = await apiSession(user);
      const change = await fetch(`${e2e.baseUrl}/api/v1/me/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: e2e.baseUrl, cookie },
        body: JSON.stringify({ currentPassword: user.password, newPassword: 'une nouvelle phrase de passe' }),
      });
      expect(change.status).toBeLessThan(300);
      await expect
        .poll(
          async () =>
            (await ctx.db.selectFrom('mail_messages').select('status').where('to_address', '=', user.email).execute())
              .map((m) => m.status)
              .sort(),
          { timeout: 15_000 },
        )
        .toEqual(['failed', 'failed']);
    } finally {
      await ctx.mailer.close();
      ctx.mailer = working;
    }

    const { page, problems } = await adminPage();
    await page.goto('/admin/courriels');
    const list = page.locator('.mail-list');
    await expect.poll(() => list.locator('.item-list__item').count()).toBe(2);
    const text = await list.textContent();
    expect(text).toContain(`À\u00a0: ${user.email}`);
    expect(text).toContain('1 tentative');
    expect(text).toContain('Réponse du serveur de messagerie');
    expect(text).toMatch(/ECONNREFUSED|connect/i);
    // The reset link cannot be sent again; the password-change notice can.
    expect(text).toContain('lien à usage unique');
    const retry = list.getByRole('button', { name: /^Renvoyer/ });
    expect(await retry.count()).toBe(1);
    await retry.click();
    await expect.poll(() => page.locator('main').textContent(), { timeout: 10_000 }).toContain(`Courriel envoyé à ${user.email}.`);
    await e2e.testApp.smtp.waitFor((m) => m.to.includes(user.email), 10_000);
    await expect.poll(() => list.locator('.item-list__item').count()).toBe(1);

    await page.locator('#mail-status').selectOption('sent');
    await expect.poll(() => page.locator('main h2').first().textContent()).toBe('Courriels envoyés');
    await expect.poll(() => page.locator('.mail-list').textContent()).toContain('2 tentatives');
    expect(problems).toEqual([]);
  });

  for (const size of [
    { name: '360', width: 360, height: 740 },
    { name: '1280', width: 1280, height: 800 },
  ]) {
    it(`passes axe on every admin screen at ${size.width} px${size.width === 360 ? ', with no sideways scrolling' : ''}`, {
      timeout: 180_000,
    }, async () => {
      const paths = [
        '/admin',
        '/admin/organisation',
        '/admin/unites',
        '/admin/personnel',
        `/admin/personnel/${made.personId}`,
        '/admin/personnel/nouvelle',
        '/admin/personnel/importer',
        '/admin/comptes',
        '/admin/comptes/nouveau',
        `/admin/comptes/${made.userId}`,
        '/admin/roles',
        '/admin/courriels?statut=all',
        '/admin/procedure',
      ];
      const { page, problems } = await adminPage(size.width, size.height);
      for (const path of paths) {
        await page.goto(path);
        await page
          .locator('main h1')
          .waitFor({ timeout: 10_000 })
          .catch(async () => {
            throw new Error(`${path}: no heading; page shows ${(await page.locator('body').textContent())?.slice(0, 300)}`);
          });
        await expect.poll(() => page.locator('main [role="status"]:has-text("Chargement")').count(), { timeout: 10_000 }).toBe(0);
        expect(await seriousA11yViolations(page), `${path} at ${size.width}`).toEqual([]);
        if (size.width === 360) expect((await horizontalOverflow(page)).scrollWidth, path).toBeLessThanOrEqual(360);
        if (path === '/admin/personnel') await screenshot(page, `admin-directory-${size.name}`);
        if (path === '/admin/organisation') await screenshot(page, `admin-organisation-${size.name}`);
        if (path === `/admin/comptes/${made.userId}`) await screenshot(page, `admin-user-${size.name}`);
        if (path === '/admin/unites') await screenshot(page, `admin-units-${size.name}`);
      }

      // States with errors and reports too: the import report with errors, a refused calendar.
      await page.goto('/admin/personnel/importer');
      const bad = 'Nom;Courriel;Unité\r\nJulie Roy;julie.roy@;Nulle part\r\n';
      await page.locator('input[type="file"]').setInputFiles({ name: 'erreurs.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await page.locator('.import-report table').waitFor({ timeout: 10_000 });
      expect(await seriousA11yViolations(page), `import report at ${size.width}`).toEqual([]);
      if (size.width === 360) expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
      await screenshot(page, `admin-import-report-${size.name}`);

      await page.goto('/admin/organisation');
      await page.locator('#org-work-start').fill('09:00');
      await page.locator('#org-work-end').fill('06:00');
      await page.getByRole('button', { name: 'Enregistrer le calendrier' }).click();
      await page.locator('#org-work-end-error').waitFor({ timeout: 10_000 });
      expect(await seriousA11yViolations(page), `calendar error at ${size.width}`).toEqual([]);
      if (size.width === 360) {
        await page.getByRole('button', { name: 'Menu' }).click();
        expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
      }
      expect(problems).toEqual([]);
    });
  }
});
