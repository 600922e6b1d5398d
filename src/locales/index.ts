// Server-side messages (errors, mail, CLI) in fr-CA (the source) and en. Catalogues are JSON
// files per feature under src/locales/<locale>/, with stable ids as keys and ICU messages.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';

export const locales = ['fr-CA', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'fr-CA';

const root = fileURLToPath(new URL('.', import.meta.url));

function loadCatalogue(locale: Locale): Map<string, string> {
  const dir = join(root, locale);
  const entries = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, string>;
    for (const [key, value] of Object.entries(data)) entries.set(key, value);
  }
  return entries;
}

const catalogues: Record<Locale, Map<string, string>> = { 'fr-CA': loadCatalogue('fr-CA'), en: loadCatalogue('en') };
const formats = new Map<string, IntlMessageFormat>();

export function hasMessage(locale: Locale, key: string): boolean {
  return catalogues[locale].has(key);
}

export function catalogueKeys(locale: Locale): string[] {
  return [...catalogues[locale].keys()];
}

/** The message `key` in `locale`, falling back to fr-CA, then to the key itself. */
export function t(locale: Locale, key: string, params?: Record<string, string | number | Date>): string {
  const chosen = catalogues[locale].has(key) ? locale : defaultLocale;
  const source = catalogues[chosen].get(key);
  if (source === undefined) return key;
  const id = `${chosen}\u0000${key}`;
  let format = formats.get(id);
  if (!format) {
    format = new IntlMessageFormat(source, chosen);
    formats.set(id, format);
  }
  return String(format.format(params));
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * Picks fr-CA or en from an Accept-Language header, honouring q-values; French unless English
 * is preferred (the board's language is French).
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return defaultLocale;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((x) => x.tag && x.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'fr' || tag.startsWith('fr-')) return 'fr-CA';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return defaultLocale;
}
