import { describe, expect, it } from 'vitest';
import { cleanResultUrl, normaliseResultUrl } from './normalise-url.js';

describe('normaliseResultUrl (the de-duplication key of watch results)', () => {
  it.each([
    ['lower-cases the host and drops www.', 'https://WWW.Example.COM/Path', 'https://example.com/Path'],
    ['drops the mobile m. prefix', 'https://m.facebook.com/groups/1/posts/2/', 'https://facebook.com/groups/1/posts/2'],
    ['drops the mobile. prefix', 'https://mobile.twitter.com/a/status/3', 'https://twitter.com/a/status/3'],
    ['treats http and https alike', 'http://example.com/a', 'https://example.com/a'],
    ['drops the default ports', 'https://example.com:443/a', 'https://example.com/a'],
    ['keeps a non-default port', 'http://example.com:8080/a', 'https://example.com:8080/a'],
    ['drops the fragment', 'https://example.com/a#comments', 'https://example.com/a'],
    ['drops the trailing slash', 'https://example.com/a/b/', 'https://example.com/a/b'],
    ['turns the bare host into no path', 'https://example.com/', 'https://example.com'],
    ['removes utm_* parameters', 'https://example.com/a?utm_source=x&utm_medium=y&utm_campaign=z', 'https://example.com/a'],
    ['removes fbclid and gclid', 'https://example.com/a?fbclid=IwAR&gclid=Cj0', 'https://example.com/a'],
    [
      "removes YouTube's si share id but keeps v",
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=AbC',
      'https://youtube.com/watch?v=dQw4w9WgXcQ',
    ],
    ['removes Instagram igshid', 'https://www.instagram.com/p/Cx1/?igshid=MzRl', 'https://instagram.com/p/Cx1'],
    ['sorts the remaining parameters', 'https://example.com/s?b=2&a=1&c=3', 'https://example.com/s?a=1&b=2&c=3'],
    ['sorts repeated parameters by value', 'https://example.com/s?t=b&t=a', 'https://example.com/s?t=a&t=b'],
    ['is case-insensitive for tracking names', 'https://example.com/a?UTM_Source=x&FBCLID=1&id=7', 'https://example.com/a?id=7'],
    ['drops the trailing dot of the host', 'https://example.com./a', 'https://example.com/a'],
    ['keeps path case', 'https://example.com/User/Post', 'https://example.com/User/Post'],
    [
      'keeps a meaningful parameter',
      'https://www.facebook.com/permalink.php?story_fbid=123&id=456',
      'https://facebook.com/permalink.php?id=456&story_fbid=123',
    ],
  ])('%s', (_name, input, expected) => {
    expect(normaliseResultUrl(input)).toBe(expected);
  });

  it('gives one key to the variants a watch sees of the same post', () => {
    const variants = [
      'https://www.facebook.com/groups/parents.ecole.des.cedres/posts/1029384756?utm_source=share&utm_medium=copy_link&fbclid=IwAR3xyz',
      'http://facebook.com/groups/parents.ecole.des.cedres/posts/1029384756/#comments',
      'https://m.facebook.com/groups/parents.ecole.des.cedres/posts/1029384756/',
    ];
    expect(new Set(variants.map(normaliseResultUrl)).size).toBe(1);
  });

  it.each(['ftp://example.com/a', 'javascript:alert(1)', 'not a url', '', 'mailto:a@b.c'])('refuses %j', (input) => {
    expect(normaliseResultUrl(input)).toBeUndefined();
  });
});

describe('cleanResultUrl (the URL shown and stored)', () => {
  it('keeps the original but drops tracking tags and the fragment', () => {
    expect(cleanResultUrl('https://www.Example.com/a/?utm_source=x&id=1#top')).toBe('https://www.example.com/a/?id=1');
  });
});
