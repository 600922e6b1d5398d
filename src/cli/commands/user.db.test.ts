// The `rempart` command line run as operators run it: a child process on the test database
// (DATABASE_URL), French by default.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../../tests/support/app.js';
import { buildOrganisation, loginCookie } from '../../../tests/support/builders.js';

const bin = fileURLToPath(new URL('../../../bin/rempart.js', import.meta.url));
let t: TestApp;
let dataDir: string;
let databaseUrl: string;
let org: { id: string; slug: string };

beforeAll(async () => {
  t = await createTestApp();
  dataDir = await mkdtemp(join(tmpdir(), 'rempart-cli-test-'));
  const c = t.database.config;
  databaseUrl =
    c.connectionString ??
    `postgres://${encodeURIComponent(String(c.user))}:${encodeURIComponent(String(c.password ?? ''))}@localhost:${c.port}/${c.database}?host=${encodeURIComponent(String(c.host))}`;
  org = await buildOrganisation(t.ctx);
  const now = t.clock.now();
  await t.ctx.db
    .insertInto('units')
    .values({ organisation_id: org.id, name: 'École primaire des Érables', kind: 'school', code: 'ERA', created_at: now })
    .execute();
  await t.ctx.db
    .insertInto('associations')
    .values({ organisation_id: org.id, name: "Syndicat de l'enseignement", kind: 'union', created_at: now })
    .execute();
}, 60_000);
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

function rempart(
  args: string[],
  options: { stdin?: string; lang?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REMPART_DATA_DIR: dataDir,
        REMPART_DEMO: '0',
        REMPART_LANG: options.lang ?? 'fr',
        WORKER: 'off',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

function generatedPassword(stdout: string): string {
  const match = /: ([A-Za-z0-9]{20})\s*$/m.exec(stdout);
  if (!match?.[1]) throw new Error(`no generated password in: ${stdout}`);
  return match[1];
}

describe('rempart user', () => {
  let camillePassword = '';

  it('adds a login with a generated password, scoped roles and the primary flag', async () => {
    const r = await rempart([
      'user',
      'add',
      'camille@css.test',
      '--name',
      'Camille Tremblay',
      '--role',
      'staff',
      '--role',
      'supervisor',
      '--unit',
      'era',
      '--primary',
    ]);
    expect(r.stderr).not.toContain('Erreur');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Compte créé : camille@css.test (staff*, supervisor*).');
    camillePassword = generatedPassword(r.stdout);
    await loginCookie(t.app, { email: 'camille@css.test', password: camillePassword });
    const person = await t.ctx.db
      .selectFrom('persons')
      .select(['full_name', 'unit_id'])
      .where('email', '=', 'camille@css.test')
      .executeTakeFirstOrThrow();
    expect(person.full_name).toBe('Camille Tremblay');
    expect(person.unit_id).not.toBeNull();
  }, 30_000);

  it('reads the password from standard input and links an existing directory entry', async () => {
    const now = t.clock.now();
    await t.ctx.db
      .insertInto('persons')
      .values({ organisation_id: org.id, full_name: 'Louise Pelletier', email: 'louise@css.test', created_at: now, updated_at: now })
      .execute();
    const r = await rempart(
      [
        'user',
        'add',
        'louise@css.test',
        '--name',
        'Louise P.',
        '--role',
        'union',
        '--association',
        "syndicat de l'enseignement",
        '--password-stdin',
      ],
      {
        stdin: 'un mot de passe assez long\n',
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('Mot de passe généré');
    await loginCookie(t.app, { email: 'louise@css.test', password: 'un mot de passe assez long' });
    const persons = await t.ctx.db.selectFrom('persons').select('id').where('email', '=', 'louise@css.test').execute();
    expect(persons).toHaveLength(1);
  }, 30_000);

  it('explains refusals in the operator language and exits 1', async () => {
    const noUnit = await rempart(['user', 'add', 'x@css.test', '--name', 'X', '--role', 'supervisor']);
    expect(noUnit.code).toBe(1);
    expect(noUnit.stderr).toContain('unitId : Le rôle de direction (supervisor) doit être rattaché à une unité.');
    const badRole = await rempart(['user', 'add', 'x@css.test', '--name', 'X', '--role', 'king'], { lang: 'en' });
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('Unknown role: king');
    const taken = await rempart(['user', 'add', 'camille@css.test', '--name', 'C', '--role', 'staff'], { lang: 'en' });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('This person already has a login.');
  }, 60_000);

  it('lists logins with their roles and scopes', async () => {
    const r = await rempart(['user', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('camille@css.test\tCamille Tremblay\tactif\tstaff*, supervisor[ERA]*');
    expect(r.stdout).toContain("louise@css.test\tLouise P.\tactif\tunion[Syndicat de l'enseignement]");
  }, 30_000);

  it('resets a password, revoking the sessions', async () => {
    await loginCookie(t.app, { email: 'camille@css.test', password: camillePassword });
    const r = await rempart(['user', 'reset-password', 'CAMILLE@css.test']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Mot de passe remplacé pour camille@css\.test ; \d+ sessions? fermées?\./);
    const fresh = generatedPassword(r.stdout);
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: TEST_ORIGIN },
      payload: { email: 'camille@css.test', password: camillePassword },
    });
    expect(old.statusCode).toBe(401);
    await loginCookie(t.app, { email: 'camille@css.test', password: fresh });
    const unknown = await rempart(['user', 'reset-password', 'nobody@css.test']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Aucun compte n'a l'adresse nobody@css.test.");
  }, 30_000);

  it('imports persons from a CSV file, dry run first', async () => {
    const file = join(dataDir, 'personnel.csv');
    await writeFile(
      file,
      `\uFEFFNom;Courriel;Unité;Matricule\r\nÉlise Côté;elise@css.test;ERA;9001\r\nJean Roy;jean@css.test;ERA;9002\r\n`,
    );
    const dry = await rempart(['import-persons', file, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Simulation : 2 lignes lues ; 2 à créer, 0 à mettre à jour, 0 inchangées. Rien n'a été enregistré.");
    expect(await t.ctx.db.selectFrom('persons').select('id').where('email', '=', 'elise@css.test').executeTakeFirst()).toBeUndefined();

    const real = await rempart(['import-persons', file, '--organisation', org.slug]);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('Importation terminée : 2 lignes lues ; 2 créées, 0 mises à jour, 0 inchangées.');

    await writeFile(file, 'nom,courriel,unite\nA,a@css.test,Nulle part\n');
    const bad = await rempart(['import-persons', file], { lang: 'en' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('Line 2, column “unite”: Unknown unit: “Nulle part” (name or code of an existing unit).');
    expect(bad.stdout).toContain('Import refused: 1 error. Nothing was saved.');
  }, 60_000);

  it('requires --organisation once there are several', async () => {
    const second = await buildOrganisation(t.ctx);
    const r = await rempart(['user', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Plusieurs organisations existent : précisez --organisation parmi');
    const ok = await rempart(['user', 'list', '--organisation', second.slug]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Aucun compte.');
  }, 30_000);
});
