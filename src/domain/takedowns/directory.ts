// The provider directory and help organisations (seed/providers/providers.json): reporting
// channels per platform, with the `verified` flag and the `source` page each fact was read on.
// Local edits are whole fields laid over the seed entry, so a seed upgrade never erases them.

export const grounds = ['harassment', 'defamation', 'impersonation', 'intimate_images', 'privacy', 'other'] as const;
export type Ground = (typeof grounds)[number];

export const channelPurposes = [
  'harassment',
  'defamation',
  'impersonation',
  'intimate_images',
  'privacy',
  'account_recovery',
  'other',
] as const;
export type ChannelPurpose = (typeof channelPurposes)[number];

export const channelMethods = ['in_app', 'web_form', 'legal_form', 'email', 'phone', 'mail', 'other'] as const;
export type ChannelMethod = (typeof channelMethods)[number];

export const filerKinds = ['victim', 'representative', 'anyone'] as const;
export type FilerKind = (typeof filerKinds)[number];

export const WEB_HOST = 'web_host';

export interface ProviderChannel {
  purpose: ChannelPurpose;
  url: string;
  method: ChannelMethod;
  whoMayFile: FilerKind[];
  loginRequired: boolean;
  notes: string | null;
  /** The page the fact was read on (null: entered locally without one). */
  source: string | null;
  /** Seen on the provider's own page (true) or only on a third-party page (false). */
  verified: boolean;
}

export interface ProviderEntry {
  id: string;
  name: string;
  domains: string[];
  channels: ProviderChannel[];
  evidenceTips: string[];
  typicalResponse: string | null;
  localeNotes: string | null;
}

export interface HelpOrganisationEntry {
  id: string;
  name: string;
  purpose: string;
  url: string;
  phone: string | null;
  audience: string;
  jurisdiction: string;
  verified: boolean;
  source: string | null;
  notes: string | null;
}

/** The fields an admin may override on a provider. */
export const providerEditableFields = ['name', 'domains', 'channels', 'evidenceTips', 'typicalResponse', 'localeNotes'] as const;
export type ProviderEditableField = (typeof providerEditableFields)[number];

/** The entry as shown: the seed (or custom) data with the local edits laid over it. */
export function effectiveProvider(id: string, data: Record<string, unknown>, overrides: Record<string, unknown>): ProviderEntry {
  const merged = { ...data, ...overrides } as Partial<ProviderEntry>;
  return {
    id,
    name: typeof merged.name === 'string' ? merged.name : id,
    domains: Array.isArray(merged.domains) ? merged.domains.map((d) => String(d).toLowerCase()) : [],
    channels: Array.isArray(merged.channels) ? merged.channels.map(normaliseChannel) : [],
    evidenceTips: Array.isArray(merged.evidenceTips) ? merged.evidenceTips.map(String) : [],
    typicalResponse: typeof merged.typicalResponse === 'string' ? merged.typicalResponse : null,
    localeNotes: typeof merged.localeNotes === 'string' ? merged.localeNotes : null,
  };
}

function normaliseChannel(raw: unknown): ProviderChannel {
  const c = (raw ?? {}) as Partial<ProviderChannel>;
  return {
    purpose: (channelPurposes as readonly string[]).includes(String(c.purpose)) ? (c.purpose as ChannelPurpose) : 'other',
    url: typeof c.url === 'string' ? c.url : '',
    method: (channelMethods as readonly string[]).includes(String(c.method)) ? (c.method as ChannelMethod) : 'other',
    whoMayFile: Array.isArray(c.whoMayFile)
      ? c.whoMayFile.filter((w): w is FilerKind => (filerKinds as readonly string[]).includes(w))
      : [],
    loginRequired: c.loginRequired === true,
    notes: typeof c.notes === 'string' ? c.notes : null,
    source: typeof c.source === 'string' ? c.source : null,
    verified: c.verified === true,
  };
}

export function effectiveHelpOrganisation(
  id: string,
  data: Record<string, unknown>,
  overrides: Record<string, unknown>,
): HelpOrganisationEntry {
  const m = { ...data, ...overrides } as Partial<HelpOrganisationEntry>;
  const s = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id,
    name: s(m.name) ?? id,
    purpose: s(m.purpose) ?? '',
    url: s(m.url) ?? '',
    phone: s(m.phone),
    audience: s(m.audience) ?? '',
    jurisdiction: s(m.jurisdiction) ?? '',
    verified: m.verified === true,
    source: s(m.source),
    notes: s(m.notes),
  };
}

/**
 * Channels edited by an admin keep their provenance: a channel whose URL and purpose are
 * unchanged keeps the `source` and `verified` flag it had unless new ones are given; a new or
 * changed URL without a source is recorded as unverified with no source.
 */
export function mergeEditedChannels(
  previous: readonly ProviderChannel[],
  incoming: ReadonlyArray<
    Omit<ProviderChannel, 'source' | 'verified'> & { source?: string | null | undefined; verified?: boolean | undefined }
  >,
): ProviderChannel[] {
  return incoming.map((c) => {
    const before = previous.find((p) => p.url === c.url && p.purpose === c.purpose);
    return {
      purpose: c.purpose,
      url: c.url,
      method: c.method,
      whoMayFile: [...c.whoMayFile],
      loginRequired: c.loginRequired,
      notes: c.notes ?? null,
      source: c.source !== undefined ? c.source : (before?.source ?? null),
      verified: c.verified !== undefined ? c.verified : (before?.verified ?? false),
    };
  });
}

/** 'YYYY-MM-DD' of the later of two dates (either may be missing). */
export function laterDate(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a >= b ? a : b;
}

/** An entry last reviewed more than a year before `today` ('YYYY-MM-DD') is flagged. */
export function isStale(lastReviewed: string | null, today: string): boolean {
  if (!lastReviewed) return true;
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const yearAgo = new Date(Date.UTC(y - 1, m - 1, d)).toISOString().slice(0, 10);
  return lastReviewed < yearAgo;
}

// When a provider has no channel for the ground itself, the closest one: most platforms take
// privacy, impersonation and defamation complaints through their harassment report too.
const fallbacks: Record<Ground, ChannelPurpose[]> = {
  harassment: ['harassment', 'other'],
  defamation: ['defamation', 'harassment', 'other'],
  impersonation: ['impersonation', 'harassment', 'other'],
  intimate_images: ['intimate_images', 'privacy', 'harassment', 'other'],
  privacy: ['privacy', 'harassment', 'other'],
  other: ['other', 'harassment'],
};

/** The directory channel to use for a ground (verified channels first), if the provider has any. */
export function channelFor(provider: ProviderEntry, ground: Ground): ProviderChannel | undefined {
  for (const purpose of fallbacks[ground]) {
    const matching = provider.channels.filter((c) => c.purpose === purpose);
    const chosen = matching.find((c) => c.verified) ?? matching[0];
    if (chosen) return chosen;
  }
  return provider.channels.find((c) => c.purpose !== 'account_recovery');
}

/** The account-recovery (hacked account) channel, if the directory lists one. */
export function recoveryChannel(provider: ProviderEntry): ProviderChannel | undefined {
  const matching = provider.channels.filter((c) => c.purpose === 'account_recovery');
  return matching.find((c) => c.verified) ?? matching[0];
}

/**
 * Who files: the board itself when the channel accepts a representative or anyone; otherwise
 * the staff member (platforms refuse employers' reports for privacy, impersonation and
 * defamation: providers.json "Key findings").
 */
export function defaultFiler(channel: ProviderChannel | undefined): 'board' | 'staff_member' {
  if (!channel) return 'board';
  return channel.whoMayFile.includes('representative') || (channel.whoMayFile.includes('anyone') && channel.method !== 'in_app')
    ? 'board'
    : 'staff_member';
}

export type ProviderKind = 'platform' | 'search_engine' | 'messaging' | 'web_host';

const searchEngines = new Set(['google_search', 'bing']);
const messaging = new Set(['messenger', 'whatsapp', 'telegram', 'discord']);

/** What kind of service it is: decides what the request asks (remove, de-index, act on a host). */
export function providerKind(id: string): ProviderKind {
  if (id === WEB_HOST) return 'web_host';
  if (searchEngines.has(id)) return 'search_engine';
  if (messaging.has(id)) return 'messaging';
  return 'platform';
}
