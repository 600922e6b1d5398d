import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeEncodedWords, looksLikeEmail, parseEmail, parseMailDate } from './eml.js';

const sample = readFileSync(new URL('../../../tests/fixtures/evidence/message.eml', import.meta.url), 'utf8');

describe('e-mail headers', () => {
  it('keeps every header, in order, with folded values unfolded but not decoded', () => {
    const meta = parseEmail(sample);
    expect(meta.headers.map((h) => h.name)).toEqual([
      'Return-Path',
      'Delivered-To',
      'Received',
      'Received',
      'ARC-Seal',
      'Authentication-Results',
      'DKIM-Signature',
      'Message-ID',
      'Date',
      'From',
      'To',
      'Subject',
      'MIME-Version',
      'Content-Type',
      'Content-Transfer-Encoding',
    ]);
    expect(meta.headers[2]?.value).toBe(
      'from mx2.csdemo.qc.ca (mx2.csdemo.qc.ca [192.0.2.25])\tby mail.csdemo.qc.ca (Postfix) with ESMTPS id 4Q1X2Y3Z4; Tue, 3 Mar 2026 10:15:07 -0500 (EST)',
    );
    expect(meta.headers.find((h) => h.name === 'Subject')?.value).toBe('=?UTF-8?B?VHUgdmFzIGxlIHJlZ3JldHRlcg==?=');
    expect(meta.headersComplete).toBe(true);
  });

  it('parses the dates (Date and each Received hop) to UTC, and decodes what people read', () => {
    const meta = parseEmail(sample);
    expect(meta.date).toBe('Tue, 3 Mar 2026 10:15:00 -0500');
    expect(meta.dateUtc).toBe('2026-03-03T15:15:00.000Z');
    expect(meta.received.map((r) => r.date)).toEqual(['2026-03-03T15:15:07.000Z', '2026-03-03T15:15:05.000Z']);
    expect(meta.subject).toBe('Tu vas le regretter');
    expect(meta.from).toBe('Un anonyme méchant <harceleur@example.net>');
    expect(meta.messageId).toBe('<20260303151505.12345@smtp.example.net>');
    expect(meta.dkimSignatures).toEqual([{ domain: 'example.net', selector: 'sel1' }]);
    expect(meta.authenticationResults[0]).toContain('dkim=pass');
  });

  it('recognises a message by its headers, not by its name', () => {
    expect(looksLikeEmail(sample)).toBe(true);
    expect(looksLikeEmail('From: a@b.c\nTo: d@e.f\nSubject: x\n\nbody')).toBe(true);
    expect(looksLikeEmail('Note: this is plain text\nwith lines\n')).toBe(false);
    expect(looksLikeEmail('Hello world')).toBe(false);
    expect(looksLikeEmail('Subject: hi\nX-Custom: y\n\nbody')).toBe(false);
  });

  it('reads dates with comments and obsolete zones, and refuses nonsense', () => {
    expect(parseMailDate('Mon, 2 Mar 2026 09:00:00 EST')).toBe('2026-03-02T14:00:00.000Z');
    expect(parseMailDate('not a date')).toBeNull();
    expect(decodeEncodedWords('=?ISO-8859-1?Q?Andr=E9?= =?ISO-8859-1?Q?_Pirard?=')).toBe('André Pirard');
  });

  it('says when the header block was cut short', () => {
    expect(parseEmail('From: a@b.c\nReceived: x; Mon, 2 Mar 2026 09:00:00 -0500\nX-Long: aaa', { truncated: true }).headersComplete).toBe(
      false,
    );
  });
});
