// A removal request's life (DESIGN.md §2; Takedown issue): draft → submitted → acknowledged,
// then removed, refused or no_response (from submitted or acknowledged). Submitting needs the
// staff member's active `takedown` consent and sealed evidence for every location (or a
// recorded reason to go without); `removed` needs a re-check that found the content gone or a
// person's confirmation with a note. Who may act and read is decided here too.
import type { CaseAccess } from '../cases/access.js';
import type { ErrorCode } from '../../contract/errors.js';

export const takedownStatuses = ['draft', 'submitted', 'acknowledged', 'removed', 'refused', 'no_response'] as const;
export type TakedownStatus = (typeof takedownStatuses)[number];

const allowed: Record<TakedownStatus, TakedownStatus[]> = {
  draft: ['submitted'],
  submitted: ['acknowledged', 'removed', 'refused', 'no_response'],
  acknowledged: ['removed', 'refused', 'no_response'],
  removed: [],
  refused: [],
  no_response: [],
};

export function nextTakedownStatuses(from: TakedownStatus): TakedownStatus[] {
  return [...allowed[from]];
}

export function isClosedStatus(s: TakedownStatus): boolean {
  return s === 'removed' || s === 'refused' || s === 'no_response';
}

/** Waiting for the provider: the states that earn reminders. */
export function awaitsProvider(s: TakedownStatus): boolean {
  return s === 'submitted' || s === 'acknowledged';
}

export interface TransitionFacts {
  from: TakedownStatus;
  to: TakedownStatus;
  /** The latest `takedown` consent of the case is a yes. */
  consentActive: boolean;
  /** Locations of the request with no sealed evidence yet. */
  locationsWithoutEvidence: readonly string[];
  overrideReason: string | undefined;
  /** Every location of the request was re-checked and found gone. */
  allRecheckedRemoved: boolean;
  confirmationNote: string | undefined;
}

export type TransitionVerdict =
  | { ok: true; removalBasis: 'recheck' | 'confirmation' | null; overridden: boolean }
  | { ok: false; code: ErrorCode; messageKey: string; params?: Record<string, string | number> };

export function checkTransition(f: TransitionFacts): TransitionVerdict {
  if (!allowed[f.from].includes(f.to)) {
    return { ok: false, code: 'invalid_transition', messageKey: 'takedown.error.transition', params: { from: f.from, to: f.to } };
  }
  if (f.to === 'submitted') {
    if (!f.consentActive) return { ok: false, code: 'consent_required', messageKey: 'takedown.error.consent_required' };
    if (f.locationsWithoutEvidence.length > 0 && !f.overrideReason) {
      return {
        ok: false,
        code: 'evidence_required',
        messageKey: 'takedown.error.evidence_required',
        params: { count: f.locationsWithoutEvidence.length },
      };
    }
    return { ok: true, removalBasis: null, overridden: f.locationsWithoutEvidence.length > 0 };
  }
  if (f.to === 'removed') {
    if (f.allRecheckedRemoved) return { ok: true, removalBasis: 'recheck', overridden: false };
    if (f.confirmationNote) return { ok: true, removalBasis: 'confirmation', overridden: false };
    return { ok: false, code: 'invalid_transition', messageKey: 'takedown.error.removal_unconfirmed' };
  }
  return { ok: true, removalBasis: null, overridden: false };
}

const actingRoles = ['it', 'supervisor', 'general_direction'];
const readingRoles = [...actingRoles, 'hr', 'legal'];

/** IT, the supervisor and general direction prepare, submit and follow removal requests. */
export function canActOnTakedowns(access: CaseAccess): boolean {
  return access.kind === 'participant' && access.roles.some((r) => actingRoles.includes(r));
}

/**
 * The affected person reads their requests (and files the package themself); HR and counsel
 * see everything of the case (DESIGN.md §7); a time-limited grant sees the case. The union
 * alone does not: requests cite the evidence.
 */
export function canReadTakedowns(access: CaseAccess): boolean {
  if (access.kind === 'affected' || access.kind === 'grant') return true;
  return access.roles.some((r) => readingRoles.includes(r));
}

/** The staff member may also download their package and upload the mandate they signed. */
export function canFileTakedowns(access: CaseAccess): boolean {
  return access.kind === 'affected' || canActOnTakedowns(access);
}

const DAY_MS = 86_400_000;

/**
 * When the next reminder is due: `days` after the last sign of life (submission,
 * acknowledgement, provider reply, previous reminder) for a request waiting for the provider,
 * or after creation for a draft not yet submitted. Closed requests get none.
 */
export function nextReminderAt(status: TakedownStatus, lastActivity: Date, days: number): Date | null {
  if (isClosedStatus(status)) return null;
  return new Date(lastActivity.getTime() + days * DAY_MS);
}
