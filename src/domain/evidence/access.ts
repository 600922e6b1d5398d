// Who may do what with a case's evidence (DESIGN.md §7). The union takes part in a case only
// after the staff member's union_notice consent, and it sees evidence only while that consent
// stands: a union participant without a granted union_notice consent never sees evidence or
// artefacts (checked on every read, not only when the union joins). Grant holders read;
// they do not add evidence or export.
import { type CaseAccess, seesEvidence } from '../cases/access.js';

export function canSeeEvidence(access: CaseAccess, unionNoticeGranted: boolean): boolean {
  return seesEvidence(access, unionNoticeGranted);
}

/** The affected person and any participant who sees evidence may add some. */
export function canAddEvidence(access: CaseAccess, unionNoticeGranted: boolean): boolean {
  return (access.kind === 'affected' || access.kind === 'participant') && seesEvidence(access, unionNoticeGranted);
}

/** Exports (bundle, dossier): the affected person, and participants in a role other than union. */
export function canExportCase(access: CaseAccess): boolean {
  if (access.kind === 'affected') return true;
  return access.kind === 'participant' && access.roles.some((r) => r !== 'union');
}

/** Artefact kinds that may be shown inline (UI previews): images we produced ourselves. */
export const INLINE_KINDS = new Set(['thumbnail', 'screenshot', 'viewport']);
export const INLINE_MEDIA_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

export function mayServeInline(kind: string, mediaType: string): boolean {
  return INLINE_KINDS.has(kind) && INLINE_MEDIA_TYPES.has((mediaType.split(';')[0] ?? '').trim());
}
