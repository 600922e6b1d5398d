// The case panels' browser-side helpers, without a browser: the incremental SHA-256 used when
// crypto.subtle is missing (plain-HTTP intranet) must give node's digest for every length and
// every way of cutting the bytes; date-times typed in the organisation's zone must become the
// right instants, across daylight-saving changes; the access log's grouping of one visit.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { groupVisits } from '../../web/src/features/case-people/visits.js';
import { Sha256, sha256OfFile, shortHash } from '../../web/src/features/evidence/sha256.js';
import { isoToWallTime, todayIn, wallTimeToIso } from '../../web/src/features/records/zoned-time.js';

const node = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('SHA-256 in the browser', () => {
  it('matches node for lengths around the block and padding boundaries, in one piece and in odd slices', () => {
    for (const length of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 65_537]) {
      const bytes = new Uint8Array(randomBytes(length));
      expect(new Sha256().update(bytes).hex(), `length ${length}`).toBe(node(bytes));
      const sliced = new Sha256();
      for (let i = 0; i < length; i += 7) sliced.update(bytes.subarray(i, i + 7));
      expect(sliced.hex(), `length ${length} in slices of 7`).toBe(node(bytes));
    }
    expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('hashes a file natively or in 4 MiB slices, with the same result', async () => {
    const bytes = new Uint8Array(randomBytes(9 * 1024 * 1024 + 13));
    const blob = new Blob([bytes]);
    expect(await sha256OfFile(blob)).toBe(node(bytes));
    const subtle = globalThis.crypto.subtle;
    Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true });
    try {
      const seen: number[] = [];
      expect(await sha256OfFile(blob, (done) => seen.push(done))).toBe(node(bytes));
      expect(seen.at(-1)).toBe(bytes.length);
      expect(seen.length).toBe(3);
    } finally {
      Object.defineProperty(globalThis.crypto, 'subtle', { value: subtle, configurable: true });
    }
    expect(shortHash(node(bytes))).toMatch(/^[0-9a-f]{8}…[0-9a-f]{8}$/);
  });
});

describe("date-times in the organisation's time zone", () => {
  it('turns a wall time into the instant of that zone, in winter and in summer', () => {
    expect(wallTimeToIso('2027-01-12T14:00', 'America/Toronto')).toBe('2027-01-12T19:00:00.000Z');
    expect(wallTimeToIso('2026-07-01T09:30', 'America/Toronto')).toBe('2026-07-01T13:30:00.000Z');
    expect(wallTimeToIso('2026-07-01T09:30', 'America/Vancouver')).toBe('2026-07-01T16:30:00.000Z');
    // The day the clocks change (8 March 2026, 2 h → 3 h): before and after.
    expect(wallTimeToIso('2026-03-08T01:30', 'America/Toronto')).toBe('2026-03-08T06:30:00.000Z');
    expect(wallTimeToIso('2026-03-08T03:30', 'America/Toronto')).toBe('2026-03-08T07:30:00.000Z');
    expect(wallTimeToIso('not a date', 'America/Toronto')).toBeUndefined();
  });

  it('shows an instant as the wall time of the zone, and back', () => {
    expect(isoToWallTime('2027-01-12T19:00:00.000Z', 'America/Toronto')).toBe('2027-01-12T14:00');
    expect(isoToWallTime('2026-11-01T05:30:00.000Z', 'America/Toronto')).toBe('2026-11-01T01:30');
    for (const iso of ['2026-03-08T07:30:00.000Z', '2026-11-27T03:54:00.000Z', '2026-12-31T23:59:00.000Z']) {
      expect(wallTimeToIso(isoToWallTime(iso, 'America/Toronto'), 'America/Toronto')).toBe(iso);
    }
    expect(todayIn('America/Toronto', new Date('2026-11-27T03:54:00Z'))).toBe('2026-11-26');
  });
});

describe('access log visits', () => {
  it("groups one person's consecutive reads within two minutes, newest first, and keeps others apart", () => {
    const entry = (userId: string, at: string, actionLabel: string) => ({
      userId,
      name: userId,
      roles: ['supervisor'],
      viaGrant: false,
      action: actionLabel,
      actionLabel,
      at,
    });
    const visits = groupVisits([
      entry('a', '2026-11-27T10:05:00Z', 'timeline'),
      entry('a', '2026-11-27T10:04:30Z', 'records'),
      entry('a', '2026-11-27T10:04:00Z', 'case'),
      entry('b', '2026-11-27T10:03:00Z', 'case'),
      entry('a', '2026-11-27T09:00:00Z', 'case'),
    ]);
    expect(visits.map((v) => [v.userId, v.what, v.last, v.first])).toEqual([
      ['a', ['case', 'records', 'timeline'], '2026-11-27T10:05:00Z', '2026-11-27T10:04:00Z'],
      ['b', ['case'], '2026-11-27T10:03:00Z', '2026-11-27T10:03:00Z'],
      ['a', ['case'], '2026-11-27T09:00:00Z', '2026-11-27T09:00:00Z'],
    ]);
  });
});
