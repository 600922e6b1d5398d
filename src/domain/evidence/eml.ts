// E-mail headers (RFC 5322) as evidence: police read the Received chain, the Message-ID and the
// authentication results (DKIM, ARC, SPF) to trace a sender, so EVERY header is kept, in order,
// with its raw value (unfolded, not decoded); a few are also decoded or parsed for people.

export interface EmailHeader {
  name: string;
  value: string;
}

export interface EmailReceived {
  /** The Received header's value, as sent. */
  value: string;
  /** Its date-time (after the last ';'), in UTC, or null when unreadable. */
  date: string | null;
}

export interface EmailMeta {
  /** Every header field in the order of the message. */
  headers: EmailHeader[];
  /** false when the header block was longer than what was read (then `headers` is a prefix). */
  headersComplete: boolean;
  /** The Date header: as written, and in UTC. */
  date: string | null;
  dateUtc: string | null;
  from: string | null;
  to: string | null;
  cc: string | null;
  replyTo: string | null;
  subject: string | null;
  messageId: string | null;
  /** Received headers, newest (top) first as in the message: the path the message took. */
  received: EmailReceived[];
  authenticationResults: string[];
  dkimSignatures: Array<{ domain: string | null; selector: string | null }>;
}

const FIELD = /^([!-9;-~]+)[ \t]*:(.*)$/;
const KNOWN = new Set([
  'from',
  'to',
  'cc',
  'date',
  'subject',
  'message-id',
  'received',
  'return-path',
  'mime-version',
  'dkim-signature',
  'reply-to',
  'sender',
  'delivered-to',
  'authentication-results',
  'content-type',
  'x-mailer',
  'user-agent',
  'arc-seal',
]);

/** The header block: the lines before the first empty line (LF or CRLF), and whether it ended. */
export function headerBlock(text: string): { block: string; complete: boolean } {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { block: text, complete: false };
  return { block: text.slice(0, match.index), complete: true };
}

function lines(block: string): string[] {
  const out = block.split(/\r?\n/);
  // An mbox export starts with a "From sender date" line that is not a header field.
  if (out[0]?.startsWith('From ')) out.shift();
  return out;
}

/** Whether text begins like an e-mail message: header fields, several of them well known. */
export function looksLikeEmail(text: string): boolean {
  const { block, complete } = headerBlock(text.slice(0, 65_536));
  const ls = lines(block);
  if (ls.length < 2 || !FIELD.test(ls[0] ?? '')) return false;
  let known = 0;
  let fields = 0;
  for (const line of ls) {
    if (line === '') break;
    if (/^[ \t]/.test(line)) continue;
    const m = FIELD.exec(line);
    if (!m) return false;
    fields += 1;
    if (KNOWN.has((m[1] ?? '').toLowerCase())) known += 1;
  }
  const names = new Set(ls.map((l) => FIELD.exec(l)?.[1]?.toLowerCase()).filter(Boolean));
  const core = names.has('from') || names.has('received') || names.has('message-id');
  return core && known >= 2 && fields >= 2 && (complete || fields >= 5);
}

export function parseHeaderFields(block: string): EmailHeader[] {
  const headers: EmailHeader[] = [];
  for (const line of lines(block)) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      // Unfolding (RFC 5322 §2.2.3): the line break goes, the whitespace stays.
      const last = headers[headers.length - 1]!;
      last.value += line;
      continue;
    }
    const m = FIELD.exec(line);
    if (m) headers.push({ name: m[1] ?? '', value: (m[2] ?? '').replace(/^[ \t]/, '') });
  }
  return headers;
}

/** RFC 5322 date-time → ISO UTC, or null. Comments like "(EST)" are dropped first. */
export function parseMailDate(value: string): string | null {
  const cleaned = value
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!cleaned) return null;
  const ms = Date.parse(cleaned);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function decodeBytes(charset: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/** Decodes RFC 2047 encoded words (=?charset?B|Q?…?=) for display. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g, (whole, charset: string, encoding: string, text: string) => {
      try {
        if (encoding.toUpperCase() === 'B') return decodeBytes(charset, Buffer.from(text, 'base64'));
        const bytes: number[] = [];
        for (let i = 0; i < text.length; i += 1) {
          const c = text[i]!;
          if (c === '_') bytes.push(0x20);
          else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
            bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
            i += 2;
          } else bytes.push(c.charCodeAt(0) & 0xff);
        }
        return decodeBytes(charset, Uint8Array.from(bytes));
      } catch {
        return whole;
      }
    });
}

function tagValue(value: string, tag: string): string | null {
  const m = new RegExp(`(?:^|;)\\s*${tag}\\s*=\\s*([^;\\s]+)`, 'i').exec(value);
  return m?.[1] ?? null;
}

/** Parses the header block at the start of `text` (the first bytes of an .eml file). */
export function parseEmail(text: string, options: { truncated?: boolean } = {}): EmailMeta {
  const { block, complete } = headerBlock(text);
  const headers = parseHeaderFields(block);
  const first = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value ?? null;
  const all = (name: string) => headers.filter((h) => h.name.toLowerCase() === name).map((h) => h.value);
  const decoded = (name: string) => {
    const v = first(name);
    return v === null ? null : decodeEncodedWords(v).trim();
  };
  const date = first('date');
  return {
    headers,
    headersComplete: complete && !options.truncated,
    date: date?.trim() ?? null,
    dateUtc: date ? parseMailDate(date) : null,
    from: decoded('from'),
    to: decoded('to'),
    cc: decoded('cc'),
    replyTo: decoded('reply-to'),
    subject: decoded('subject'),
    messageId: first('message-id')?.trim() ?? null,
    received: all('received').map((value) => {
      const at = value.lastIndexOf(';');
      return { value, date: at >= 0 ? parseMailDate(value.slice(at + 1)) : null };
    }),
    authenticationResults: [...all('authentication-results'), ...all('arc-authentication-results')],
    dkimSignatures: all('dkim-signature').map((v) => ({ domain: tagValue(v, 'd'), selector: tagValue(v, 's') })),
  };
}

/** The e-mail metadata of an artefact (an uploaded .eml), from its stored `meta`, if any. */
export function emailMetaOf(meta: unknown): Partial<EmailMeta> | undefined {
  const email = (meta as { email?: unknown } | null | undefined)?.email;
  return email && typeof email === 'object' ? (email as Partial<EmailMeta>) : undefined;
}
