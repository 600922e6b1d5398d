import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock.js';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { asBrowser, loginCookie } from '../../../tests/support/builders.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';

let t: TestApp;
let org: TestOrg;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-03-03T15:00:00Z') });
  org = await buildTestOrg(t.ctx);
  admin = asBrowser(await loginCookie(t.app, org.admin));
});
afterAll(async () => {
  await t.close();
});

describe('playbook editor API', () => {
  it('serves the default playbook as version 1 with the editor vocabulary', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/admin/playbook', headers: admin });
    expect(r.statusCode).toBe(200);
    expect(r.json().version).toBe(1);
    expect(r.json().definition.steps).toHaveLength(16);
    expect(r.json().vocabulary.roles).toContain('supervisor');
  });

  it('refuses non-admins', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/admin/playbook', headers: asBrowser(await loginCookie(t.app, org.supA)) });
    expect(r.statusCode).toBe(403);
  });

  it('refuses an invalid playbook with clear messages in the caller’s language and saves nothing', async () => {
    const current = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/playbook', headers: admin })).json();
    const def = structuredClone(current.definition);
    def.steps[0].role = 'janitor';
    def.steps[4].dependsOn = ['4.2.3'];
    def.steps[6].dependsOn = ['4.2.1'];
    const r = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/playbook', headers: admin, payload: { definition: def, basedOnVersion: 1 } });
    expect(r.statusCode).toBe(400);
    const messages = r.json().error.fields.map((f: { message: string }) => f.message).join(' | ');
    expect(messages).toContain('Rôle inconnu : « janitor »');
    expect(messages).toContain('Dépendances circulaires');
    const en = await t.app.inject({ method: 'POST', url: '/api/v1/admin/playbook/preview', headers: { ...admin, 'accept-language': 'en' }, payload: { definition: def } });
    expect(en.json().problems.map((p: { message: string }) => p.message)).toContain('Unknown role: "janitor".');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/playbook', headers: admin })).json().version).toBe(1);
  });

  it('previews the tasks a definition creates, then saves a new version; cases keep theirs', async () => {
    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: asBrowser(await loginCookie(t.app, org.staffA)), payload: { summary: 'Avant' } });
    expect(opened.json().playbookVersion).toBe(1);
    const def = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/playbook', headers: admin })).json().definition;
    def.steps.find((s: { key: string }) => s.key === '4.2.2').due = '2h';
    const preview = await t.app.inject({ method: 'POST', url: '/api/v1/admin/playbook/preview', headers: admin, payload: { definition: def, at: '2026-03-03T15:00:00Z', facts: { flags: ['illegalOrSerious'] } } });
    expect(preview.json().ok).toBe(true);
    const t422 = preview.json().tasks.find((x: { stepKey: string }) => x.stepKey === '4.2.2');
    expect(t422.dueAt).toBe('2026-03-03T17:00:00.000Z');
    expect(preview.json().tasks.some((x: { stepKey: string }) => x.stepKey === '4.1.4')).toBe(true);
    const saved = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/playbook', headers: admin, payload: { definition: def, basedOnVersion: 1 } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(2);
    const stale = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/playbook', headers: admin, payload: { definition: def, basedOnVersion: 1 } });
    expect(stale.statusCode).toBe(409);
    const old = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${opened.json().id}`, headers: asBrowser(await loginCookie(t.app, org.staffA)) });
    expect(old.json().playbookVersion).toBe(1);
    const ledger = await t.ctx.db.selectFrom('ledger_entries').select(['body']).where('action', '=', 'playbook.saved').execute();
    expect(ledger.some((l) => (l.body as { actorId: string }).actorId === org.admin.id)).toBe(true);
  });
});

describe('first use of the default playbook', () => {
  it('survives concurrent first uses (double fetch, simultaneous intakes)', async () => {
    const fresh = await buildTestOrg(t.ctx);
    const h = asBrowser(await loginCookie(t.app, fresh.admin));
    const staff = asBrowser(await loginCookie(t.app, fresh.staffA));
    const results = await Promise.all([
      t.app.inject({ method: 'GET', url: '/api/v1/admin/playbook', headers: h }),
      t.app.inject({ method: 'GET', url: '/api/v1/admin/playbook', headers: h }),
      t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: staff, payload: { summary: 'un' } }),
      t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: staff, payload: { summary: 'deux' } }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 201, 201]);
    const versions = await t.ctx.db.selectFrom('playbooks').select('version').where('organisation_id', '=', fresh.organisationId).execute();
    expect(versions).toEqual([{ version: 1 }]);
  });
});
