// Sentences of the case timeline, from src/locales/<locale>/timeline.json: one ICU message per
// Ledger action (`timeline.<action>`), enum values (roles, statuses, consent purposes, record
// types, flags) translated by their own keys and passed in as parameters. Ledger data holds
// ids, enums and digests only; names come from the users table, never from the Ledger.
import { hasMessage, type Locale, t } from '../../locales/index.js';

export interface LedgerFacts {
  action: string;
  data: Record<string, unknown>;
  actorName: string | null;
  /** The display name of the user the entry is about (subject or data.userId), if any. */
  userName: string | null;
  /** Names of the people a reminder or escalation went to. */
  recipients: readonly string[];
  timeZone: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The label of an enum value (`timeline.<group>.<value>`), or the value itself. */
export function label(locale: Locale, group: string, value: string): string {
  const key = `timeline.${group}.${value}`;
  return hasMessage(locale, key) ? t(locale, key) : value;
}

export function list(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

export function formatDateTime(locale: Locale, at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(at);
}

export function describeLedgerEntry(locale: Locale, e: LedgerFacts): string {
  const d = e.data;
  const changed = Array.isArray(d.changed) ? d.changed.map(str) : [];
  const set = new Set(Array.isArray(d.set) ? d.set.map(str) : []);
  const expires = typeof d.expiresAt === 'string' ? new Date(d.expiresAt) : null;
  const params: Record<string, string | number> = {
    actor: e.actorName ?? t(locale, 'timeline.actor.system'),
    name: e.userName ?? t(locale, 'timeline.actor.someone'),
    action: e.action,
    reference: str(d.reference),
    onBehalf: str(d.onBehalf) || 'false',
    role: label(locale, 'role', str(d.role)),
    reason: str(d.reason) || 'none',
    by: str(d.by) || 'person',
    stepKey: str(d.stepKey),
    status: str(d.status),
    from: label(locale, 'status', str(d.from)),
    to: label(locale, 'status', str(d.to)),
    purpose: label(locale, 'purpose', str(d.purpose)),
    type: label(locale, 'record_type', str(d.type)),
    private: str(d.private) || 'false',
    version: num(d.version),
    level: num(d.level),
    target: label(locale, 'role', str(d.target)),
    count: Array.isArray(d.userIds) ? d.userIds.length : num(d.count),
    flags: list(
      locale,
      changed.map((f) => t(locale, set.has(f) ? 'timeline.flag_state.on' : 'timeline.flag_state.off', { flag: label(locale, 'flag', f) })),
    ),
    expiresAt: expires && !Number.isNaN(expires.getTime()) ? formatDateTime(locale, expires, e.timeZone) : '',
    template: str(d.template),
    recipients: e.recipients.length > 0 ? list(locale, e.recipients) : 'none',
    recipientCount: e.recipients.length,
  };
  const key = `timeline.${e.action}`;
  if (hasMessage(locale, key)) {
    try {
      return t(locale, key, params);
    } catch {
      // A sentence needing a parameter this entry lacks: the generic one rather than no timeline.
    }
  }
  return t(locale, 'timeline.unknown', params);
}

/** A dated record (a meeting held, a police report filed…) as a sentence. */
export function describeRecordEvent(locale: Locale, type: string, data: Record<string, unknown>): string {
  const attendees = Array.isArray(data.attendees) ? data.attendees.length : 0;
  const params: Record<string, string | number> = {
    count: attendees,
    eap: data.eapReminderGiven === true ? 'true' : 'false',
    means: label(locale, 'means', str(data.means)),
    service: str(data.service),
    counsel: str(data.counsel),
    location: str(data.location) || 'none',
  };
  const key = `timeline.record_event.${type}`;
  try {
    if (hasMessage(locale, key)) return t(locale, key, params);
  } catch {
    // fall through to the type's name
  }
  return label(locale, 'record_type', type);
}
