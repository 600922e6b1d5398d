// The provider directory through the API: loaded from the seed with every source, readable by
// any signed-in user, stale entries flagged, admin edits that keep provenance and survive a seed
// upgrade, custom providers recognised in new locations, and recognition of real URL shapes.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../tests/support/app.js';
import { asBrowser, loginCookie } from '../../../tests/support/builders.js';
import { buildTestOrg, type TestOrg } from '../../../tests/support/org.js';
import { loadProviderDirectory, providerSeedPath } from '../../app/takedowns/load-provider-directory.js';
import { ManualClock } from '../../domain/clock.js';

const clock = new ManualClock('2026-03-03T15:00:00Z');
let t: TestApp;
let org: TestOrg;
const cookies = new Map<string, string>();
type User = { email: string; password: string };

async function headers(user: User) {
  let c = cookies.get(user.email);
  if (!c) {
    c = await loginCookie(t.app, user);
    cookies.set(user.email, c);
  }
  return asBrowser(c);
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  org = await buildTestOrg(t.ctx);
});
afterAll(async () => {
  await t?.close();
});

describe('provider directory', () => {
  it('loads the seed once: every provider and help organisation, with its sources', async () => {
    const first = await loadProviderDirectory(t.ctx);
    expect(first.providers.inserted).toBe(19);
    expect(first.helpOrganisations.inserted).toBe(12);
    const again = await loadProviderDirectory(t.ctx);
    expect(again).toEqual({ providers: { inserted: 0, updated: 0 }, helpOrganisations: { inserted: 0, updated: 0 } });
    const loads = await t.ctx.db.selectFrom('ledger_entries').select('action').where('action', '=', 'provider_directory.loaded').execute();
    expect(loads).toHaveLength(1);
  });

  it('shows any signed-in user the directory, with review dates; not an anonymous caller', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/providers' })).statusCode).toBe(401);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/providers', headers: await headers(org.staffA) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.providers).toHaveLength(19);
    const seed = JSON.parse(await readFile(providerSeedPath, 'utf8'));
    for (const p of body.providers) {
      expect(p).toMatchObject({ source: 'seed', lastReviewed: '2026-11-27', stale: false, localEdits: [] });
      const original = seed.providers.find((s: { id: string }) => s.id === p.id);
      expect(p.channels).toEqual(original.channels);
      for (const ch of p.channels) expect(ch).toHaveProperty('source');
      expect(p.channels.some((ch: { source: string | null }) => typeof ch.source === 'string') || p.channels.length === 0).toBe(true);
    }
    expect(body.helpOrganisations.map((h: { id: string }) => h.id)).toEqual(
      expect.arrayContaining(['cybertip', 'needhelpnow', 'stopncii', 'take_it_down', 'sq', 'cavac', 'cai', 'opc']),
    );
    const cybertip = body.helpOrganisations.find((h: { id: string }) => h.id === 'cybertip');
    expect(cybertip).toMatchObject({ phone: '1-866-658-9022', verified: true, appliesWhen: ['minors_intimate_images'] });
    const one = await t.app.inject({ method: 'GET', url: '/api/v1/providers/tiktok', headers: await headers(org.it) });
    expect(one.json()).toMatchObject({ id: 'tiktok', name: 'TikTok' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/providers/nope', headers: await headers(org.it) })).statusCode).toBe(404);
  });

  it('flags entries last reviewed more than a year ago', async () => {
    clock.set('2027-11-28T12:00:00Z');
    cookies.clear();
    const body = (await t.app.inject({ method: 'GET', url: '/api/v1/providers', headers: await headers(org.it) })).json();
    expect(body.providers.every((p: { stale: boolean }) => p.stale)).toBe(true);
    clock.set('2027-11-27T12:00:00Z');
    cookies.clear();
    const fresh = (await t.app.inject({ method: 'GET', url: '/api/v1/providers', headers: await headers(org.it) })).json();
    expect(fresh.providers.some((p: { stale: boolean }) => p.stale)).toBe(false);
  });

  it('lets an admin edit channels and notes, keeping sources and verified flags, and mark the entry reviewed', async () => {
    clock.set('2027-12-15T12:00:00Z');
    cookies.clear();
    const denied = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/admin/providers/snapchat',
      headers: await headers(org.it),
      payload: { markReviewed: true },
    });
    expect(denied.statusCode).toBe(403);
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/providers/snapchat', headers: await headers(org.admin) })).json();
    const [kept, ...rest] = before.channels;
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/admin/providers/snapchat',
      headers: await headers(org.admin),
      payload: {
        channels: [
          {
            purpose: kept.purpose,
            url: kept.url,
            method: kept.method,
            whoMayFile: kept.whoMayFile,
            loginRequired: kept.loginRequired,
            notes: 'Note locale : répond en 24 h.',
          },
          {
            purpose: 'harassment',
            url: 'https://help.snapchat.com/hc/fr-ca/requests/new',
            method: 'web_form',
            whoMayFile: ['victim'],
            loginRequired: false,
          },
          ...rest.map((c: Record<string, unknown>) => ({
            purpose: c.purpose,
            url: c.url,
            method: c.method,
            whoMayFile: c.whoMayFile,
            loginRequired: c.loginRequired,
            notes: c.notes,
            source: c.source,
            verified: c.verified,
          })),
        ],
        localeNotes: 'Formulaire en français disponible.',
        markReviewed: true,
      },
    });
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(after).toMatchObject({
      lastReviewed: '2027-12-15',
      stale: false,
      localEdits: ['channels', 'localeNotes'],
      localeNotes: 'Formulaire en français disponible.',
      editedByName: expect.any(String),
    });
    expect(after.channels[0]).toMatchObject({
      url: kept.url,
      source: kept.source,
      verified: kept.verified,
      notes: 'Note locale : répond en 24 h.',
    });
    expect(after.channels[1]).toMatchObject({ url: 'https://help.snapchat.com/hc/fr-ca/requests/new', source: null, verified: false });
    const entry = await t.ctx.db
      .selectFrom('ledger_entries')
      .select(['body', 'organisation_id'])
      .where('action', '=', 'provider.updated')
      .executeTakeFirstOrThrow();
    expect(entry.body).toMatchObject({
      subject: { type: 'provider', id: 'snapchat' },
      data: { changed: ['channels', 'localeNotes'], reviewed: true },
    });
    expect(entry.organisation_id).toBe(org.organisationId);
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/admin/providers/snapchat',
      headers: await headers(org.admin),
      payload: {
        channels: [{ purpose: 'harassment', url: 'javascript:alert(1)', method: 'web_form', whoMayFile: ['victim'], loginRequired: false }],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: 'PATCH', url: '/api/v1/admin/providers/snapchat', headers: await headers(org.admin), payload: {} }))
        .statusCode,
    ).toBe(400);
  });

  it('keeps local edits when the seed is upgraded, and adds the new entries', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rempart-seed-'));
    try {
      const seed = JSON.parse(await readFile(providerSeedPath, 'utf8'));
      seed.lastReviewed = '2028-01-10';
      const snap = seed.providers.find((p: { id: string }) => p.id === 'snapchat');
      snap.localeNotes = 'Seed note from the new release.';
      snap.typicalResponse = 'Within 24 hours (seed update).';
      seed.providers.push({
        id: 'mastodon_social',
        name: 'mastodon.social',
        domains: ['mastodon.social'],
        channels: [],
        evidenceTips: [],
        typicalResponse: null,
        localeNotes: null,
      });
      const path = join(dir, 'providers.json');
      await writeFile(path, JSON.stringify(seed));
      const result = await loadProviderDirectory(t.ctx, { path });
      expect(result.providers).toEqual({ inserted: 1, updated: 19 });
      const snapNow = (await t.app.inject({ method: 'GET', url: '/api/v1/providers/snapchat', headers: await headers(org.it) })).json();
      expect(snapNow.localeNotes).toBe('Formulaire en français disponible.'); // the local edit wins
      expect(snapNow.typicalResponse).toBe('Within 24 hours (seed update).'); // untouched field follows the seed
      expect(snapNow.channels[0].notes).toBe('Note locale : répond en 24 h.');
      expect(snapNow.lastReviewed).toBe('2028-01-10');
      const added = (
        await t.app.inject({ method: 'GET', url: '/api/v1/providers/mastodon_social', headers: await headers(org.it) })
      ).json();
      expect(added).toMatchObject({ source: 'seed', name: 'mastodon.social' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('adds a custom provider whose domains are recognised in new locations', async () => {
    const id = `forum_${randomBytes(3).toString('hex')}`;
    const host = `${id.replace('_', '-')}.example.qc.ca`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/providers',
      headers: await headers(org.admin),
      payload: {
        id,
        name: 'Forum des parents',
        domains: [host],
        channels: [
          {
            purpose: 'harassment',
            url: `mailto:moderation@${host}`,
            method: 'email',
            whoMayFile: ['anyone'],
            loginRequired: false,
            source: `https://${host}/regles`,
            verified: true,
          },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      id,
      source: 'custom',
      lastReviewed: '2027-12-15',
      channels: [{ verified: true, source: `https://${host}/regles` }],
    });
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/providers',
      headers: await headers(org.admin),
      payload: { id, name: 'x', domains: ['x.example'] },
    });
    expect(dup.statusCode).toBe(409);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/admin/providers',
          headers: await headers(org.admin),
          payload: { id: 'Bad Id', name: 'x', domains: ['x.example'] },
        })
      ).statusCode,
    ).toBe(400);
    const opened = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: await headers(org.staffA),
      payload: { summary: 'Forum', urls: [`https://www.${host}/sujet/12`] },
    });
    expect(opened.json().locations[0].providerId).toBe(id);
  });

  it('recognises the provider of real-world URL shapes at intake', async () => {
    const u = randomBytes(3).toString('hex');
    const shapes: Array<[string, string]> = [
      [`https://m.facebook.com/story.php?story_fbid=${u}`, 'facebook'],
      [`https://fb.watch/${u}/`, 'facebook'],
      [`https://web.facebook.com/${u}`, 'facebook'],
      [`https://www.instagram.com/p/${u}/`, 'instagram'],
      [`https://www.tiktok.com/@u/video/${u}`, 'tiktok'],
      [`https://vm.tiktok.com/${u}/`, 'tiktok'],
      [`https://youtu.be/${u}`, 'youtube'],
      [`https://m.youtube.com/shorts/${u}`, 'youtube'],
      [`https://x.com/a/status/${u}`, 'x'],
      [`https://twitter.com/a/status/${u}`, 'x'],
      [`https://mobile.twitter.com/${u}`, 'x'],
      [`https://www.reddit.com/r/quebec/comments/${u}/`, 'reddit'],
      [`https://old.reddit.com/r/montreal/comments/${u}/`, 'reddit'],
      [`https://redd.it/${u}`, 'reddit'],
      [`https://www.snapchat.com/add/${u}`, 'snapchat'],
      [`https://discord.gg/${u}`, 'discord'],
      [`https://discord.com/channels/1/2/${u}`, 'discord'],
      [`https://www.linkedin.com/in/${u}`, 'linkedin'],
      [`https://www.pinterest.ca/pin/${u}/`, 'pinterest'],
      [`https://t.me/${u}`, 'telegram'],
      [`https://telegram.me/${u}`, 'telegram'],
      [`https://wa.me/1514555${u}`, 'whatsapp'],
      [`https://www.threads.net/@${u}`, 'threads'],
      [`https://www.twitch.tv/${u}`, 'twitch'],
      [`https://www.google.ca/search?q=${u}`, 'google_search'],
      [`https://www.bing.com/search?q=${u}`, 'bing'],
      [`https://www.ratemyteachers.com/${u}`, 'review_sites'],
      [`https://www.bbc.co.uk/news/${u}`, 'web_host'],
      [`https://www.priv.gc.ca/${u}`, 'web_host'],
      [`https://blogue-${u}.example.qc.ca/`, 'web_host'],
    ];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: await headers(org.staffA),
      payload: { summary: 'Plusieurs sites', urls: shapes.map(([url]) => url) },
    });
    expect(res.statusCode).toBe(201);
    const byUrl = new Map(res.json().locations.map((l: { url: string; providerId: string }) => [l.url, l.providerId]));
    for (const [url, provider] of shapes) expect(byUrl.get(url), url).toBe(provider);
  });
});
