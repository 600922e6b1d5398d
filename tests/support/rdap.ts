// A local RDAP service for tests, speaking RFC 9083 JSON as registries do: the bootstrap
// redirect of rdap.org (/domain/<name> → 302 to the authoritative server), a thick registry
// answer with the registrar entity and its nested `abuse` entity (jCard, RFC 7095), a thin one
// that points to the registrar's server by a `related` link, an IP network with its abuse
// contact, and RFC 9083 §6 error answers (404).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestRdap {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

const conformance = ['rdap_level_0', 'icann_rdap_response_profile_1', 'icann_rdap_technical_implementation_guide_1'];

function vcard(props: Array<[string, Record<string, unknown>, string, string]>): unknown[] {
  return ['vcard', [['version', {}, 'text', '4.0'], ...props]];
}

function registrar(name: string, abuseEmail: string | null, abusePhone: string | null): Record<string, unknown> {
  const abuse: Array<[string, Record<string, unknown>, string, string]> = [['fn', {}, 'text', '']];
  if (abusePhone) abuse.push(['tel', { type: 'voice' }, 'uri', `tel:${abusePhone}`]);
  if (abuseEmail) abuse.push(['email', {}, 'text', abuseEmail]);
  return {
    objectClassName: 'entity',
    handle: '9999',
    roles: ['registrar'],
    publicIds: [{ type: 'IANA Registrar ID', identifier: '9999' }],
    vcardArray: vcard([['fn', {}, 'text', name]]),
    entities: abuseEmail || abusePhone ? [{ objectClassName: 'entity', roles: ['abuse'], vcardArray: vcard(abuse) }] : [],
  };
}

function domainAnswer(name: string, base: string, thin: boolean): Record<string, unknown> {
  return {
    objectClassName: 'domain',
    handle: `${name.toUpperCase().replace(/\W/g, '')}_DOMAIN`,
    ldhName: name.toUpperCase(),
    links: [
      { value: `${base}/registry/domain/${name}`, rel: 'self', href: `${base}/registry/domain/${name}`, type: 'application/rdap+json' },
      ...(thin
        ? [
            {
              value: `${base}/registry/domain/${name}`,
              rel: 'related',
              href: `${base}/registrar/domain/${name}`,
              type: 'application/rdap+json',
            },
          ]
        : []),
    ],
    status: ['client transfer prohibited'],
    entities: [
      thin
        ? registrar('Thin Registrar Ltd.', null, null)
        : registrar('Example Registrar, Inc.', 'abuse@registrar.example', '+1.5145550100'),
    ],
    events: [
      { eventAction: 'registration', eventDate: '2019-05-01T12:00:00Z' },
      { eventAction: 'last update of RDAP database', eventDate: '2026-03-01T00:00:00Z' },
    ],
    secureDNS: { delegationSigned: false },
    nameservers: [{ objectClassName: 'nameserver', ldhName: 'NS1.EXAMPLE-DNS.NET' }],
    rdapConformance: conformance,
    notices: [{ title: 'Terms of Use', description: ['Service subject to Terms of Use.'], links: [] }],
  };
}

export async function startTestRdap(): Promise<TestRdap> {
  const requests: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push(path);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/rdap+json' });
      res.end(JSON.stringify(body));
    };
    const notFound = () =>
      json(404, { errorCode: 404, title: 'Not Found', description: ['The object does not exist.'], rdapConformance: ['rdap_level_0'] });
    let m = /^\/domain\/([^/]+)$/.exec(path);
    if (m) {
      // The bootstrap service redirects to the registry's own RDAP server.
      res.writeHead(302, { location: `${base}/registry/domain/${m[1]}` });
      res.end();
      return;
    }
    m = /^\/registry\/domain\/([^/]+)$/.exec(path);
    if (m) {
      const name = decodeURIComponent(m[1] ?? '').toLowerCase();
      if (name.startsWith('unknown-')) return notFound();
      return json(200, domainAnswer(name, base, name.startsWith('thin-')));
    }
    m = /^\/registrar\/domain\/([^/]+)$/.exec(path);
    if (m) {
      const name = decodeURIComponent(m[1] ?? '').toLowerCase();
      return json(200, {
        ...domainAnswer(name, base, false),
        entities: [registrar('Thin Registrar Ltd.', 'abuse@thin-registrar.example', '+44.2070000000')],
      });
    }
    m = /^\/ip\/([^/]+)$/.exec(path);
    if (m) {
      const ip = decodeURIComponent(m[1] ?? '');
      const prefix = ip.split('.').slice(0, 3).join('.');
      return json(200, {
        objectClassName: 'ip network',
        handle: `NET-${prefix.replaceAll('.', '-')}-0-1`,
        startAddress: `${prefix}.0`,
        endAddress: `${prefix}.255`,
        ipVersion: 'v4',
        name: 'EXAMPLE-HOSTING-NET',
        type: 'DIRECT ALLOCATION',
        entities: [
          {
            objectClassName: 'entity',
            handle: 'EHL-1',
            roles: ['registrant'],
            vcardArray: vcard([
              ['fn', {}, 'text', 'Example Hosting Ltd'],
              ['kind', {}, 'text', 'org'],
            ]),
          },
          {
            objectClassName: 'entity',
            handle: 'ABUSE-EHL',
            roles: ['abuse'],
            vcardArray: vcard([
              ['fn', {}, 'text', 'Abuse Desk'],
              ['email', {}, 'text', 'abuse@hosting.example'],
              ['tel', { type: ['work', 'voice'] }, 'text', '+1-514-555-0199'],
            ]),
          },
        ],
        rdapConformance: ['rdap_level_0', 'nro_rdap_profile_0'],
      });
    }
    return notFound();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
