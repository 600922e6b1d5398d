import { describe, expect, it } from 'vitest';
import { decideRange } from './byte-range.js';

const etag = '"ab12"';
const d = (range: string | undefined, size = 1000, ifRange?: string) => decideRange({ range, ifRange, etag, size });

describe('decideRange', () => {
  it('serves a first-last range, an open range and a suffix', () => {
    expect(d('bytes=0-499')).toEqual({ kind: 'partial', start: 0, end: 499 });
    expect(d('bytes=500-')).toEqual({ kind: 'partial', start: 500, end: 999 });
    expect(d('bytes=-200')).toEqual({ kind: 'partial', start: 800, end: 999 });
    expect(d(' Bytes = 10 - 19 ')).toEqual({ kind: 'partial', start: 10, end: 19 });
  });

  it('clamps the end to the last byte, and a suffix longer than the file to the whole file', () => {
    expect(d('bytes=900-5000')).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(d('bytes=-5000')).toEqual({ kind: 'partial', start: 0, end: 999 });
  });

  it('is unsatisfiable past the end, for an empty suffix, or on an empty file', () => {
    expect(d('bytes=1000-')).toEqual({ kind: 'unsatisfiable' });
    expect(d('bytes=-0')).toEqual({ kind: 'unsatisfiable' });
    expect(d('bytes=0-10', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('sends the whole file for no range, several ranges, other units and nonsense', () => {
    for (const r of [undefined, '', 'bytes=0-1,5-9', 'items=0-1', 'bytes=9-2', 'bytes=-', 'bytes=abc', `bytes=0-${'9'.repeat(30)}`]) {
      expect(d(r)).toEqual({ kind: 'full' });
    }
  });

  it('honours If-Range only with the artefact’s own ETag', () => {
    expect(d('bytes=0-9', 1000, '"ab12"')).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(d('bytes=0-9', 1000, '"other"')).toEqual({ kind: 'full' });
    expect(d('bytes=0-9', 1000, 'Wed, 21 Oct 2015 07:28:00 GMT')).toEqual({ kind: 'full' });
  });
});
