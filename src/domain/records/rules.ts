// Who may see, write and correct which records (DESIGN.md §7, Cases issue "Records"). Pure.
//
// - Any participant writes any type, except the union (facts only), which may add notes; the
//   affected person adds notes and police reports (step 4.1.4 is theirs). A grant is for
//   reading: its holder writes nothing.
// - A private note is seen by its author alone — not by the affected person, not by the
//   supervisor.
// - The union sees facts, tasks and the timeline, not the employer's privileged work: legal
//   consultations (solicitor–client privilege) and communication drafts are hidden from a
//   participant whose only role is union.
// - A record is corrected by a new version, never deleted. A note is corrected by its author
//   only (it is their statement); other types by anyone who may write that type.
import type { CaseAccess } from '../cases/access.js';

export const RECORD_TYPES = [
  'meeting',
  'instigator',
  'parent_contact',
  'police_report',
  'legal_consultation',
  'communication_draft',
  'note',
] as const;
export type CaseRecordType = (typeof RECORD_TYPES)[number];

const AFFECTED_WRITES: readonly CaseRecordType[] = ['note', 'police_report'];
const UNION_WRITES: readonly CaseRecordType[] = ['note'];
const HIDDEN_FROM_UNION: ReadonlySet<string> = new Set(['legal_consultation', 'communication_draft']);

export interface RecordFacts {
  type: string;
  private: boolean;
  authorUserId: string;
}

function unionOnly(access: CaseAccess): boolean {
  return access.kind === 'participant' && access.roles.length > 0 && access.roles.every((r) => r === 'union');
}

export function writableRecordTypes(access: CaseAccess): readonly CaseRecordType[] {
  if (access.kind === 'affected') return AFFECTED_WRITES;
  if (access.kind === 'grant') return [];
  if (unionOnly(access)) return UNION_WRITES;
  return access.roles.length > 0 ? RECORD_TYPES : [];
}

export function canWriteRecord(access: CaseAccess, type: string): boolean {
  return (writableRecordTypes(access) as readonly string[]).includes(type);
}

export function seesRecord(access: CaseAccess, viewerId: string, record: RecordFacts): boolean {
  if (record.private && record.authorUserId !== viewerId) return false;
  if (unionOnly(access) && HIDDEN_FROM_UNION.has(record.type)) return false;
  return true;
}

export function canEditRecord(access: CaseAccess, viewerId: string, record: RecordFacts): boolean {
  if (!seesRecord(access, viewerId, record) || !canWriteRecord(access, record.type)) return false;
  return record.type !== 'note' || record.authorUserId === viewerId;
}

/** Step 4.5.1: general direction approves a communication draft. */
export function canApproveDraft(access: CaseAccess): boolean {
  return access.kind === 'participant' && access.roles.includes('general_direction');
}

/** Record types whose data dates an event (shown on the timeline at that time). */
export function eventTimeOf(type: string, data: Record<string, unknown>): string | undefined {
  if (type === 'meeting' || type === 'parent_contact' || type === 'legal_consultation') {
    return typeof data.occurredAt === 'string' ? data.occurredAt : undefined;
  }
  if (type === 'police_report') return typeof data.reportedAt === 'string' ? data.reportedAt : undefined;
  return undefined;
}
