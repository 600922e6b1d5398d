// Which provider a location belongs to, from its URL: the host or one of its parent domains, up
// to the registrable domain of the Public Suffix List (tldts: bbc.co.uk, not co.uk), as listed in
// the directory (m.facebook.com, fb.watch → facebook), then a few brands known under many
// country domains (pinterest.fr). A listed host never claims its siblings: a provider added for
// `forum.example.qc.ca` does not take `blog.example.qc.ca`. Anything else is a plain web host,
// whose abuse contact is found through RDAP.
import { parse } from 'tldts';
import { WEB_HOST } from './directory.js';

export interface ProviderIndexEntry {
  id: string;
  domains: readonly string[];
}

export interface ProviderIndex {
  /** Host or domain → provider id, from the directory's domains. */
  hosts: ReadonlyMap<string, string>;
  ids: ReadonlySet<string>;
}

// Hosts the platforms serve content or short links from that the directory does not list.
const extraDomains: Record<string, readonly string[]> = {
  facebook: ['fbcdn.net', 'facebook.net', 'fbsbx.com'],
  instagram: ['cdninstagram.com'],
  whatsapp: ['whatsapp.net'],
  tiktok: ['tiktokcdn.com', 'tiktokv.com'],
  x: ['twimg.com'],
  youtube: ['youtube-nocookie.com', 'ytimg.com'],
  reddit: ['redditmedia.com', 'reddituploads.com', 'redditstatic.com'],
  discord: ['discordapp.net'],
  linkedin: ['licdn.com'],
  pinterest: ['pinimg.com'],
  telegram: ['telegram.dog', 'telesco.pe'],
};

// Brands whose sites live under many country domains (pinterest.co.uk, google.fr).
const brandLabels: Record<string, string> = { pinterest: 'pinterest', google: 'google_search' };

// Google hosts user content outside Search: a removal there is the host's matter, not de-indexing.
const notSearch = new Set(['sites.google.com', 'docs.google.com', 'drive.google.com', 'groups.google.com', 'photos.google.com']);

function normaliseHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

export function buildProviderIndex(entries: readonly ProviderIndexEntry[]): ProviderIndex {
  const hosts = new Map<string, string>();
  const ids = new Set<string>();
  const add = (id: string, domain: string) => {
    const host = normaliseHost(domain);
    if (host && !hosts.has(host)) hosts.set(host, id);
  };
  for (const e of entries) {
    if (e.id === WEB_HOST) continue;
    ids.add(e.id);
    for (const d of e.domains) add(e.id, d);
  }
  for (const e of entries) {
    for (const d of extraDomains[e.id] ?? []) add(e.id, d);
  }
  return { hosts, ids };
}

export interface Recognition {
  providerId: string;
  host: string;
  /** The registrable domain (Public Suffix List, ICANN section), null for an IP address. */
  registrableDomain: string | null;
  matchedBy: 'host' | 'parent_domain' | 'brand' | 'none';
}

/** Recognises the provider of an http(s) URL; an unreadable URL is a plain web host. */
export function recogniseProvider(url: string, index: ProviderIndex): Recognition {
  let host: string;
  try {
    host = normaliseHost(new URL(url).hostname);
  } catch {
    return { providerId: WEB_HOST, host: '', registrableDomain: null, matchedBy: 'none' };
  }
  const parsed = parse(host);
  const registrableDomain = parsed.isIp ? null : parsed.domain;
  const none: Recognition = { providerId: WEB_HOST, host, registrableDomain, matchedBy: 'none' };
  if (parsed.isIp || !registrableDomain) return none;
  if (notSearch.has(host)) return none;

  const exact = index.hosts.get(host);
  if (exact) return { providerId: exact, host, registrableDomain, matchedBy: 'host' };
  // Parent domains, up to the registrable domain (web.facebook.com → facebook.com).
  const labels = host.split('.');
  for (let i = 1; i < labels.length; i += 1) {
    const parent = labels.slice(i).join('.');
    const id = index.hosts.get(parent);
    if (id) return { providerId: id, host, registrableDomain, matchedBy: 'parent_domain' };
    if (parent === registrableDomain) break;
  }
  const label = parsed.domainWithoutSuffix;
  const brand = label ? brandLabels[label] : undefined;
  if (brand && index.ids.has(brand)) return { providerId: brand, host, registrableDomain, matchedBy: 'brand' };
  return none;
}
