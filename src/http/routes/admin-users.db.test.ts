import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminSession, signedInAdmin, signedInUser } from '../../../tests/support/admin.js';
import { createTestApp, type TestApp, TEST_ORIGIN } from '../../../tests/support/app.js';
import { asBrowser, buildUnit, buildUser, loginCookie } from '../../../tests/support/builders.js';

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

type Grant = { id: string; role: string; unitId: string | null; associationId: string | null; isPrimary: boolean };

async function createUser(payload: Record<string, unknown>, session = admin, extra: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/admin/users', headers: session.headers(extra), payload });
}

async function grant(userId: string, payload: Record<string, unknown>, session = admin, extra: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: `/api/v1/admin/users/${userId}/grants`, headers: session.headers(extra), payload });
}

async function grantsOf(userId: string): Promise<Grant[]> {
  return (await t.app.inject({ method: 'GET', url: `/api/v1/admin/users/${userId}`, headers: admin.headers() })).json().grants;
}

describe('admin users', () => {
  it('creates a login for an existing person, who can then sign in', async () => {
    const person = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/persons',
        headers: admin.headers(),
        payload: { fullName: 'Marie Dubé', email: 'marie@css.test', preferredLocale: 'en' },
      })
    ).json();
    const res = await createUser({ personId: person.id, password: 'correct horse battery', grants: [{ role: 'staff' }] });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({
      email: 'marie@css.test',
      displayName: 'Marie Dubé',
      locale: 'en',
      status: 'active',
      personId: person.id,
      hasPassword: true,
      totpEnabled: false,
      lastLoginAt: null,
    });
    expect(user.grants).toMatchObject([{ role: 'staff', unitId: null, associationId: null, isPrimary: false }]);
    await loginCookie(t.app, { email: 'marie@css.test', password: 'correct horse battery' });
    const personNow = (await t.app.inject({ method: 'GET', url: `/api/v1/admin/persons/${person.id}`, headers: admin.headers() })).json();
    expect(personNow.userId).toBe(user.id);
  });

  it('creates a login with a new person and scoped grants; without a password nobody can sign in', async () => {
    const unit = await buildUnit(t.ctx, admin.organisationId);
    const res = await createUser({
      person: { fullName: 'Paul Roy', email: 'Paul.Roy@css.test', unitId: unit.id, jobTitle: 'Directeur' },
      displayName: 'P. Roy',
      grants: [{ role: 'staff' }, { role: 'supervisor', unitId: unit.id, isPrimary: true }],
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ email: 'paul.roy@css.test', displayName: 'P. Roy', hasPassword: false });
    expect(user.grants.map((g: Grant) => [g.role, g.unitId, g.isPrimary])).toEqual([
      ['staff', null, false],
      ['supervisor', unit.id, true],
    ]);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: TEST_ORIGIN },
      payload: { email: 'paul.roy@css.test', password: 'anything-at-all' },
    });
    expect(login.statusCode).toBe(401);

    const ledger = await t.ctx.db
      .selectFrom('ledger_entries')
      .select(['action', 'body'])
      .where('organisation_id', '=', admin.organisationId)
      .orderBy('seq', 'desc')
      .limit(4)
      .execute();
    expect(ledger.map((e) => e.action).reverse()).toEqual(['person.created', 'user.created', 'grant.created', 'grant.created']);
    expect(JSON.stringify(ledger)).not.toMatch(/Roy|css\.test/);
  });

  it('refuses bad combinations: both or neither person, short password, taken e-mail, person with a login', async () => {
    const neither = await createUser({ grants: [] });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.fields).toEqual([
      {
        path: 'personId',
        message: 'Indiquez soit une personne existante (personId), soit une nouvelle personne (person), mais pas les deux.',
      },
    ]);
    const short = await createUser({ person: { fullName: 'A', email: 'a@css.test' }, password: 'short' }, admin, {
      'accept-language': 'en',
    });
    expect(short.json().error.fields).toEqual([{ path: 'password', message: 'The password must be at least 12 characters long.' }]);

    // Login e-mails are unique across the installation.
    await buildUser(t.ctx, { organisationId: other.organisationId, email: 'taken@elsewhere.test' });
    const taken = await createUser({ person: { fullName: 'T', email: 'taken@elsewhere.test' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toBe('Cette adresse courriel est déjà utilisée.');
    // Nothing was left behind by the refused request.
    const persons = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/persons?q=taken', headers: admin.headers() })).json();
    expect(persons.total).toBe(0);

    const existing = await buildUser(t.ctx, { organisationId: admin.organisationId });
    const twice = await createUser({ personId: existing.personId });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('Cette personne a déjà un compte de connexion.');
    const foreignPerson = await buildUser(t.ctx, { organisationId: other.organisationId });
    const foreign = await createUser({ personId: foreignPerson.personId });
    expect(foreign.statusCode).toBe(400);
  });

  it('lists users with their roles, filtered by role and searched by name or e-mail', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/users?role=supervisor', headers: admin.headers() });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((u: { email: string }) => u.email)).toEqual(['paul.roy@css.test']);
    expect(body.items[0].grants.map((g: Grant) => g.role)).toEqual(['staff', 'supervisor']);
    const search = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/users?q=dube', headers: admin.headers() })).json();
    expect(search.items.map((u: { displayName: string }) => u.displayName)).toEqual(['Marie Dubé']);
    const page = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/users?limit=1', headers: admin.headers() })).json();
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).toEqual(expect.any(String));
    const next = (
      await t.app.inject({ method: 'GET', url: `/api/v1/admin/users?limit=1&cursor=${page.nextCursor}`, headers: admin.headers() })
    ).json();
    expect(next.items[0].id).not.toBe(page.items[0].id);
    const foreign = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/users?q=taken', headers: admin.headers() })).json();
    expect(foreign.total).toBe(0);
  });

  it('updates name and language; disabling revokes the sessions; an admin cannot disable themself', async () => {
    const target = await signedInUser(t, admin.organisationId, [{ role: 'staff' }]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: asBrowser(target.cookie) })).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${target.id}`,
      headers: admin.headers(),
      payload: { displayName: 'Nouveau nom', locale: 'en', status: 'disabled' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: 'Nouveau nom', locale: 'en', status: 'disabled' });
    const revoked = await t.ctx.db.selectFrom('sessions').select(['revoked_at']).where('user_id', '=', target.id).execute();
    expect(revoked.every((s) => s.revoked_at !== null)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: asBrowser(target.cookie) })).statusCode).toBe(401);
    const entry = await t.ctx.db
      .selectFrom('ledger_entries')
      .select(['body'])
      .where('action', '=', 'user.disabled')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.body.data).toEqual({ fields: ['displayName', 'status', 'locale'], sessionsRevoked: 1 });

    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${admin.adminId}`,
      headers: admin.headers(),
      payload: { status: 'disabled' },
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toBe('Vous ne pouvez pas désactiver votre propre compte.');
  });

  it("answers 404 for another organisation's user and refuses non-admins", async () => {
    const foreign = await buildUser(t.ctx, { organisationId: other.organisationId });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/admin/users/${foreign.id}`, headers: admin.headers() })).statusCode).toBe(
      404,
    );
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/admin/users/${foreign.id}`,
          headers: admin.headers(),
          payload: { displayName: 'X' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await grant(foreign.id, { role: 'hr' })).statusCode).toBe(404);
    const itStaff = await signedInUser(t, admin.organisationId, [{ role: 'it' }]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: asBrowser(itStaff.cookie) })).statusCode).toBe(403);
  });
});

describe('role grants', () => {
  it('enforces scopes: supervisor needs a unit, union an association, others neither', async () => {
    const user = await buildUser(t.ctx, { organisationId: admin.organisationId });
    const noUnit = await grant(user.id, { role: 'supervisor' });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.fields).toEqual([
      { path: 'unitId', message: 'Le rôle de direction (supervisor) doit être rattaché à une unité.' },
    ]);
    const unit = await buildUnit(t.ctx, admin.organisationId);
    const hrWithUnit = await grant(user.id, { role: 'hr', unitId: unit.id }, admin, { 'accept-language': 'en' });
    expect(hrWithUnit.json().error.fields).toEqual([{ path: 'unitId', message: 'Only the supervisor role is tied to a unit.' }]);
    const noAssociation = await grant(user.id, { role: 'union' });
    expect(noAssociation.json().error.fields).toEqual([
      { path: 'associationId', message: 'Le rôle syndical (union) doit être rattaché à une association.' },
    ]);
    const foreignUnit = await buildUnit(t.ctx, other.organisationId);
    const foreign = await grant(user.id, { role: 'supervisor', unitId: foreignUnit.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields[0].path).toBe('unitId');

    const association = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/associations',
        headers: admin.headers(),
        payload: { name: `Syndicat ${user.id}`, kind: 'union' },
      })
    ).json();
    const union = await grant(user.id, { role: 'union', associationId: association.id });
    expect(union.statusCode).toBe(201);
    expect(union.json()).toMatchObject({ role: 'union', associationId: association.id, unitId: null, isPrimary: false, userId: user.id });
    const dup = await grant(user.id, { role: 'union', associationId: association.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('Cet utilisateur a déjà ce rôle pour cette unité ou cette association.');
  });

  it('keeps one primary holder per role and scope', async () => {
    const unitA = await buildUnit(t.ctx, admin.organisationId);
    const unitB = await buildUnit(t.ctx, admin.organisationId);
    const [u1, u2, u3] = await Promise.all([1, 2, 3].map(() => buildUser(t.ctx, { organisationId: admin.organisationId })));
    if (!u1 || !u2 || !u3) throw new Error('users');
    const g1 = (await grant(u1.id, { role: 'supervisor', unitId: unitA.id, isPrimary: true })).json();
    const g2 = (await grant(u2.id, { role: 'supervisor', unitId: unitA.id, isPrimary: true })).json();
    const g3 = (await grant(u3.id, { role: 'supervisor', unitId: unitB.id, isPrimary: true })).json();
    expect((await grantsOf(u1.id)).find((g) => g.id === g1.id)?.isPrimary).toBe(false);
    expect(g2.isPrimary).toBe(true);
    // Another unit keeps its own primary.
    expect((await grantsOf(u3.id)).find((g) => g.id === g3.id)?.isPrimary).toBe(true);

    const back = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/grants/${g1.id}`,
      headers: admin.headers(),
      payload: { isPrimary: true },
    });
    expect(back.statusCode).toBe(200);
    expect(back.json().isPrimary).toBe(true);
    const holders = (
      await t.app.inject({ method: 'GET', url: `/api/v1/admin/grants?role=supervisor&unitId=${unitA.id}`, headers: admin.headers() })
    ).json().items;
    expect(holders.map((h: Grant & { user: { id: string } }) => [h.user.id, h.isPrimary])).toEqual([
      [u1.id, true],
      [u2.id, false],
    ]);
    const entry = await t.ctx.db
      .selectFrom('ledger_entries')
      .select(['body'])
      .where('action', '=', 'grant.primary_changed')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.body.data).toMatchObject({ isPrimary: true, primaryClearedOn: [g2.id] });

    // Organisation-wide roles: one primary per organisation, not across organisations.
    const hr1 = await buildUser(t.ctx, { organisationId: admin.organisationId });
    const hr2 = await buildUser(t.ctx, { organisationId: admin.organisationId });
    const hrOther = await buildUser(t.ctx, { organisationId: other.organisationId, roles: [{ role: 'hr', isPrimary: true }] });
    await grant(hr1.id, { role: 'hr', isPrimary: true });
    await grant(hr2.id, { role: 'hr', isPrimary: true });
    expect((await grantsOf(hr1.id)).find((g) => g.role === 'hr')?.isPrimary).toBe(false);
    expect((await grantsOf(hr2.id)).find((g) => g.role === 'hr')?.isPrimary).toBe(true);
    const otherHr = await t.ctx.db
      .selectFrom('role_grants')
      .select('is_primary')
      .where('user_id', '=', hrOther.id)
      .where('role', '=', 'hr')
      .executeTakeFirstOrThrow();
    expect(otherHr.is_primary).toBe(true);
  });

  it('removes grants, but never the caller’s own last admin grant', async () => {
    const user = await buildUser(t.ctx, { organisationId: admin.organisationId });
    const g = (await grant(user.id, { role: 'legal' })).json();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/grants/${g.id}`, headers: admin.headers() })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/grants/${g.id}`, headers: admin.headers() })).statusCode).toBe(404);

    const own = (await grantsOf(admin.adminId)).find((x) => x.role === 'admin');
    const self = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/grants/${own?.id}`, headers: admin.headers() });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toBe(
      "Vous ne pouvez pas retirer votre propre rôle d'administrateur : un autre administrateur doit le faire.",
    );

    // A second administrator may remove it.
    const second = await signedInUser(t, admin.organisationId, [{ role: 'admin' }]);
    const byOther = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/grants/${own?.id}`, headers: asBrowser(second.cookie) });
    expect(byOther.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: admin.headers() })).statusCode).toBe(403);
    // Restore for the other tests.
    await grant(admin.adminId, { role: 'admin' }, { ...admin, headers: (extra = {}) => asBrowser(second.cookie, extra) });
  });

  it("answers 404 for another organisation's grant", async () => {
    const foreign = await buildUser(t.ctx, { organisationId: other.organisationId, roles: [{ role: 'it' }] });
    const foreignGrant = await t.ctx.db.selectFrom('role_grants').select('id').where('user_id', '=', foreign.id).executeTakeFirstOrThrow();
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/grants/${foreignGrant.id}`, headers: admin.headers() })).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/admin/grants/${foreignGrant.id}`,
          headers: admin.headers(),
          payload: { isPrimary: true },
        })
      ).statusCode,
    ).toBe(404);
  });
});
