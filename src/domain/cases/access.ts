// Who may see a case (DESIGN.md §7): its affected person, a participant in a role, or someone
// holding an explicit, unexpired grant. The committee and the platform admin never see a case
// (statistics and administration only), even if added by mistake. A refused read is a 404.
import type { RoleGrant } from '../auth/roles.js';

export type CaseAccessKind = 'affected' | 'participant' | 'grant';

export interface CaseAccess {
  kind: CaseAccessKind;
  /** The roles in which the viewer takes part (empty for the affected person or a grant). */
  roles: string[];
}

export interface CaseAccessInput {
  viewer: { userId: string; personId: string | null; roles: readonly RoleGrant[] };
  affectedPersonId: string;
  participantRoles: readonly string[];
  hasActiveGrant: boolean;
}

const NEVER_PARTICIPATE = new Set(['committee', 'admin']);

export function caseAccess(input: CaseAccessInput): CaseAccess | undefined {
  if (input.viewer.personId !== null && input.viewer.personId === input.affectedPersonId) return { kind: 'affected', roles: ['staff'] };
  const roles = input.participantRoles.filter((r) => !NEVER_PARTICIPATE.has(r));
  if (roles.length > 0) return { kind: 'participant', roles };
  if (input.hasActiveGrant) return { kind: 'grant', roles: [] };
  return undefined;
}

/** Roles that may change the case's summary and flags. */
export function canEditFacts(access: CaseAccess): boolean {
  return access.kind === 'affected' || access.roles.some((r) => ['supervisor', 'general_direction', 'hr'].includes(r));
}

/** Roles that may move the case's status (the supervisor acknowledges, general direction too). */
export function canChangeStatus(access: CaseAccess): boolean {
  return access.roles.some((r) => r === 'supervisor' || r === 'general_direction');
}

/** Supervisor or general direction add participants (counsel) and issue access grants. */
export function canManageParticipants(access: CaseAccess): boolean {
  return canChangeStatus(access);
}

/** The union sees facts, tasks and timeline, but evidence only with the staff member's consent. */
export function seesEvidence(access: CaseAccess, unionEvidenceConsent: boolean): boolean {
  if (access.kind !== 'participant') return true;
  if (access.roles.length === 1 && access.roles[0] === 'union') return unionEvidenceConsent;
  return true;
}
