// RDAP (RFC 9082 queries, RFC 9083 answers) for the abuse contact of a web host: the
// registrar of its domain and the network that hosts its address. Queries go to a bootstrap
// service (RDAP_BASE_URL, default https://rdap.org, which redirects to the authoritative
// server); entities with the `abuse` role carry the contact in a jCard (RFC 7095) `vcardArray`.
// A failed lookup is an answer with a status, never an exception: it only guides a person.
import type { AbuseContact, RdapAnswer, RdapClient } from '../../app/takedowns/ports.js';

const MAX_BYTES = 1_048_576;
const MAX_FOLLOWED_LINKS = 1;

interface RdapEntity {
  roles?: unknown;
  handle?: unknown;
  vcardArray?: unknown;
  entities?: unknown;
}

interface RdapObject extends RdapEntity {
  objectClassName?: unknown;
  ldhName?: unknown;
  name?: unknown;
  startAddress?: unknown;
  endAddress?: unknown;
  links?: unknown;
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** fn, org, e-mail and telephone of a jCard: ["vcard", [[name, params, type, value], …]]. */
export function readVcard(vcardArray: unknown): { name: string | null; org: string | null; emails: string[]; phones: string[] } {
  const out = { name: null as string | null, org: null as string | null, emails: [] as string[], phones: [] as string[] };
  const arr = asArray(vcardArray);
  if (arr[0] !== 'vcard') return out;
  for (const prop of asArray(arr[1])) {
    const p = asArray(prop);
    const name = typeof p[0] === 'string' ? p[0].toLowerCase() : '';
    const value = p[3];
    const text =
      typeof value === 'string'
        ? value.trim()
        : Array.isArray(value)
          ? value
              .filter((x) => typeof x === 'string')
              .join(' ')
              .trim()
          : '';
    if (!text) continue;
    if (name === 'fn' && !out.name) out.name = text;
    else if (name === 'org' && !out.org) out.org = text;
    else if (name === 'email') out.emails.push(text.replace(/^mailto:/i, ''));
    else if (name === 'tel') out.phones.push(text.replace(/^tel:/i, ''));
  }
  return out;
}

function rolesOf(e: RdapEntity): string[] {
  return asArray(e.roles)
    .filter((r): r is string => typeof r === 'string')
    .map((r) => r.toLowerCase());
}

function walk(entities: unknown, visit: (e: RdapEntity, parentRoles: string[]) => void, parentRoles: string[] = [], depth = 0): void {
  if (depth > 5) return;
  for (const raw of asArray(entities)) {
    if (!raw || typeof raw !== 'object') continue;
    const e = raw as RdapEntity;
    visit(e, parentRoles);
    walk(e.entities, visit, rolesOf(e), depth + 1);
  }
}

/** The abuse contacts and the registrar (domain) or registrant (network) of an RDAP object. */
export function parseRdapObject(json: unknown): { holder: string | null; objectName: string | null; abuse: AbuseContact[] } {
  const obj = (json && typeof json === 'object' ? json : {}) as RdapObject;
  const abuse: AbuseContact[] = [];
  let holder: string | null = null;
  // An abuse entity directly on the object is the network's (IP) or the domain's own desk.
  const own = obj.objectClassName === 'ip network' || obj.objectClassName === 'autnum' ? 'network' : 'domain';
  walk(obj.entities, (e, parentRoles) => {
    const roles = rolesOf(e);
    const card = readVcard(e.vcardArray);
    if (!holder && (roles.includes('registrar') || roles.includes('registrant'))) holder = card.org ?? card.name;
    if (roles.includes('abuse') && (card.emails.length > 0 || card.phones.length > 0)) {
      abuse.push({
        of: parentRoles.includes('registrar') ? 'registrar' : (parentRoles[0] ?? own),
        name: card.name,
        emails: card.emails,
        phones: card.phones,
      });
    }
  });
  const objectName =
    typeof obj.ldhName === 'string'
      ? obj.ldhName.toLowerCase()
      : typeof obj.startAddress === 'string' && typeof obj.endAddress === 'string'
        ? `${obj.startAddress} – ${obj.endAddress}${typeof obj.name === 'string' ? ` (${obj.name})` : ''}`
        : typeof obj.name === 'string'
          ? obj.name
          : null;
  return { holder, objectName, abuse };
}

function relatedRdapLinks(json: unknown, self: string): string[] {
  const obj = (json && typeof json === 'object' ? json : {}) as RdapObject;
  const links: string[] = [];
  const collect = (raw: unknown) => {
    for (const l of asArray(raw)) {
      const link = l as { rel?: unknown; href?: unknown; type?: unknown };
      if (
        link.rel === 'related' &&
        typeof link.href === 'string' &&
        link.href !== self &&
        (link.type === undefined || link.type === 'application/rdap+json')
      )
        links.push(link.href);
    }
  };
  collect(obj.links);
  walk(obj.entities, (e) => collect((e as RdapObject).links));
  return links;
}

async function readJson(res: Response): Promise<unknown> {
  const reader = res.body?.getReader();
  if (!reader) return null;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BYTES) {
      await reader.cancel();
      throw new Error('rdap answer too large');
    }
    chunks.push(value);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

export function createRdapClient(options: { baseUrl: string; timeoutMs?: number; fetch?: typeof fetch }): RdapClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function get(url: string): Promise<{ status: number; json: unknown; finalUrl: string }> {
    const res = await doFetch(url, {
      headers: { accept: 'application/rdap+json, application/json' },
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json = res.status === 200 ? await readJson(res) : null;
    if (res.status !== 200) await res.body?.cancel();
    return { status: res.status, json, finalUrl: res.url || url };
  }

  async function lookup(kind: 'domain' | 'ip', query: string): Promise<RdapAnswer> {
    const url = `${options.baseUrl}/${kind}/${encodeURIComponent(query)}`;
    try {
      const first = await get(url);
      if (first.status === 404)
        return { kind, query, status: 'not_found', source: first.finalUrl, holder: null, objectName: null, abuse: [] };
      if (first.status !== 200)
        return {
          kind,
          query,
          status: 'error',
          source: first.finalUrl,
          holder: null,
          objectName: null,
          abuse: [],
          detail: `HTTP ${first.status}`,
        };
      const parsed = parseRdapObject(first.json);
      let abuse = parsed.abuse;
      let holder = parsed.holder;
      // Thin registries point to the registrar's own RDAP server for the full record.
      if (abuse.length === 0) {
        for (const link of relatedRdapLinks(first.json, first.finalUrl).slice(0, MAX_FOLLOWED_LINKS)) {
          try {
            const related = await get(link);
            if (related.status !== 200) continue;
            const more = parseRdapObject(related.json);
            abuse = more.abuse;
            holder = holder ?? more.holder;
          } catch {
            // The registry's answer stands.
          }
        }
      }
      return { kind, query, status: 'ok', source: first.finalUrl, holder, objectName: parsed.objectName, abuse };
    } catch (error) {
      return {
        kind,
        query,
        status: 'error',
        source: url,
        holder: null,
        objectName: null,
        abuse: [],
        detail: (error as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable',
      };
    }
  }

  return {
    lookupDomain: (domain) => lookup('domain', domain),
    lookupIp: (ip) => lookup('ip', ip),
  };
}
