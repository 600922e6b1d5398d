import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../adapters/db/ledger.js';
import { type AdminSession, signedInAdmin, signedInUser } from '../../../tests/support/admin.js';
import { createTestApp, type TestApp } from '../../../tests/support/app.js';
import { asBrowser } from '../../../tests/support/builders.js';

let t: TestApp;
let admin: AdminSession;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInAdmin(t);
});
afterAll(async () => {
  await t.close();
});

describe('admin organisation settings', () => {
  it('reads the organisation with its default business calendar', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/organisation', headers: admin.headers() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: admin.organisationId,
      defaultLocale: 'fr-CA',
      timeZone: 'America/Toronto',
      workDayStart: '08:00',
      workDayEnd: '17:00',
      workDays: [1, 2, 3, 4, 5],
      goodFridayOff: true,
      easterMondayOff: true,
      requireTotpRoles: [],
    });
  });

  it('changes name, calendar and second-factor roles, and records it in the ledger', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/admin/organisation',
      headers: admin.headers(),
      payload: {
        name: 'CSS des Rives',
        workDayStart: '07:30',
        workDays: [5, 1, 2, 3, 4, 4],
        easterMondayOff: false,
        requireTotpRoles: ['legal', 'it', 'legal'],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'CSS des Rives',
      workDayStart: '07:30',
      workDays: [1, 2, 3, 4, 5],
      easterMondayOff: false,
      requireTotpRoles: ['it', 'legal'],
    });
    const entry = await t.ctx.db
      .selectFrom('ledger_entries')
      .select(['body'])
      .where('action', '=', 'organisation.updated')
      .where('organisation_id', '=', admin.organisationId)
      .executeTakeFirstOrThrow();
    expect(entry.body.data).toEqual({ fields: ['name', 'workDayStart', 'easterMondayOff', 'requireTotpRoles'] });
    expect((await verifyLedger(t.ctx.db)).ok).toBe(true);
  });

  it('refuses an invalid calendar with field messages in French by default', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/admin/organisation',
      headers: admin.headers(),
      payload: { timeZone: 'Mars/Olympus', workDayStart: '18:00', workDayEnd: '09:00', workDays: [0, 2] },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'timeZone', message: 'Fuseau horaire inconnu (exemple : America/Toronto).' },
        { path: 'workDayEnd', message: "L'heure de fin doit être après l'heure de début." },
        { path: 'workDays.0', message: 'Jour invalide : de 1 (lundi) à 7 (dimanche).' },
      ]),
    );
  });

  it('answers in English with accept-language: en', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/admin/organisation',
      headers: admin.headers({ 'accept-language': 'en' }),
      payload: { workDays: [] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'workDays', message: 'Choose at least one working day.' }]);
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/admin/organisation',
      headers: admin.headers({ 'accept-language': 'en' }),
      payload: { colour: 'red' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'invalid_input',
      message: 'Some of the data sent is invalid.',
      fields: [{ path: 'colour', message: 'Unknown field: colour.' }],
    });
  });

  it('refuses non-admins (403) and anonymous callers (401)', async () => {
    const staff = await signedInUser(t, admin.organisationId, [{ role: 'staff' }, { role: 'hr' }]);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/organisation', headers: asBrowser(staff.cookie) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/admin/organisation' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('closure days and holidays', () => {
  it('adds, relabels, lists, reads and removes closure days', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/organisation/closure-days/2027-03-05',
      headers: admin.headers(),
      payload: { label: 'Journée pédagogique' },
    });
    expect(put.statusCode).toBe(201);
    expect(put.json()).toEqual({ day: '2027-03-05', label: 'Journée pédagogique' });
    const again = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/organisation/closure-days/2027-03-05',
      headers: admin.headers(),
      payload: { label: 'Tempête' },
    });
    expect(again.statusCode).toBe(200);
    await t.app.inject({ method: 'PUT', url: '/api/v1/admin/organisation/closure-days/2028-01-03', headers: admin.headers(), payload: {} });

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/organisation/closure-days?year=2027', headers: admin.headers() });
    expect(list.json()).toEqual({ items: [{ day: '2027-03-05', label: 'Tempête' }] });
    const one = await t.app.inject({ method: 'GET', url: '/api/v1/admin/organisation/closure-days/2028-01-03', headers: admin.headers() });
    expect(one.json()).toEqual({ day: '2028-01-03', label: '' });

    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/admin/organisation/closure-days/2028-01-03',
      headers: admin.headers(),
    });
    expect(del.statusCode).toBe(204);
    const gone = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/admin/organisation/closure-days/2028-01-03',
      headers: admin.headers(),
    });
    expect(gone.statusCode).toBe(404);
    const badDay = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/organisation/closure-days/2027-02-30',
      headers: admin.headers(),
      payload: {},
    });
    expect(badDay.statusCode).toBe(400);

    const ledger = await t.ctx.db
      .selectFrom('ledger_entries')
      .select(['action', 'body'])
      .where('organisation_id', '=', admin.organisationId)
      .where('action', 'like', 'closure_day.%')
      .orderBy('seq')
      .execute();
    expect(ledger.map((e) => e.action)).toEqual([
      'closure_day.added',
      'closure_day.relabelled',
      'closure_day.added',
      'closure_day.removed',
    ]);
    // Labels are free text: never in the ledger.
    expect(JSON.stringify(ledger)).not.toContain('Tempête');
  });

  it('previews statutory holidays and closure days of a year, labelled in the caller language', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/organisation/holidays?year=2027', headers: admin.headers() });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.year).toBe(2027);
    // Easter Monday was turned off above; Good Friday 2027 is March 26.
    expect(body.holidays).toEqual(
      expect.arrayContaining([
        { date: '2027-01-01', key: 'new_year', label: "Jour de l'An" },
        { date: '2027-03-05', key: 'closure', label: 'Tempête' },
        { date: '2027-03-26', key: 'good_friday', label: 'Vendredi saint' },
        { date: '2027-06-24', key: 'saint_jean_baptiste', label: 'Fête nationale du Québec' },
      ]),
    );
    expect(body.holidays.map((h: { key: string }) => h.key)).not.toContain('easter_monday');
    const en = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/organisation/holidays?year=2027',
      headers: admin.headers({ 'accept-language': 'en' }),
    });
    expect(en.json().holidays[0]).toEqual({ date: '2027-01-01', key: 'new_year', label: "New Year's Day" });
  });

  it('defaults the holiday year to the current year in the organisation time zone', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/organisation/holidays', headers: admin.headers() });
    expect(res.json().year).toBe(t.clock.now().getUTCFullYear());
  });
});

describe('OpenAPI', () => {
  it('documents every directory administration route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> };
    const admin = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/admin/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(admin).toEqual(
      expect.arrayContaining([
        'GET /api/v1/admin/organisation',
        'PATCH /api/v1/admin/organisation',
        'GET /api/v1/admin/organisation/closure-days',
        'GET /api/v1/admin/organisation/closure-days/{day}',
        'PUT /api/v1/admin/organisation/closure-days/{day}',
        'DELETE /api/v1/admin/organisation/closure-days/{day}',
        'GET /api/v1/admin/organisation/holidays',
        'GET /api/v1/admin/units',
        'POST /api/v1/admin/units',
        'GET /api/v1/admin/units/{id}',
        'PATCH /api/v1/admin/units/{id}',
        'DELETE /api/v1/admin/units/{id}',
        'GET /api/v1/admin/associations',
        'POST /api/v1/admin/associations',
        'GET /api/v1/admin/associations/{id}',
        'PATCH /api/v1/admin/associations/{id}',
        'DELETE /api/v1/admin/associations/{id}',
        'GET /api/v1/admin/persons',
        'POST /api/v1/admin/persons',
        'GET /api/v1/admin/persons/{id}',
        'PATCH /api/v1/admin/persons/{id}',
        'DELETE /api/v1/admin/persons/{id}',
        'POST /api/v1/admin/persons/import',
        'GET /api/v1/admin/users',
        'POST /api/v1/admin/users',
        'GET /api/v1/admin/users/{id}',
        'PATCH /api/v1/admin/users/{id}',
        'POST /api/v1/admin/users/{id}/grants',
        'GET /api/v1/admin/grants',
        'PATCH /api/v1/admin/grants/{grantId}',
        'DELETE /api/v1/admin/grants/{grantId}',
      ]),
    );
    expect(Object.keys(doc.paths['/api/v1/admin/persons/import']?.post?.requestBody?.content ?? {})).toContain('text/csv');
  });
});
