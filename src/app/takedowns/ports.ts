// Ports of the takedown feature: the RDAP lookup (src/adapters/rdap) and name resolution used to
// find a web host's abuse contact.

export interface AbuseContact {
  /** Whose abuse desk: the domain's registrar, or the network's holder (registrant). */
  of: string;
  name: string | null;
  emails: string[];
  phones: string[];
}

export interface RdapAnswer {
  kind: 'domain' | 'ip';
  query: string;
  status: 'ok' | 'not_found' | 'error';
  /** The RDAP server that answered (after the bootstrap redirect). */
  source: string;
  /** The registrar (domain) or the network's registrant (address). */
  holder: string | null;
  objectName: string | null;
  abuse: AbuseContact[];
  detail?: string;
}

export interface RdapClient {
  lookupDomain(domain: string): Promise<RdapAnswer>;
  lookupIp(ip: string): Promise<RdapAnswer>;
}

/** Public addresses of a host name (none when it does not resolve). */
export type ResolveHost = (host: string) => Promise<string[]>;
