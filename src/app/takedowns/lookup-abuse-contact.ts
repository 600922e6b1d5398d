// POST /locations/{id}/abuse-contact: for a site the directory does not know (a plain web host),
// finds who to write to: the abuse desk of the network hosting its address and of its domain's
// registrar, through RDAP. The answer is kept with its date (the directory's web_host entry
// says: record domain, IP address and RDAP output with the date). GET reads the last one.
import { lookup as dnsLookup } from 'node:dns/promises';
import type { z } from 'zod';
import { createRdapClient } from '../../adapters/rdap/client.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { insertAbuseLookup, latestAbuseLookups } from '../../adapters/db/takedowns.js';
import type { abuseContactSchema } from '../../contract/takedowns.js';
import { classifyIp, isIpLiteral } from '../../domain/capture/ip-ranges.js';
import { DomainError } from '../../domain/errors.js';
import { canActOnTakedowns, canReadTakedowns } from '../../domain/takedowns/status.js';
import { type Locale, t } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import { loadCase } from '../cases/load-case.js';
import type { AppContext } from '../context.js';
import { recogniseUrl } from './directory-store.js';
import type { RdapAnswer, RdapClient, ResolveHost } from './ports.js';

type AbuseJson = z.infer<typeof abuseContactSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The host's public addresses (getaddrinfo, at most 3 s); none when it does not resolve. */
export const resolvePublicAddresses: ResolveHost = async (host) => {
  // Special-use names (RFC 6761) never resolve: no query leaves the machine for them.
  if (/(^|\.)(example|test|invalid|localhost)$/i.test(host)) return [];
  try {
    const answers = await Promise.race([
      dnsLookup(host, { all: true, verbatim: true }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('dns timeout')), 3000).unref()),
    ]);
    return answers.map((a) => a.address).filter((a) => classifyIp(a).public);
  } catch {
    return [];
  }
};

async function loadLocation(ctx: Pick<AppContext, 'db' | 'clock'>, actor: Principal, locationId: string, now: Date) {
  if (!UUID.test(locationId)) throw new DomainError('not_found');
  const location = await ctx.db
    .selectFrom('locations')
    .select(['id', 'case_id', 'url', 'host'])
    .where('id', '=', locationId)
    .executeTakeFirst();
  if (!location) throw new DomainError('not_found');
  const loaded = await loadCase(ctx.db, actor, location.case_id, now);
  return { location, loaded };
}

function guidance(locale: Locale, answers: readonly RdapAnswer[], providerId: string): string[] {
  const emails = answers.flatMap((a) => a.abuse.flatMap((c) => c.emails));
  const lines: string[] = [];
  if (providerId !== 'web_host') lines.push(t(locale, 'takedown.abuse.guidance.known_provider'));
  lines.push(
    t(locale, emails.length > 0 ? 'takedown.abuse.guidance.write_to' : 'takedown.abuse.guidance.no_contact', { emails: emails.join(', ') }),
  );
  lines.push(t(locale, 'takedown.abuse.guidance.site_contact'));
  lines.push(t(locale, 'takedown.abuse.guidance.icann'));
  lines.push(t(locale, 'takedown.abuse.guidance.kept'));
  return lines;
}

function present(
  locale: Locale,
  location: { id: string; url: string; host: string },
  r: { providerId: string; domain: string | null },
  stored: { addresses: string[]; answers: RdapAnswer[]; at: Date } | undefined,
): AbuseJson {
  return {
    locationId: location.id,
    url: location.url,
    host: location.host,
    providerId: r.providerId,
    domain: r.domain,
    addresses: stored?.addresses ?? [],
    lookedUpAt: stored ? stored.at.toISOString() : null,
    answers: stored?.answers ?? [],
    guidance: guidance(locale, stored?.answers ?? [], r.providerId),
  };
}

export async function lookupAbuseContact(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  input: { actor: Principal; locationId: string; locale: Locale; rdap?: RdapClient; resolve?: ResolveHost },
): Promise<AbuseJson> {
  const now = ctx.clock.now();
  const { location, loaded } = await loadLocation(ctx, input.actor, input.locationId, now);
  if (!canActOnTakedowns(loaded.access)) throw new DomainError('forbidden', { messageKey: 'takedown.error.not_allowed' });
  const recognition = await recogniseUrl(ctx.db, location.url);
  const rdap = input.rdap ?? createRdapClient({ baseUrl: ctx.config.rdapBaseUrl });
  const resolve = input.resolve ?? resolvePublicAddresses;
  const host = recognition.host || location.host;
  // Never query RDAP about a private address: it says nothing and leaks internal names.
  const addresses = isIpLiteral(host) ? (classifyIp(host).public ? [host] : []) : (await resolve(host)).slice(0, 2);
  const answers: RdapAnswer[] = [];
  if (addresses[0]) answers.push(await rdap.lookupIp(addresses[0]));
  if (recognition.registrableDomain) answers.push(await rdap.lookupDomain(recognition.registrableDomain));
  const domain = recognition.registrableDomain;
  await ctx.db.transaction().execute(async (tx) => {
    const stored = await insertAbuseLookup(tx, {
      caseId: loaded.row.id,
      locationId: location.id,
      domain: domain ?? host,
      result: { v: 1, addresses, answers },
      by: input.actor.userId,
      at: now,
    });
    await appendLedger(tx, {
      action: 'location.abuse_contact_looked_up',
      at: now,
      actorId: input.actor.userId,
      organisationId: loaded.row.organisation_id,
      caseId: loaded.row.id,
      subject: { type: 'location', id: location.id },
      data: { lookupId: stored.id, answers: answers.map((a) => `${a.kind}:${a.status}`) },
    });
  });
  return present(input.locale, location, { providerId: recognition.providerId, domain }, { addresses, answers, at: now });
}

export async function getAbuseContact(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; locationId: string; locale: Locale },
): Promise<AbuseJson> {
  const now = ctx.clock.now();
  const { location, loaded } = await loadLocation(ctx, input.actor, input.locationId, now);
  if (!canReadTakedowns(loaded.access)) throw new DomainError('forbidden');
  const recognition = await recogniseUrl(ctx.db, location.url);
  const [last] = await latestAbuseLookups(ctx.db, [location.id]);
  const result = last?.result as { addresses?: string[]; answers?: RdapAnswer[] } | undefined;
  return present(
    input.locale,
    location,
    { providerId: recognition.providerId, domain: recognition.registrableDomain },
    last ? { addresses: result?.addresses ?? [], answers: result?.answers ?? [], at: last.looked_up_at } : undefined,
  );
}
