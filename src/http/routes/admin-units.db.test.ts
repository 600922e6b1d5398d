import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminSession, signedInAdmin, signedInUser } from '../../../tests/support/admin.js';
import { createTestApp, type TestApp } from '../../../tests/support/app.js';
import { asBrowser, buildUnit, buildUser } from '../../../tests/support/builders.js';

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

describe('admin units', () => {
  it('creates, lists, reads, updates and deletes a unit, each change in the ledger', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/units',
      headers: admin.headers(),
      payload: { name: 'École des Pins', kind: 'school', code: 'PIN' },
    });
    expect(created.statusCode).toBe(201);
    const unit = created.json();
    expect(unit).toMatchObject({ name: 'École des Pins', kind: 'school', code: 'PIN', personCount: 0 });

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/units', headers: admin.headers() });
    expect(list.json().items.map((u: { id: string }) => u.id)).toEqual([unit.id]);

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/units/${unit.id}`,
      headers: admin.headers(),
      payload: { name: 'École des Grands-Pins', code: null },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'École des Grands-Pins', code: null });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/admin/units/${unit.id}`, headers: admin.headers() })).json().name).toBe(
      'École des Grands-Pins',
    );

    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/units/${unit.id}`, headers: admin.headers() });
    expect(del.statusCode).toBe(204);
    const actions = await t.ctx.db
      .selectFrom('ledger_entries')
      .select(['action', 'body'])
      .where('organisation_id', '=', admin.organisationId)
      .where('action', 'like', 'unit.%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['unit.created', 'unit.updated', 'unit.deleted']);
    expect(actions[1]?.body.data).toEqual({ fields: ['name', 'code'] });
    expect(JSON.stringify(actions)).not.toContain('Pins');
  });

  it('refuses a duplicate name or code with 409', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/units',
      headers: admin.headers(),
      payload: { name: 'Service RH', kind: 'service', code: 'SRH' },
    });
    const sameName = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/units',
      headers: admin.headers(),
      payload: { name: 'Service RH', kind: 'service' },
    });
    expect(sameName.statusCode).toBe(409);
    expect(sameName.json().error).toEqual({ code: 'conflict', message: 'Une unité de votre organisation porte déjà ce nom.' });
    const sameCode = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/units',
      headers: admin.headers({ 'accept-language': 'en' }),
      payload: { name: 'Autre', kind: 'service', code: 'SRH' },
    });
    expect(sameCode.json().error.message).toBe('A unit of your organisation already uses this code.');
    // Another organisation may use the same name.
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/units',
      headers: other.headers(),
      payload: { name: 'Service RH', kind: 'service', code: 'SRH' },
    });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('refuses to delete a unit that still has persons or supervisors', async () => {
    const unit = await buildUnit(t.ctx, admin.organisationId);
    const person = await buildUser(t.ctx, { organisationId: admin.organisationId, unitId: unit.id });
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/units/${unit.id}`, headers: admin.headers() });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('Cette unité compte encore 1 personne : rattachez-les à une autre unité avant de la supprimer.');

    await t.ctx.db.updateTable('persons').set({ unit_id: null }).where('id', '=', person.personId).execute();
    await buildUser(t.ctx, { organisationId: admin.organisationId, roles: [{ role: 'supervisor', unitId: unit.id }] });
    const withSupervisor = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/units/${unit.id}`,
      headers: admin.headers({ 'accept-language': 'en' }),
    });
    expect(withSupervisor.statusCode).toBe(409);
    expect(withSupervisor.json().error.message).toBe('This unit still has 1 supervisor role granted: remove them before deleting it.');
  });

  it('validates input with field paths (400)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/units',
      headers: admin.headers(),
      payload: { name: '', kind: 'castle' },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['kind', 'name']);
  });

  it("answers 404 for another organisation's unit", async () => {
    const foreign = await buildUnit(t.ctx, other.organisationId);
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({
        method,
        url: `/api/v1/admin/units/${foreign.id}`,
        headers: admin.headers(),
        ...(method === 'PATCH' ? { payload: { name: 'X' } } : {}),
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/units', headers: admin.headers() });
    expect(list.json().items.map((u: { id: string }) => u.id)).not.toContain(foreign.id);
  });

  it('is for admins only', async () => {
    const supervisor = await signedInUser(t, admin.organisationId, [{ role: 'general_direction' }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/units',
      headers: asBrowser(supervisor.cookie),
      payload: { name: 'X', kind: 'school' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('admin associations', () => {
  it('creates, lists, updates and deletes an association', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/associations',
      headers: admin.headers(),
      payload: { name: 'Syndicat du soutien', kind: 'union' },
    });
    expect(created.statusCode).toBe(201);
    const association = created.json();
    expect(association).toMatchObject({ name: 'Syndicat du soutien', kind: 'union', personCount: 0 });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/associations', headers: admin.headers() });
    expect(list.json().items).toHaveLength(1);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/associations/${association.id}`,
      headers: admin.headers(),
      payload: { kind: 'managers' },
    });
    expect(patched.json().kind).toBe('managers');
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/associations/${association.id}`, headers: admin.headers() })).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/admin/associations/${association.id}`, headers: admin.headers() })).statusCode,
    ).toBe(404);
  });

  it('refuses to delete an association with members or union grants, and a duplicate name', async () => {
    const created = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/associations',
        headers: admin.headers(),
        payload: { name: 'Syndicat des profs', kind: 'union' },
      })
    ).json();
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/associations',
      headers: admin.headers(),
      payload: { name: 'Syndicat des profs', kind: 'union' },
    });
    expect(dup.statusCode).toBe(409);
    await buildUser(t.ctx, { organisationId: admin.organisationId, roles: [{ role: 'union', associationId: created.id }] });
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/associations/${created.id}`, headers: admin.headers() });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('1 rôle syndical attribué');
  });
});
