import { describe, expect, it } from 'vitest';
import { mergeHits, parseImportedUrls } from './results.js';
import {
  MAX_REQUESTS_PER_PROVIDER,
  canManageWatches,
  nextRunAt,
  normaliseSite,
  providersForRun,
  rateLimitDelaySeconds,
  searchStrings,
} from './watch-rules.js';

const now = new Date('2026-03-03T15:00:00Z');

describe('who manages watches', () => {
  it.each([
    [{ kind: 'participant' as const, roles: ['it'] }, true],
    [{ kind: 'participant' as const, roles: ['supervisor'] }, true],
    [{ kind: 'participant' as const, roles: ['general_direction'] }, true],
    [{ kind: 'participant' as const, roles: ['hr'] }, false],
    [{ kind: 'participant' as const, roles: ['union'] }, false],
    [{ kind: 'affected' as const, roles: ['staff'] }, false],
    [{ kind: 'grant' as const, roles: [] }, false],
  ])('%j → %s', (access, expected) => {
    expect(canManageWatches(access)).toBe(expected);
  });
});

describe('search strings', () => {
  it('quotes names and phrases, drops the @ of handles, and repeats each per site', () => {
    const q = [
      { text: 'Marie-Ève  Tremblay', kind: 'name' as const },
      { text: '@laprof_tremblay', kind: 'handle' as const },
      { text: 'prof de 4e "année"', kind: 'phrase' as const },
    ];
    expect(searchStrings(q, [])).toEqual(['"Marie-Ève Tremblay"', '"laprof_tremblay"', '"prof de 4e année"']);
    expect(searchStrings(q.slice(0, 1), ['facebook.com', 'tiktok.com'])).toEqual([
      '"Marie-Ève Tremblay" site:facebook.com',
      '"Marie-Ève Tremblay" site:tiktok.com',
    ]);
  });

  it('caps the requests of one run', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ text: `nom ${i}`, kind: 'name' as const }));
    expect(searchStrings(many, ['a.com', 'b.com', 'c.com'])).toHaveLength(MAX_REQUESTS_PER_PROVIDER);
  });

  it.each([
    ['https://www.facebook.com/', 'facebook.com'],
    ['Facebook.com', 'facebook.com'],
    ['forum.example.net/t/1', 'forum.example.net'],
    ['localhost', undefined],
    ['not a host!', undefined],
  ])('site filter %j → %j', (input, expected) => {
    expect(normaliseSite(input)).toBe(expected);
  });
});

describe('providers of a run', () => {
  it('skips unconfigured providers and those waiting out a rate limit', () => {
    const plan = providersForRun(['searxng', 'brave'], ['brave', 'searxng'], [{ provider: 'brave', retryAt: '2026-03-03T16:00:00Z' }], now);
    expect(plan).toEqual({ run: ['searxng'], waiting: ['brave'], unconfigured: [] });
    expect(providersForRun(['searxng', 'brave'], ['searxng'], [], now)).toEqual({ run: ['searxng'], waiting: [], unconfigured: ['brave'] });
    expect(providersForRun(['brave'], ['brave'], [{ provider: 'brave', retryAt: '2026-03-03T14:59:00Z' }], now).run).toEqual(['brave']);
  });

  it('runs again after the interval, or sooner when a rate limit ends first', () => {
    expect(nextRunAt(now, 24, []).toISOString()).toBe('2026-03-04T15:00:00.000Z');
    expect(nextRunAt(now, 24, ['2026-03-03T15:01:00Z', null]).toISOString()).toBe('2026-03-03T15:01:00.000Z');
    expect(nextRunAt(now, 1, ['2026-03-20T00:00:00Z']).toISOString()).toBe('2026-03-03T16:00:00.000Z');
  });
});

describe('rate-limit back-off', () => {
  it.each([
    ['Retry-After seconds', { retryAfter: '120' }, 120],
    ['Retry-After below the floor', { retryAfter: '1' }, 60],
    ['Retry-After as an HTTP date', { retryAfter: 'Tue, 03 Mar 2026 15:10:00 GMT' }, 600],
    ["Brave's per-second window exhausted", { reset: '1, 1419704', remaining: '0, 1985' }, 60],
    ["Brave's monthly quota exhausted", { reset: '1, 1419704', remaining: '1, 0' }, 1419704],
    ['reset without remaining: the longest window', { reset: '30, 3600' }, 3600],
    ['no headers', {}, 60],
    ['garbage', { retryAfter: 'soon', reset: 'x' }, 60],
  ])('%s', (_name, headers, seconds) => {
    expect(rateLimitDelaySeconds(headers, now)).toBe(seconds);
  });
});

describe('merging hits', () => {
  it('keeps one hit per normalised URL, uniting providers and keeping the first title', () => {
    const merged = mergeHits([
      { provider: 'searxng', url: 'https://www.example.com/a?utm_source=x', title: 'A', snippet: null },
      { provider: 'brave', url: 'https://example.com/a/', title: 'A bis', snippet: 'extrait' },
      { provider: 'searxng', url: 'https://example.com/b', title: '  ', snippet: '  ' },
      { provider: 'brave', url: 'javascript:alert(1)', title: 'x', snippet: null },
    ]);
    expect(merged).toEqual([
      {
        normalizedUrl: 'https://example.com/a',
        url: 'https://www.example.com/a',
        host: 'www.example.com',
        title: 'A',
        snippet: 'extrait',
        providers: ['brave', 'searxng'],
      },
      {
        normalizedUrl: 'https://example.com/b',
        url: 'https://example.com/b',
        host: 'example.com',
        title: null,
        snippet: null,
        providers: ['searxng'],
      },
    ]);
  });

  it('parses pasted URLs one per line, reporting what is not a URL', () => {
    expect(parseImportedUrls(['https://a.com/1\n\n  https://b.com/2  \r\nftp://c.com\nbonjour', 'https://d.com'])).toEqual({
      accepted: ['https://a.com/1', 'https://b.com/2', 'https://d.com'],
      rejected: ['ftp://c.com', 'bonjour'],
    });
  });
});
