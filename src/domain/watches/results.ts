// What a run brings back, merged: hits from every query and provider grouped by normalised URL
// (providers united, the first non-empty title and snippet kept). Pure.
import { cleanResultUrl, normaliseResultUrl } from './normalise-url.js';

export interface ProviderHit {
  provider: string;
  url: string;
  title: string | null;
  snippet: string | null;
}

export interface MergedHit {
  normalizedUrl: string;
  url: string;
  host: string;
  title: string | null;
  snippet: string | null;
  providers: string[];
}

const MAX_TITLE = 500;
const MAX_SNIPPET = 2000;

function clip(text: string | null, max: number): string | null {
  if (text === null) return null;
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) return null;
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function mergeHits(hits: readonly ProviderHit[]): MergedHit[] {
  const byKey = new Map<string, MergedHit>();
  for (const hit of hits) {
    const key = normaliseResultUrl(hit.url);
    const url = cleanResultUrl(hit.url);
    if (!key || !url) continue;
    const existing = byKey.get(key);
    if (existing) {
      if (!existing.providers.includes(hit.provider)) existing.providers.push(hit.provider);
      existing.title ??= clip(hit.title, MAX_TITLE);
      existing.snippet ??= clip(hit.snippet, MAX_SNIPPET);
      continue;
    }
    byKey.set(key, {
      normalizedUrl: key,
      url,
      host: new URL(url).hostname.toLowerCase(),
      title: clip(hit.title, MAX_TITLE),
      snippet: clip(hit.snippet, MAX_SNIPPET),
      providers: [hit.provider],
    });
  }
  for (const m of byKey.values()) m.providers.sort();
  return [...byKey.values()];
}

/** Providers of a stored result after a run: the old ones and the new ones, once each, sorted. */
export function unionProviders(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

/**
 * URLs pasted for a manual import: one per line (or an array), blank lines and duplicates
 * ignored; anything that is not an http(s) URL is reported back, not stored.
 */
export function parseImportedUrls(lines: readonly string[]): { accepted: string[]; rejected: string[] } {
  const accepted: string[] = [];
  const rejected: string[] = [];
  for (const raw of lines.flatMap((l) => l.split(/\r?\n/))) {
    const line = raw.trim();
    if (!line) continue;
    if (normaliseResultUrl(line) && line.length <= 2048) accepted.push(line);
    else rejected.push(line.slice(0, 200));
  }
  return { accepted, rejected };
}
