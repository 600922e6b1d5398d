import { describe, expect, it } from 'vitest';
import { escapeIcsText, foldIcsLine, icsUtc, meetingIcs, parseIcs, unescapeIcsText } from './ics.js';

describe('meeting ICS (RFC 5545)', () => {
  const base = {
    uid: '6f1c1e5a-0000-4000-8000-000000000001@rempart.test',
    sequence: 2,
    stamp: new Date('2026-03-03T15:00:00Z'),
    start: new Date('2026-03-05T19:30:00.000Z'),
    summary: 'Rencontre — dossier RMP-2026-0042',
  };

  it('writes a calendar with one event, UTC times and CRLF line ends', () => {
    const ics = meetingIcs({ ...base, location: 'Bureau 204; école Des Pins, 2e étage', url: 'https://rempart.test/dossiers/x' });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const props = parseIcs(ics);
    const get = (name: string) => props.find((p) => p.name === name)?.value;
    expect(get('DTSTART')).toBe('20260305T193000Z');
    expect(get('DTSTAMP')).toBe('20260303T150000Z');
    expect(get('UID')).toBe(base.uid);
    expect(get('SEQUENCE')).toBe('2');
    expect(unescapeIcsText(get('SUMMARY') ?? '')).toBe(base.summary);
    expect(get('LOCATION')).toBe('Bureau 204\\; école Des Pins\\, 2e étage');
    expect(props.filter((p) => p.name === 'BEGIN').map((p) => p.value)).toEqual(['VCALENDAR', 'VEVENT']);
  });

  it('escapes text and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeIcsText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    const long = `LOCATION:${'é'.repeat(100)}`;
    const folded = foldIcsLine(long);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
    const ics = meetingIcs({ ...base, location: 'é'.repeat(100) });
    expect(unescapeIcsText(parseIcs(ics).find((p) => p.name === 'LOCATION')?.value ?? '')).toBe('é'.repeat(100));
  });

  it('cannot be broken out of by a hostile location (no injected property)', () => {
    const ics = meetingIcs({ ...base, location: 'Salle A\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:pirate\u0007' });
    const props = parseIcs(ics);
    expect(props.filter((p) => p.name === 'BEGIN')).toHaveLength(2);
    expect(props.filter((p) => p.name === 'SUMMARY')).toHaveLength(1);
    expect(ics).not.toContain('\u0007');
  });

  it('formats UTC date-times', () => {
    expect(icsUtc(new Date('2026-12-31T23:59:59.999Z'))).toBe('20261231T235959Z');
  });
});
