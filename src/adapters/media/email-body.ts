// The readable part of an e-mail kept as evidence: its text (the plain part, or the HTML part as
// text) and the list of its attachments, for people to read in the case and in the PDF dossier.
// The .eml file itself stays the evidence (every header and byte); this is a reading aid,
// computed when asked and never stored. mailparser decodes MIME, transfer encodings and
// charsets; the caller bounds the input (EMAIL_BODY_MAX_BYTES).
import type { Readable } from 'node:stream';
import { simpleParser } from 'mailparser';

export const EMAIL_BODY_MAX_BYTES = 10 * 1024 * 1024;

export interface EmailBody {
  text: string;
  /** The text was longer than asked for and is cut. */
  truncated: boolean;
  attachments: Array<{ filename: string | null; contentType: string; size: number }>;
}

export async function readEmailBody(source: Readable, options: { maxChars: number }): Promise<EmailBody> {
  const parsed = await simpleParser(source, {
    skipImageLinks: true,
    skipTextLinks: true,
    skipTextToHtml: true,
    keepCidLinks: false,
  });
  const full = (parsed.text ?? '').replace(/\r\n/g, '\n').trim();
  return {
    text: full.slice(0, options.maxChars),
    truncated: full.length > options.maxChars,
    attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? null, contentType: a.contentType, size: a.size })),
  };
}
