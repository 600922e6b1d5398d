import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyCheck, type FetchResult } from './classify.js';
import { keyTexts, normaliseText, pageText } from './page-text.js';
import { DAY_MS, HOUR_MS, nextBackoff, nextCheckAt } from './schedule.js';

const page = (name: string) => readFileSync(new URL(`../../../tests/fixtures/rechecks/${name}`, import.meta.url), 'utf8');
const captured = keyTexts(page('captured.html'));
const url = 'https://forum.example.net/t/enseignante-a-eviter/4412';
const html = 'text/html; charset=utf-8';

function response(status: number, file: string | null, contentType: string | null = html, finalUrl = url): FetchResult {
  return { kind: 'response', status, finalUrl, contentType, text: file ? page(file) : '' };
}

describe('key text of a captured page', () => {
  it('takes the content sentences, not the cookie banner, navigation or footer', () => {
    expect(captured.length).toBeGreaterThanOrEqual(3);
    expect(captured).toContain(
      normaliseText("Marie-Ève Tremblay enseigne encore en 4e année à l'école des Cèdres, malgré tout ce qui s'est passé l'an dernier."),
    );
    expect(captured.join(' ')).not.toMatch(/cookies|droits réservés|connexion/);
  });

  it('never reads scripts or styles as page text', () => {
    const text = pageText(page('captured.html')).blocks.join(' ');
    expect(text).not.toContain('Video unavailable');
    expect(text).not.toContain('font-family');
  });

  it("falls back on the page's description when it has no content sentence", () => {
    expect(keyTexts('<meta property="og:description" content="Une publication haineuse au sujet de l’enseignante."><p>Court.</p>')).toEqual(
      ["une publication haineuse au sujet de l'enseignante."],
    );
  });
});

describe('re-check classification (a 200 alone is never enough)', () => {
  it.each([
    ['200 with the key text → online', response(200, 'online.html'), null, 'online', 'key_text_present'],
    ['404 → removed', response(404, 'not-found.html'), null, 'removed', 'http_404'],
    ['410 → removed', response(410, 'not-found.html'), null, 'removed', 'http_410'],
    ['200 Facebook "content not available" → removed', response(200, 'facebook-unavailable.html'), 'facebook', 'removed', 'removal_marker'],
    [
      '200 X "page doesn\'t exist" → removed',
      response(200, 'x-unavailable.html', html, 'https://x.com/parent/status/1'),
      null,
      'removed',
      'removal_marker',
    ],
    ['200 without the key text → removed', response(200, 'key-text-gone.html'), null, 'removed', 'key_text_gone'],
    ['403 log-in wall → unknown', response(403, 'login-wall.html'), 'instagram', 'unknown', 'http_forbidden'],
    [
      '200 log-in wall → unknown',
      response(200, 'login-wall.html', html, 'https://www.instagram.com/accounts/login/?next=/p/Cx1/'),
      'instagram',
      'unknown',
      'login_wall',
    ],
    ['200 JavaScript shell → unknown', response(200, 'js-shell.html'), null, 'unknown', 'no_readable_text'],
    ['500 → unknown', response(500, null, 'text/plain'), null, 'unknown', 'http_server_error'],
    ['429 → unknown', response(429, null, 'text/plain'), null, 'unknown', 'http_rate_limited'],
    ['timeout → unknown', { kind: 'failed', reason: 'timeout', finalUrl: url } as FetchResult, null, 'unknown', 'timeout'],
    [
      'blocked destination → unknown',
      { kind: 'failed', reason: 'destination_blocked', finalUrl: 'http://10.0.0.1/' } as FetchResult,
      null,
      'unknown',
      'destination_blocked',
    ],
  ])('%s', (_name, fetch, providerId, outcome, reason) => {
    const result = classifyCheck({ fetch, keyTexts: captured, providerId, url });
    expect(result).toMatchObject({ outcome, reason });
  });

  it('cannot say online or removed from a 200 without a capture to compare with', () => {
    expect(classifyCheck({ fetch: response(200, 'online.html'), keyTexts: null, providerId: null, url })).toMatchObject({
      outcome: 'unknown',
      reason: 'no_key_text',
      keyText: 'unavailable',
    });
    expect(classifyCheck({ fetch: response(200, 'key-text-gone.html'), keyTexts: [], providerId: null, url })).toMatchObject({
      outcome: 'unknown',
      reason: 'no_key_text',
    });
  });

  it("uses only the location's provider markers when the provider is known", () => {
    // A Reddit "[deleted]" comment on a forum page is not a removal of the forum post.
    const withDeleted = {
      kind: 'response' as const,
      status: 200,
      finalUrl: url,
      contentType: html,
      text: `${page('online.html')}<p>[deleted]</p>`,
    };
    expect(classifyCheck({ fetch: withDeleted, keyTexts: captured, providerId: null, url })).toMatchObject({ outcome: 'online' });
    const fbMarkerOnYoutube = response(200, 'facebook-unavailable.html', html, 'https://www.youtube.com/watch?v=1');
    expect(
      classifyCheck({ fetch: fbMarkerOnYoutube, keyTexts: captured, providerId: 'youtube', url: 'https://www.youtube.com/watch?v=1' })
        .reason,
    ).not.toBe('removal_marker');
  });

  it('says so when only part of the key text remains', () => {
    const partial = {
      kind: 'response' as const,
      status: 200,
      finalUrl: url,
      contentType: html,
      text: `<p>${'Autre contenu du forum, sans rapport avec le message. '.repeat(6)}</p><p>Partagez ce message dans tous les groupes de parents de Laval pour qu'elle soit enfin renvoyée.</p>`,
    };
    expect(classifyCheck({ fetch: partial, keyTexts: captured, providerId: null, url })).toMatchObject({
      outcome: 'unknown',
      reason: 'key_text_partial',
      keyText: 'found',
    });
  });
});

describe('re-check schedule', () => {
  const added = new Date('2026-03-03T10:00:00Z');
  it('checks hourly during the first day, then daily', () => {
    expect(nextCheckAt(added, new Date('2026-03-03T10:00:00Z'), 0).getTime() - added.getTime()).toBe(HOUR_MS);
    expect(nextCheckAt(added, new Date('2026-03-04T09:30:00Z'), 0).toISOString()).toBe('2026-03-04T10:30:00.000Z');
    expect(nextCheckAt(added, new Date('2026-03-04T10:00:00Z'), 0).toISOString()).toBe('2026-03-05T10:00:00.000Z');
  });

  it('stretches the interval after repeated unknown outcomes, never beyond a day', () => {
    const now = new Date('2026-03-03T12:00:00Z');
    const intervals = [1, 2, 3, 4, 5, 6, 7].map((b) => (nextCheckAt(added, now, b).getTime() - now.getTime()) / HOUR_MS);
    expect(intervals).toEqual([1, 2, 4, 8, 16, 24, 24]);
    expect(nextCheckAt(added, new Date('2026-03-10T12:00:00Z'), 5).getTime() - new Date('2026-03-10T12:00:00Z').getTime()).toBe(DAY_MS);
    expect(nextBackoff(3, 'unknown')).toBe(4);
    expect(nextBackoff(3, 'removed')).toBe(0);
    expect(nextBackoff(3, 'online')).toBe(0);
  });
});
