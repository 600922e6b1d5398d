// Removal re-check classification (Takedown issue, "Removal re-checks"). A 200 alone is never
// enough: "online" needs the captured key text on the page, "removed" needs a 404/410, the
// provider's "content unavailable" wording, or a readable page from which every piece of the
// key text is gone. Anything else — log-in walls, 401/403, 429, 5xx, timeouts, refused
// destinations, JavaScript shells — is "unknown". Pure.
import { findLoginWall, findRemovalMarker, markerProviderFor } from './markers.js';
import { countKeyTexts, pageText, readableLength, searchableText } from './page-text.js';

export type CheckOutcome = 'online' | 'removed' | 'unknown';

export type CheckReason =
  | 'http_404'
  | 'http_410'
  | 'removal_marker'
  | 'key_text_present'
  | 'key_text_gone'
  | 'key_text_partial'
  | 'no_key_text'
  | 'login_wall'
  | 'no_readable_text'
  | 'not_html'
  | 'http_forbidden'
  | 'http_rate_limited'
  | 'http_server_error'
  | 'http_status'
  | 'destination_blocked'
  | 'timeout'
  | 'network_error'
  | 'too_many_redirects'
  | 'invalid_url';

export type FetchResult =
  | { kind: 'response'; status: number; finalUrl: string; contentType: string | null; text: string }
  | {
      kind: 'failed';
      reason: 'destination_blocked' | 'timeout' | 'network_error' | 'too_many_redirects' | 'invalid_url';
      finalUrl: string | null;
    };

export interface ClassifyInput {
  fetch: FetchResult;
  /** Key text of the location's latest sealed capture; null when there is none to compare with. */
  keyTexts: readonly string[] | null;
  providerId: string | null;
  /** The location's URL (its host picks the provider's markers when no provider is recognised). */
  url: string;
}

export interface Classification {
  outcome: CheckOutcome;
  reason: CheckReason;
  matchedMarker: string | null;
  keyText: 'found' | 'missing' | 'unavailable';
}

/** Below this many readable characters a page is a script shell: its silence proves nothing. */
export const MIN_READABLE_CHARS = 200;

function hostOf(url: string | null): string[] {
  if (!url) return [];
  try {
    return [new URL(url).hostname];
  } catch {
    return [];
  }
}

export function classifyCheck(input: ClassifyInput): Classification {
  const f = input.fetch;
  const none = { matchedMarker: null, keyText: 'unavailable' as const };
  if (f.kind === 'failed') return { outcome: 'unknown', reason: f.reason, ...none };
  if (f.status === 404) return { outcome: 'removed', reason: 'http_404', ...none };
  if (f.status === 410) return { outcome: 'removed', reason: 'http_410', ...none };

  const isHtml = !f.contentType || /html|xml|text\/plain/i.test(f.contentType);
  const page = pageText(isHtml ? f.text : '');
  const searchable = searchableText(page);
  const keys = input.keyTexts && input.keyTexts.length > 0 ? input.keyTexts : null;
  const found = keys ? countKeyTexts(keys, searchable) : 0;
  const keyText = keys === null ? 'unavailable' : found > 0 ? 'found' : 'missing';
  const ok = f.status >= 200 && f.status < 300;

  // The content itself is still shown (half the key text or more).
  if (ok && keys && found * 2 >= keys.length) return { outcome: 'online', reason: 'key_text_present', matchedMarker: null, keyText };

  const provider = markerProviderFor(input.providerId, [...hostOf(input.url), ...hostOf(f.finalUrl)]);
  const marker = findRemovalMarker(searchable, provider);
  if (marker && (ok || f.status < 500)) return { outcome: 'removed', reason: 'removal_marker', matchedMarker: marker, keyText };

  if (f.status === 401 || f.status === 403) return { outcome: 'unknown', reason: 'http_forbidden', matchedMarker: null, keyText };
  if (f.status === 429) return { outcome: 'unknown', reason: 'http_rate_limited', matchedMarker: null, keyText };
  if (f.status >= 500) return { outcome: 'unknown', reason: 'http_server_error', matchedMarker: null, keyText };
  if (!ok) return { outcome: 'unknown', reason: 'http_status', matchedMarker: null, keyText };

  if (findLoginWall(searchable, f.finalUrl)) return { outcome: 'unknown', reason: 'login_wall', matchedMarker: null, keyText };
  if (!isHtml) return { outcome: 'unknown', reason: 'not_html', matchedMarker: null, keyText };
  if (!keys) return { outcome: 'unknown', reason: 'no_key_text', matchedMarker: null, keyText };
  if (found > 0) return { outcome: 'unknown', reason: 'key_text_partial', matchedMarker: null, keyText };
  if (readableLength(page) < MIN_READABLE_CHARS) return { outcome: 'unknown', reason: 'no_readable_text', matchedMarker: null, keyText };
  return { outcome: 'removed', reason: 'key_text_gone', matchedMarker: null, keyText };
}
