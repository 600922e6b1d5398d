// Case statuses and transitions (DESIGN.md §2; Cases issue): reported → acknowledged →
// in_progress → mitigated → closed, and closed → in_progress (reopen, with a reason).
export const caseStatuses = ['reported', 'acknowledged', 'in_progress', 'mitigated', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

const allowed: Record<CaseStatus, CaseStatus[]> = {
  reported: ['acknowledged'],
  acknowledged: ['in_progress'],
  in_progress: ['mitigated'],
  mitigated: ['closed'],
  closed: ['in_progress'],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return allowed[from].includes(to);
}

export function isReopen(from: CaseStatus, to: CaseStatus): boolean {
  return from === 'closed' && to === 'in_progress';
}

export function nextStatuses(from: CaseStatus): CaseStatus[] {
  return [...allowed[from]];
}

/** RMP-2026-0042: the organisation's yearly sequence, at least four digits. */
export function formatCaseReference(year: number, sequence: number): string {
  return `RMP-${year}-${String(sequence).padStart(4, '0')}`;
}
