// Readable text of an HTML page, and the "key text" of a captured page: the sentences whose
// presence on a re-fetched page shows the content is still online. Regex-based on purpose: the
// input is untrusted and only ever read, never rendered. Pure.

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  hellip: '…',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number.parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[code.toLowerCase()] ?? m;
  });
}

/** Lower case, one space, straight quotes and apostrophes, no zero-width characters. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[’‘ʼ]/g, "'")
    .replace(/[“”«»]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const DROPPED_ELEMENTS = /<(script|style|noscript|template|svg|iframe|head)\b[\s\S]*?<\/\1\s*>/gi;
/** The site's furniture around the content: left out of the key text, never of the searched text. */
const FURNITURE_ELEMENTS = /<(nav|footer|header|aside|form|button|select)\b[\s\S]*?<\/\1\s*>/gi;
const BLOCK_BOUNDARY =
  /<\/?(p|div|li|ul|ol|h[1-6]|article|section|header|footer|nav|aside|main|blockquote|pre|td|th|tr|table|br|hr|form|figure|figcaption|dd|dt)\b[^>]*>/gi;

function metaContent(html: string, name: string): string | null {
  const re = new RegExp(`<meta\\b[^>]*(?:name|property)\\s*=\\s*["']${name}["'][^>]*>`, 'i');
  const tag = re.exec(html)?.[0];
  if (!tag) return null;
  const content = /content\s*=\s*("([^"]*)"|'([^']*)')/i.exec(tag);
  const value = content?.[2] ?? content?.[3];
  return value ? decodeEntities(value).replace(/\s+/g, ' ').trim() || null : null;
}

export interface PageText {
  title: string | null;
  description: string | null;
  /** Visible text blocks, in order (scripts, styles and the head removed). */
  blocks: string[];
}

export function pageText(html: string, options: { contentOnly?: boolean } = {}): PageText {
  const title = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const stripped = html.replace(/<!--[\s\S]*?-->/g, ' ').replace(DROPPED_ELEMENTS, ' ');
  const body = (options.contentOnly ? stripped.replace(FURNITURE_ELEMENTS, '\n') : stripped)
    .replace(BLOCK_BOUNDARY, '\n')
    .replace(/<[^>]*>/g, ' ');
  const blocks = decodeEntities(body)
    .split('\n')
    .map((b) => b.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return {
    title: title ? decodeEntities(title).replace(/\s+/g, ' ').trim() || null : null,
    description: metaContent(html, 'og:description') ?? metaContent(html, 'description') ?? metaContent(html, 'twitter:description'),
    blocks,
  };
}

/** Everything a re-check searches in: visible text, title and descriptions, normalised. */
export function searchableText(page: PageText): string {
  return normaliseText([page.title ?? '', page.description ?? '', ...page.blocks].join('\n'));
}

/** Readable characters of the visible text (a JavaScript shell has almost none). */
export function readableLength(page: PageText): number {
  return page.blocks.join(' ').length;
}

// Sentences that are the site's furniture, not the content (consent banners, log-in prompts).
const FURNITURE =
  /cookie|témoin|javascript|log ?in|sign ?(up|in)|connexion|connecte|inscri|privacy|confidentialit|terms of|conditions d'utilisation|all rights reserved|tous droits/i;

const MIN_KEY_LENGTH = 25;
const MAX_KEY_LENGTH = 160;
const MAX_KEYS = 6;

/**
 * Key text of a captured page: its longest content sentences (at most 160 characters each,
 * normalised); the page's description (og:description carries a post's text on most social
 * sites) only when the page has fewer than two such sentences, since a site-wide description
 * would survive the content's removal.
 */
export function keyTexts(html: string): string[] {
  const page = pageText(html, { contentOnly: true });
  const sentences = page.blocks
    .filter((b) => !FURNITURE.test(b))
    .flatMap((b) => b.split(/(?<=[.!?…])\s+/))
    .map((s) => s.trim())
    .filter((s) => s.length >= MIN_KEY_LENGTH && !FURNITURE.test(s))
    .sort((a, b) => b.length - a.length);
  const out: string[] = [];
  const add = (c: string) => {
    const n = normaliseText(c).slice(0, MAX_KEY_LENGTH).trim();
    if (n.length >= MIN_KEY_LENGTH && !FURNITURE.test(n) && !out.includes(n) && out.length < MAX_KEYS) out.push(n);
  };
  for (const s of sentences) add(s);
  if (out.length < 2 && page.description) add(page.description);
  return out;
}

/** How many of the key texts a page still shows. */
export function countKeyTexts(keys: readonly string[], searchable: string): number {
  return keys.filter((k) => searchable.includes(k)).length;
}
