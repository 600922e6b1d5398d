// The key under which a search result is de-duplicated (one row per normalised URL per case):
// the same page found by two providers, on two runs, or pasted by hand with a tracking tag must
// land once in the triage inbox. Pure.

/** Query parameters that only track the click (campaign tags, click ids, share ids). */
const TRACKING_PARAMS = new Set(['fbclid', 'gclid', 'dclid', 'msclkid', 'yclid', 'igshid', 'si', 'mc_cid', 'mc_eid', '_hsenc', '_hsmi']);

function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || TRACKING_PARAMS.has(n);
}

/**
 * http(s) only; lower-case host without `www.` (nor the mobile `m.` / `mobile.`: the same
 * post is m.facebook.com for one engine and www.facebook.com for another); default port, fragment, tracking parameters and
 * trailing slash dropped; remaining parameters sorted; http and https are the same page.
 * Undefined when the text is not an http(s) URL.
 */
export function normaliseResultUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname) return undefined;
  const host = url.hostname
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^(www|m|mobile)\./, '');
  const port =
    url.port && !(url.protocol === 'http:' && url.port === '80') && !(url.protocol === 'https:' && url.port === '443')
      ? `:${url.port}`
      : '';
  const params = [...url.searchParams.entries()].filter(([k]) => !isTrackingParam(k));
  params.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  const path = url.pathname.replace(/\/+$/, '');
  return `https://${host}${port}${path}${query}`;
}

/** The URL as shown and stored for a result: the original, without fragment and tracking tags. */
export function cleanResultUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  for (const k of [...url.searchParams.keys()]) if (isTrackingParam(k)) url.searchParams.delete(k);
  url.hash = '';
  return url.href;
}
