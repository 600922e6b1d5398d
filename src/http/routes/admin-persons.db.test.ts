import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminSession, signedInAdmin } from '../../../tests/support/admin.js';
import { createTestApp, type TestApp } from '../../../tests/support/app.js';
import { buildUnit, buildUser } from '../../../tests/support/builders.js';

let t: TestApp;
let admin: AdminSession;
let other: AdminSession;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInAdmin(t);
  other = await signedInAdmin(t);
});
afterAll(async () => {
  await t.close();
});

async function post(payload: Record<string, unknown>, session = admin, extra: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/admin/persons', headers: session.headers(extra), payload });
}

describe('admin persons', () => {
  it('creates, reads, updates and deletes a person', async () => {
    const unit = await buildUnit(t.ctx, admin.organisationId);
    const created = await post({
      fullName: 'Élise Côté',
      email: 'Elise.Cote@CSS.test',
      unitId: unit.id,
      jobTitle: 'Enseignante',
      employeeNumber: 'E-1',
    });
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({
      fullName: 'Élise Côté',
      email: 'elise.cote@css.test',
      unitId: unit.id,
      employeeNumber: 'E-1',
      preferredLocale: 'fr-CA',
      userId: null,
    });

    const read = await t.app.inject({ method: 'GET', url: `/api/v1/admin/persons/${p.id}`, headers: admin.headers() });
    expect(read.json()).toEqual(p);

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/persons/${p.id}`,
      headers: admin.headers(),
      payload: { unitId: null, employeeNumber: null, preferredLocale: 'en' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ unitId: null, employeeNumber: null, preferredLocale: 'en' });

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/persons/${p.id}`, headers: admin.headers() })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/admin/persons/${p.id}`, headers: admin.headers() })).statusCode).toBe(404);

    const ledger = await t.ctx.db
      .selectFrom('ledger_entries')
      .select(['action', 'body'])
      .where('organisation_id', '=', admin.organisationId)
      .where('action', 'like', 'person.%')
      .orderBy('seq')
      .execute();
    expect(ledger.map((e) => e.action)).toEqual(['person.created', 'person.updated', 'person.deleted']);
    expect(ledger[1]?.body.data).toEqual({ fields: ['unitId', 'employeeNumber', 'preferredLocale'], unitId: null });
    // No names or e-mails in the ledger.
    expect(JSON.stringify(ledger)).not.toMatch(/lise|css\.test/);
  });

  it('refuses a duplicate e-mail (any case) or employee number with 409', async () => {
    await post({ fullName: 'A', email: 'dup@css.test', employeeNumber: 'D-1' });
    const email = await post({ fullName: 'B', email: 'DUP@css.test' });
    expect(email.statusCode).toBe(409);
    expect(email.json().error.message).toBe('Une autre personne du répertoire utilise déjà cette adresse courriel.');
    const number = await post({ fullName: 'C', email: 'c@css.test', employeeNumber: 'D-1' }, admin, { 'accept-language': 'en' });
    expect(number.json().error.message).toBe('Another person of the directory already has this employee number.');
    // Same e-mail in another organisation is fine.
    expect((await post({ fullName: 'A', email: 'dup@css.test' }, other)).statusCode).toBe(201);
  });

  it('refuses a unit or association of another organisation as an invalid field', async () => {
    const foreign = await buildUnit(t.ctx, other.organisationId);
    const res = await post({ fullName: 'X', email: 'x@css.test', unitId: foreign.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'unitId', message: "Cette unité n'existe pas dans votre organisation." }]);
  });

  it('validates bodies with field paths, in French or English', async () => {
    const fr = await post({ fullName: '', email: 'not-an-email' });
    expect(fr.statusCode).toBe(400);
    expect(fr.json().error.message).toBe('Certaines données envoyées sont invalides.');
    expect(
      fr
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['email', 'fullName']);
    const en = await post({ email: 'a@b.test' }, admin, { 'accept-language': 'en' });
    expect(en.json().error.fields).toEqual([{ path: 'fullName', message: 'This field is required.' }]);
  });

  it("answers 404 for another organisation's person", async () => {
    const foreign = (await post({ fullName: 'Foreign', email: 'foreign@css.test' }, other)).json();
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({
        method,
        url: `/api/v1/admin/persons/${foreign.id}`,
        headers: admin.headers(),
        ...(method === 'PATCH' ? { payload: { fullName: 'X' } } : {}),
      });
      expect(res.statusCode).toBe(404);
    }
  });

  it('refuses to delete a person whose login is active, allows it once disabled', async () => {
    const user = await buildUser(t.ctx, { organisationId: admin.organisationId });
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/persons/${user.personId}`, headers: admin.headers() });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('compte de connexion actif');
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${user.id}`,
      headers: admin.headers(),
      payload: { status: 'disabled' },
    });
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/persons/${user.personId}`, headers: admin.headers() })).statusCode,
    ).toBe(204);
    const login = await t.ctx.db.selectFrom('users').select(['person_id', 'status']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(login).toEqual({ person_id: null, status: 'disabled' });
  });
});

describe('admin persons list', () => {
  let searchOrg: AdminSession;
  let unitId: string;

  beforeAll(async () => {
    searchOrg = await signedInAdmin(t);
    unitId = (await buildUnit(t.ctx, searchOrg.organisationId)).id;
    const now = t.clock.now();
    // 1 200 persons in one statement, plus a few with names to search for.
    const rows = Array.from({ length: 1200 }, (_, i) => ({
      organisation_id: searchOrg.organisationId,
      full_name: `Personne ${String(i).padStart(4, '0')}`,
      email: `p${i}@bulk.test`,
      employee_number: `B${i}`,
      unit_id: i % 3 === 0 ? unitId : null,
      created_at: now,
      updated_at: now,
    }));
    await t.ctx.db.insertInto('persons').values(rows).execute();
    for (const [fullName, email] of [
      ['Zoé Lévesque', 'zoe@css.test'],
      ['Émile Côté', 'emile@css.test'],
      ['Andrée 100% Gagnon', 'andree@css.test'],
    ]) {
      await post({ fullName, email }, searchOrg);
    }
  });

  it('pages through thousands of persons with the cursor, sorted by name, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/admin/persons?limit=500${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.app.inject({ method: 'GET', url, headers: searchOrg.headers() });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.total).toBe(1204); // + the admin's own directory entry
      seen.push(...body.items.map((p: { fullName: string }) => p.fullName));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(1204);
    expect(new Set(seen).size).toBe(1204);
    // Accents do not push names to the end: Émile sorts with the E's, Zoé last.
    expect(seen[0]).toBe('Andrée 100% Gagnon');
    expect(seen[1]).toBe('Émile Côté');
    expect(seen.at(-1)).toBe('Zoé Lévesque');
  });

  it('supports offset pagination too', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/persons?limit=10&offset=2', headers: searchOrg.headers() });
    expect(res.json().items[0].fullName).toBe('Personne 0000');
    const both = await t.app.inject({ method: 'GET', url: '/api/v1/admin/persons?offset=2&cursor=abc', headers: searchOrg.headers() });
    expect(both.statusCode).toBe(400);
    const badCursor = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/persons?cursor=abc',
      headers: searchOrg.headers({ 'accept-language': 'en' }),
    });
    expect(badCursor.json().error.fields).toEqual([
      { path: 'querystring.cursor', message: 'Invalid pagination cursor: start again from the first page.' },
    ]);
  });

  it('searches name (accents and case ignored), e-mail and employee number; filters by unit and login', async () => {
    const q = async (query: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/admin/persons?${query}`, headers: searchOrg.headers() })).json() as {
        items: Array<{ fullName: string; userId: string | null }>;
        total: number;
      };
    expect((await q('q=cote')).items.map((p) => p.fullName)).toEqual(['Émile Côté']);
    expect((await q('q=LEVESQUE')).items.map((p) => p.fullName)).toEqual(['Zoé Lévesque']);
    expect((await q('q=zoe%40css')).total).toBe(1);
    expect((await q('q=b1199')).items.map((p) => p.fullName)).toEqual(['Personne 1199']);
    // % is taken literally.
    expect((await q('q=100%25')).items.map((p) => p.fullName)).toEqual(['Andrée 100% Gagnon']);
    expect((await q(`unitId=${unitId}&limit=1`)).total).toBe(400);
    expect((await q('hasLogin=true')).total).toBe(1); // the admin
    expect((await q('hasLogin=false')).total).toBe(1203);
  });
});
