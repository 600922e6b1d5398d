// Which IP addresses a server capture may reach (DESIGN.md §7, SSRF rule). A hostile page, or a
// hostile link, must not make Rempart's browser read the board's intranet, the cloud metadata
// service (169.254.169.254) or the server itself. Only globally routable unicast addresses are
// public; every special-purpose range of the IANA registries is refused, including IPv6 forms
// that embed an IPv4 address (mapped, NAT64, 6to4), classified by the address they embed.
// Pure: parsing and table look-ups only.

export type BlockedRange =
  | 'unspecified'
  | 'this_network'
  | 'loopback'
  | 'private'
  | 'carrier_grade_nat'
  | 'link_local'
  | 'protocol_assignments'
  | 'documentation'
  | 'benchmarking'
  | 'relay_anycast'
  | 'multicast'
  | 'reserved'
  | 'broadcast'
  | 'unique_local'
  | 'site_local'
  | 'ipv4_compatible'
  | 'nat64_local'
  | 'discard'
  | 'teredo'
  | 'not_global_unicast';

export type AddressClass =
  | { public: true; family: 4 | 6 }
  | {
      public: false;
      family: 4 | 6;
      range: BlockedRange /** How the IPv4 address was embedded in an IPv6 one. */;
      via?: 'ipv4_mapped' | 'nat64' | '6to4';
    }
  | { public: false; family: 0; range: 'invalid' };

export interface ParsedIp {
  family: 4 | 6;
  /** 32 bits for IPv4, 128 bits for IPv6. */
  value: bigint;
}

/** Strict dotted-quad IPv4 (no octal, hex or short forms: the URL parser already normalised those). */
export function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

export function parseIPv6(input: string): bigint | undefined {
  let text = input;
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  // A zone id (fe80::1%eth0) only exists on link-local addresses; keep the address part.
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (text.length === 0 || text.length > 45) return undefined;
  const groups: number[] = [];
  let tail = text;
  let embedded: bigint | undefined;
  const lastColon = tail.lastIndexOf(':');
  if (lastColon >= 0 && tail.includes('.', lastColon)) {
    embedded = parseIPv4(tail.slice(lastColon + 1));
    if (embedded === undefined) return undefined;
    tail = `${tail.slice(0, lastColon + 1)}0:0`;
  }
  const halves = tail.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0] ?? '');
  if (!head) return undefined;
  if (halves.length === 2) {
    const rest = parse(halves[1] ?? '');
    if (!rest) return undefined;
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return undefined;
    groups.push(...head, ...new Array<number>(missing).fill(0), ...rest);
  } else {
    groups.push(...head);
  }
  if (groups.length !== 8) return undefined;
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  if (embedded !== undefined) value = (value & ~0xffffffffn) | embedded;
  return value;
}

export function parseIp(text: string): ParsedIp | undefined {
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = text.includes(':') ? parseIPv6(text) : undefined;
  if (v6 !== undefined) return { family: 6, value: v6 };
  return undefined;
}

export function isIpLiteral(text: string): boolean {
  return parseIp(text) !== undefined;
}

export function formatIPv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
}

interface Cidr {
  family: 4 | 6;
  base: bigint;
  bits: number;
}

function cidr(family: 4 | 6, text: string, bits: number): Cidr {
  const parsed = family === 4 ? parseIPv4(text) : parseIPv6(text);
  if (parsed === undefined) throw new Error(`bad range ${text}`);
  return { family, base: parsed, bits };
}

function contains(range: Cidr, ip: ParsedIp): boolean {
  if (range.family !== ip.family) return false;
  const width = range.family === 4 ? 32 : 128;
  const shift = BigInt(width - range.bits);
  return ip.value >> shift === range.base >> shift;
}

// IANA IPv4 Special-Purpose Address Registry (RFC 6890 and updates). Order: most specific first
// where ranges overlap (255.255.255.255 inside 240/4).
const ipv4Blocked: Array<[Cidr, BlockedRange]> = [
  [cidr(4, '255.255.255.255', 32), 'broadcast'],
  [cidr(4, '0.0.0.0', 8), 'this_network'],
  [cidr(4, '10.0.0.0', 8), 'private'],
  [cidr(4, '100.64.0.0', 10), 'carrier_grade_nat'],
  [cidr(4, '127.0.0.0', 8), 'loopback'],
  [cidr(4, '169.254.0.0', 16), 'link_local'],
  [cidr(4, '172.16.0.0', 12), 'private'],
  [cidr(4, '192.0.0.0', 24), 'protocol_assignments'],
  [cidr(4, '192.0.2.0', 24), 'documentation'],
  [cidr(4, '192.31.196.0', 24), 'protocol_assignments'],
  [cidr(4, '192.52.193.0', 24), 'protocol_assignments'],
  [cidr(4, '192.88.99.0', 24), 'relay_anycast'],
  [cidr(4, '192.168.0.0', 16), 'private'],
  [cidr(4, '192.175.48.0', 24), 'protocol_assignments'],
  [cidr(4, '198.18.0.0', 15), 'benchmarking'],
  [cidr(4, '198.51.100.0', 24), 'documentation'],
  [cidr(4, '203.0.113.0', 24), 'documentation'],
  [cidr(4, '224.0.0.0', 4), 'multicast'],
  [cidr(4, '240.0.0.0', 4), 'reserved'],
];

const mapped = cidr(6, '::ffff:0:0', 96);
const nat64 = cidr(6, '64:ff9b::', 96);
const sixToFour = cidr(6, '2002::', 16);
const globalUnicast = cidr(6, '2000::', 3);

// IANA IPv6 Special-Purpose Address Registry; anything outside 2000::/3 is not global unicast.
const ipv6Blocked: Array<[Cidr, BlockedRange]> = [
  [cidr(6, '::', 128), 'unspecified'],
  [cidr(6, '::1', 128), 'loopback'],
  [cidr(6, '::', 96), 'ipv4_compatible'],
  [cidr(6, '64:ff9b:1::', 48), 'nat64_local'],
  [cidr(6, '100::', 64), 'discard'],
  [cidr(6, 'fc00::', 7), 'unique_local'],
  [cidr(6, 'fe80::', 10), 'link_local'],
  [cidr(6, 'fec0::', 10), 'site_local'],
  [cidr(6, 'ff00::', 8), 'multicast'],
  [cidr(6, '2001::', 32), 'teredo'],
  [cidr(6, '2001::', 23), 'protocol_assignments'],
  [cidr(6, '2001:db8::', 32), 'documentation'],
  [cidr(6, '3fff::', 20), 'documentation'],
];

function classifyV4(value: bigint): { public: true } | { public: false; range: BlockedRange } {
  const ip: ParsedIp = { family: 4, value };
  for (const [range, name] of ipv4Blocked) if (contains(range, ip)) return { public: false, range: name };
  return { public: true };
}

/** Public (globally routable unicast) or the special-purpose range that refuses it. */
export function classifyIp(text: string): AddressClass {
  const ip = parseIp(text);
  if (!ip) return { public: false, family: 0, range: 'invalid' };
  if (ip.family === 4) {
    const c = classifyV4(ip.value);
    return c.public ? { public: true, family: 4 } : { public: false, family: 4, range: c.range };
  }
  const embeddedV4 = (via: 'ipv4_mapped' | 'nat64' | '6to4', v4: bigint): AddressClass => {
    const inner = classifyV4(v4);
    return inner.public ? { public: true, family: 6 } : { public: false, family: 6, range: inner.range, via };
  };
  if (contains(mapped, ip)) return embeddedV4('ipv4_mapped', ip.value & 0xffffffffn);
  if (contains(nat64, ip)) return embeddedV4('nat64', ip.value & 0xffffffffn);
  if (contains(sixToFour, ip)) return embeddedV4('6to4', (ip.value >> 80n) & 0xffffffffn);
  for (const [range, name] of ipv6Blocked) if (contains(range, ip)) return { public: false, family: 6, range: name };
  if (!contains(globalUnicast, ip)) return { public: false, family: 6, range: 'not_global_unicast' };
  return { public: true, family: 6 };
}

/** A CIDR or a single address ("10.0.0.0/8", "127.0.0.1", "fd00::/8"). */
export function parseCidr(text: string): Cidr | undefined {
  const [addr = '', bitsText, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const width = ip.family === 4 ? 32 : 128;
  const bits = bitsText === undefined ? width : /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : Number.NaN;
  if (!Number.isInteger(bits) || bits < 0 || bits > width) return undefined;
  return { family: ip.family, base: ip.value, bits };
}

export function cidrContains(range: Cidr, address: string): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  if (contains(range, ip)) return true;
  // An IPv4 range also covers the IPv4-mapped IPv6 form of its addresses.
  if (range.family === 4 && ip.family === 6 && contains(mapped, ip)) return contains(range, { family: 4, value: ip.value & 0xffffffffn });
  return false;
}

export type { Cidr };
