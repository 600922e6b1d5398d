// A meeting as an iCalendar object (RFC 5545), written by hand: it is small text.
//
// Kept minimal on purpose (Cases issue): the case reference, the date and the place, and a
// link to the case in the app — never the case's facts, the outcome or who attended, since an
// .ics file travels by mail and lands in calendars other people can read.
//
// RFC 5545 rules applied: CRLF line ends (3.1); lines folded at 75 octets without splitting a
// UTF-8 sequence, continuation lines start with one space (3.1); TEXT values escape backslash,
// semicolon, comma and newlines (3.3.11); DATE-TIME in UTC with the "Z" suffix (3.3.5);
// VCALENDAR needs PRODID and VERSION (3.6), VEVENT needs UID and DTSTAMP (3.6.1).

export interface IcsMeeting {
  /** Globally unique and stable across versions of the same meeting (3.8.4.7). */
  uid: string;
  /** Revision number, 0 for the first (3.8.7.4): a calendar replaces the older copy. */
  sequence: number;
  /** When the file was produced (3.8.7.2). */
  stamp: Date;
  start: Date;
  summary: string;
  location?: string | undefined;
  url?: string | undefined;
}

const CRLF = '\r\n';

/** 20260305T190000Z */
export function icsUtc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** TEXT escaping (3.3.11). */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line at 75 octets, never inside a UTF-8 sequence (3.1). */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

export function meetingIcs(m: IcsMeeting): string {
  // Control characters other than the escaped newlines have no place in a content line.
  const clean = (s: string) =>
    [...s]
      .filter((ch) => {
        const c = ch.codePointAt(0) ?? 0;
        return c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c !== 0x7f);
      })
      .join('');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Rempart//Rempart//FR',
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(clean(m.uid))}`,
    `SEQUENCE:${Math.max(0, Math.trunc(m.sequence))}`,
    `DTSTAMP:${icsUtc(m.stamp)}`,
    `DTSTART:${icsUtc(m.start)}`,
    `SUMMARY:${escapeIcsText(clean(m.summary))}`,
  ];
  if (m.location) lines.push(`LOCATION:${escapeIcsText(clean(m.location))}`);
  if (m.url) lines.push(`URL:${clean(m.url).replace(/[\r\n]/g, '')}`);
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}

export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** Unfolds and splits an iCalendar text into properties (enough to read back what we write). */
export function parseIcs(text: string): IcsProperty[] {
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  const out: IcsProperty[] = [];
  for (const line of unfolded.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const [name = '', ...params] = line.slice(0, colon).split(';');
    out.push({
      name: name.toUpperCase(),
      params: Object.fromEntries(params.map((p) => [p.split('=')[0] ?? '', p.split('=').slice(1).join('=')])),
      value: line.slice(colon + 1),
    });
  }
  return out;
}

/** Reverses escapeIcsText. */
export function unescapeIcsText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
