import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminSession, signedInAdmin, signedInUser } from '../../../tests/support/admin.js';
import { createTestApp, type TestApp } from '../../../tests/support/app.js';
import { asBrowser } from '../../../tests/support/builders.js';

let t: TestApp;
let admin: AdminSession;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInAdmin(t);
  const now = t.clock.now();
  await t.ctx.db
    .insertInto('units')
    .values([
      { organisation_id: admin.organisationId, name: 'École primaire des Érables', kind: 'school', code: 'ERA', created_at: now },
      { organisation_id: admin.organisationId, name: 'Service des ressources humaines', kind: 'service', code: 'SRH', created_at: now },
    ])
    .execute();
  await t.ctx.db
    .insertInto('associations')
    .values({ organisation_id: admin.organisationId, name: "Syndicat de l'enseignement", kind: 'union', created_at: now })
    .execute();
});
afterAll(async () => {
  await t.close();
});

function importCsv(body: string | Buffer, query = 'dryRun=false', extra: Record<string, string> = {}, session = admin) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/persons/import?${query}`,
    headers: session.headers({ 'content-type': 'text/csv', ...extra }),
    payload: body,
  });
}

async function personCount(organisationId = admin.organisationId): Promise<number> {
  const r = await t.ctx.db
    .selectFrom('persons')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function importEntries(organisationId = admin.organisationId) {
  return t.ctx.db
    .selectFrom('ledger_entries')
    .select(['body'])
    .where('organisation_id', '=', organisationId)
    .where('action', '=', 'persons.imported')
    .orderBy('seq')
    .execute();
}

const badFile = [
  'nom,courriel,unite,titre,matricule',
  'Camille Tremblay,camille@css.test,ERA,Enseignante,1001',
  'Olivier Gagnon,olivier-at-css.test,ERA,Enseignant,1002',
  'Isabelle Roy,isabelle@css.test,Atlantide,Directrice,1003',
  'Camille Bis,CAMILLE@css.test,SRH,,1004',
].join('\n');

describe('CSV import of the staff directory', () => {
  it('dry run reports line errors in French and writes nothing', async () => {
    const before = await personCount();
    const res = await importCsv(badFile, 'dryRun=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      dryRun: true,
      applied: false,
      rows: 4,
      created: 1,
      updated: 0,
      unchanged: 0,
      errorCount: 3,
      errors: [
        { line: 3, column: 'courriel', message: 'Adresse courriel invalide : « olivier-at-css.test ».' },
        { line: 4, column: 'unite', message: "Unité inconnue : « Atlantide » (nom ou code d'une unité existante)." },
        { line: 5, column: 'courriel', message: 'Cette adresse courriel figure déjà à la ligne 2.' },
      ],
      ignoredColumns: [],
    });
    expect(await personCount()).toBe(before);
    expect(await importEntries()).toEqual([]);
  });

  it('reports in English with accept-language: en', async () => {
    const res = await importCsv(badFile, 'dryRun=true', { 'accept-language': 'en' });
    expect(res.json().errors.map((e: { message: string }) => e.message)).toEqual([
      'Invalid e-mail address: “olivier-at-css.test”.',
      'Unknown unit: “Atlantide” (name or code of an existing unit).',
      'This e-mail address is already on line 2.',
    ]);
  });

  it('a real run with any error writes nothing and answers 400 with the report', async () => {
    const before = await personCount();
    const res = await importCsv(badFile);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toEqual({
      code: 'invalid_input',
      message: 'Importation refusée : 3 erreurs dans le fichier. Rien n’a été enregistré.'.replace('’', "'"),
    });
    expect(body.report).toMatchObject({ dryRun: false, applied: false, errorCount: 3 });
    expect(await personCount()).toBe(before);
  });

  it('creates and updates in one go, one ledger entry with counts only', async () => {
    // Existing people: one known by employee number (e-mail changes), one by e-mail only.
    const now = t.clock.now();
    await t.ctx.db
      .insertInto('persons')
      .values([
        {
          organisation_id: admin.organisationId,
          full_name: 'Julie Morin',
          email: 'julie.old@css.test',
          employee_number: '2001',
          created_at: now,
          updated_at: now,
        },
        {
          organisation_id: admin.organisationId,
          full_name: 'Marc Côté',
          email: 'Marc.Cote@css.test',
          job_title: 'Concierge',
          created_at: now,
          updated_at: now,
        },
        {
          organisation_id: admin.organisationId,
          full_name: 'Nadia Fortin',
          email: 'nadia@css.test',
          employee_number: '2003',
          created_at: now,
          updated_at: now,
        },
      ])
      .execute();
    const csv = [
      'full_name,email,unit,job_title,association,employee_number,locale,phone',
      'Julie Morin,julie@css.test,era,Enseignante,Syndicat de l’enseignement,2001,fr,555-1234'.replace('’', "'"),
      'Marc Côté,marc.cote@css.test,Service des ressources humaines,Concierge,,2002,en,',
      'Nadia Fortin,nadia@css.test,,,,2003,,',
      'Nouvelle Personne,nouvelle@css.test,SRH,Secrétaire,,2004,,',
    ].join('\r\n');
    const dry = (await importCsv(csv, 'dryRun=true')).json();
    expect(dry).toMatchObject({ rows: 4, created: 1, updated: 2, unchanged: 1, errorCount: 0, applied: false, ignoredColumns: ['phone'] });

    const res = await importCsv(csv);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      dryRun: false,
      applied: true,
      rows: 4,
      created: 1,
      updated: 2,
      unchanged: 1,
      errorCount: 0,
      errors: [],
    });

    const rows = await t.ctx.db
      .selectFrom('persons')
      .leftJoin('units', 'units.id', 'persons.unit_id')
      .leftJoin('associations', 'associations.id', 'persons.association_id')
      .select([
        'persons.full_name',
        'persons.email',
        'units.code',
        'associations.name as association',
        'persons.employee_number',
        'persons.preferred_locale',
        'persons.job_title',
      ])
      .where('persons.organisation_id', '=', admin.organisationId)
      .where('persons.employee_number', 'in', ['2001', '2002', '2003', '2004'])
      .orderBy('persons.employee_number')
      .execute();
    expect(rows).toEqual([
      {
        full_name: 'Julie Morin',
        email: 'julie@css.test',
        code: 'ERA',
        association: "Syndicat de l'enseignement",
        employee_number: '2001',
        preferred_locale: 'fr-CA',
        job_title: 'Enseignante',
      },
      {
        full_name: 'Marc Côté',
        email: 'Marc.Cote@css.test',
        code: 'SRH',
        association: null,
        employee_number: '2002',
        preferred_locale: 'en',
        job_title: 'Concierge',
      },
      {
        full_name: 'Nadia Fortin',
        email: 'nadia@css.test',
        code: null,
        association: null,
        employee_number: '2003',
        preferred_locale: 'fr-CA',
        job_title: '',
      },
      {
        full_name: 'Nouvelle Personne',
        email: 'nouvelle@css.test',
        code: 'SRH',
        association: null,
        employee_number: '2004',
        preferred_locale: 'fr-CA',
        job_title: 'Secrétaire',
      },
    ]);
    const entries = await importEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.body.data).toEqual({
      rows: 4,
      created: 1,
      updated: 2,
      unchanged: 1,
      fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(entries)).not.toMatch(/css\.test|Morin/);

    // Same file again: nothing to do.
    expect((await importCsv(csv)).json()).toMatchObject({ created: 0, updated: 0, unchanged: 4, applied: true });
  });

  it('reads a ;-separated UTF-8 file with a BOM, and Windows-1252 from French Excel', async () => {
    const text = 'Nom;Courriel;Unité;Matricule\r\n"Gagnon; Léa";lea@css.test;École primaire des Érables;3001\r\n';
    const res = await importCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'dryRun=false', {
      'content-type': 'text/csv; charset=utf-8',
    });
    expect(res.json()).toMatchObject({ created: 1, errorCount: 0, applied: true });
    const lea = await t.ctx.db.selectFrom('persons').select(['full_name']).where('employee_number', '=', '3001').executeTakeFirstOrThrow();
    expect(lea.full_name).toBe('Gagnon; Léa');

    const latin1 = Buffer.from('Nom;Courriel;Unité;Matricule\r\nÉric Bélanger;eric@css.test;ERA;3002\r\n', 'latin1');
    const res2 = await importCsv(latin1, 'dryRun=false', { 'content-type': 'application/vnd.ms-excel' });
    expect(res2.json()).toMatchObject({ created: 1, errorCount: 0 });
    const eric = await t.ctx.db.selectFrom('persons').select(['full_name']).where('employee_number', '=', '3002').executeTakeFirstOrThrow();
    expect(eric.full_name).toBe('Éric Bélanger');
  });

  it('answers 400 with a report for an empty or header-less file', async () => {
    const empty = await importCsv('', 'dryRun=true');
    expect(empty.statusCode).toBe(200);
    expect(empty.json().errors).toEqual([{ line: 1, message: 'Le fichier est vide.' }]);
    const noEmail = await importCsv('nom;unite\nA;ERA\n');
    expect(noEmail.statusCode).toBe(400);
    expect(noEmail.json().report.errors).toEqual([{ line: 1, message: "Colonne obligatoire absente de l'en-tête : « courriel »." }]);
  });

  it('refuses other media types (415), files over 10 MB (413) and non-admins (403)', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/persons/import',
      headers: admin.headers(),
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
    const huge = await importCsv(`nom,courriel\n${'x'.repeat(11 * 1024 * 1024)}`);
    expect(huge.statusCode).toBe(413);
    const hr = await signedInUser(t, admin.organisationId, [{ role: 'hr' }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/persons/import',
      headers: asBrowser(hr.cookie, { 'content-type': 'text/csv' }),
      payload: 'nom,courriel\n',
    });
    expect(res.statusCode).toBe(403);
  });

  it('imports 5 000 rows quickly, then finds them all unchanged', async () => {
    const org = await signedInAdmin(t);
    await t.ctx.db
      .insertInto('units')
      .values({
        organisation_id: org.organisationId,
        name: 'École du Grand Nombre',
        kind: 'school',
        code: 'EGN',
        created_at: t.clock.now(),
      })
      .execute();
    const lines = ['matricule;nom;courriel;unite;titre;langue'];
    for (let i = 0; i < 5000; i += 1)
      lines.push(`M${i};Personne Numéro ${i};personne.${i}@gros.test;${i % 2 ? 'EGN' : ''};Enseignant·e;${i % 5 ? 'fr' : 'en'}`);
    const csv = lines.join('\r\n');

    let start = performance.now();
    const res = await importCsv(csv, 'dryRun=false', {}, org);
    const firstMs = Math.round(performance.now() - start);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 5000, created: 5000, updated: 0, errorCount: 0, applied: true });
    expect(await personCount(org.organisationId)).toBe(5001);

    start = performance.now();
    const again = await importCsv(csv, 'dryRun=false', {}, org);
    const secondMs = Math.round(performance.now() - start);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 5000 });
    console.log(`5 000-row CSV import: ${firstMs} ms (create), ${secondMs} ms (re-import, unchanged)`);
    expect(firstMs).toBeLessThan(20_000);
  });
});

describe('CSV import request errors', () => {
  it('answers a plain 400 for a bad query string', async () => {
    const res = await importCsv('nom,courriel\n', 'dryRun=maybe');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'querystring.dryRun' }] });
  });
});
