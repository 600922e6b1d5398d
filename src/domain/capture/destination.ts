// The SSRF rule of DESIGN.md §7 as pure decisions: which URLs a capture may start from, which
// hosts CAPTURE_ALLOW_HOSTS lets through, and whether a host's resolved addresses may be
// contacted. The egress proxy (src/adapters/capture/egress-proxy.ts) applies the same decision
// to every request Chromium makes; the API applies it to the first URL before queuing.
import { type BlockedRange, type Cidr, cidrContains, classifyIp, isIpLiteral, parseCidr } from './ip-ranges.js';

export interface AllowList {
  hosts: ReadonlySet<string>;
  cidrs: readonly Cidr[];
  /** The entries as configured, for logs and the http artefact. */
  entries: readonly string[];
}

export const emptyAllowList: AllowList = { hosts: new Set(), cidrs: [], entries: [] };

export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h.replace(/\.$/, '');
}

/** CAPTURE_ALLOW_HOSTS: comma-separated host names, addresses or CIDRs. Throws on a bad CIDR. */
export function parseAllowList(value: string | undefined): AllowList {
  const entries = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const hosts = new Set<string>();
  const cidrs: Cidr[] = [];
  for (const entry of entries) {
    if (entry.includes('/') || isIpLiteral(normaliseHost(entry))) {
      const range = parseCidr(normaliseHost(entry));
      if (!range) throw new Error(`CAPTURE_ALLOW_HOSTS: "${entry}" is not an address or CIDR`);
      cidrs.push(range);
    } else {
      if (!/^[a-z0-9.-]+$/i.test(entry)) throw new Error(`CAPTURE_ALLOW_HOSTS: "${entry}" is not a host name`);
      hosts.add(normaliseHost(entry));
    }
  }
  return { hosts, cidrs, entries };
}

export function addressAllowed(allow: AllowList, address: string): boolean {
  return allow.cidrs.some((c) => cidrContains(c, address));
}

export type UrlCheck =
  | { ok: true; url: URL; host: string }
  | { ok: false; reason: 'invalid_url' | 'scheme' | 'credentials'; detail: string };

/** Only http and https (no file:, javascript:, data:, ftp:, chrome:, ws:…); no user:password@. */
export function checkCaptureUrl(raw: string): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'invalid_url', detail: 'unparsable' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'scheme', detail: url.protocol.replace(/:$/, '') };
  if (!url.hostname) return { ok: false, reason: 'invalid_url', detail: 'no host' };
  if (url.username || url.password) return { ok: false, reason: 'credentials', detail: 'credentials in URL' };
  return { ok: true, url, host: normaliseHost(url.hostname) };
}

export interface RefusedAddress {
  address: string;
  range: BlockedRange | 'invalid';
  via?: string;
}

export type DestinationDecision =
  | {
      allowed: true /** The checked addresses, in the order to try them; the connection uses one of these and nothing else. */;
      addresses: string[];
      byAllowList: boolean;
    }
  | { allowed: false; reason: 'blocked_address' | 'no_address'; refused: RefusedAddress[] };

/**
 * A host may be contacted only if EVERY address it resolves to is public (an attacker's DNS may
 * answer one public and one private address), unless the host, or each non-public address, is
 * in CAPTURE_ALLOW_HOSTS.
 */
export function decideDestination(host: string, addresses: readonly string[], allow: AllowList): DestinationDecision {
  const unique = [...new Set(addresses)];
  if (unique.length === 0) return { allowed: false, reason: 'no_address', refused: [] };
  if (allow.hosts.has(normaliseHost(host))) return { allowed: true, addresses: unique, byAllowList: true };
  const refused: RefusedAddress[] = [];
  let byAllowList = false;
  for (const address of unique) {
    const c = classifyIp(address);
    if (c.public) continue;
    if (addressAllowed(allow, address)) {
      byAllowList = true;
      continue;
    }
    refused.push({ address, range: c.range, ...('via' in c && c.via ? { via: c.via } : {}) });
  }
  if (refused.length > 0) return { allowed: false, reason: 'blocked_address', refused };
  // IPv4 first: IPv6 routes are often missing on servers; both were checked.
  const ordered = [...unique.filter((a) => !a.includes(':')), ...unique.filter((a) => a.includes(':'))];
  return { allowed: true, addresses: ordered, byAllowList };
}
