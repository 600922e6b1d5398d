// Record data as stored: date-times normalised to UTC ISO strings (so records sort and export
// the same whatever offset the client sent), and the approval of a communication draft kept
// apart from its content. Pure.

/** Keys of a communication draft's data that hold its approval, not its content (step 4.5.1). */
export const APPROVAL_KEYS = ['approvedVersion', 'approvedBy', 'approvedAt'] as const;

export interface DraftApproval {
  approvedVersion: number;
  approvedBy: string;
  approvedAt: string;
}

const DATE_TIME_KEYS = ['occurredAt'] as const;

export function normaliseRecordData(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const key of DATE_TIME_KEYS) {
    const v = out[key];
    if (typeof v === 'string') {
      const d = new Date(v);
      if (!Number.isNaN(d.getTime())) out[key] = d.toISOString();
    }
  }
  return out;
}

/** Splits stored data into content and the draft's last approval (if any). */
export function splitApproval(data: Record<string, unknown>): { content: Record<string, unknown>; approval: DraftApproval | null } {
  const content: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (!(APPROVAL_KEYS as readonly string[]).includes(k)) content[k] = v;
  const { approvedVersion, approvedBy, approvedAt } = data;
  const approval =
    typeof approvedVersion === 'number' && typeof approvedBy === 'string' && typeof approvedAt === 'string'
      ? { approvedVersion, approvedBy, approvedAt }
      : null;
  return { content, approval };
}

/** Whether two data objects hold the same content (key order ignored). */
export function sameContent(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([, x]) => x !== undefined)
          .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
          .map(([k, x]) => [k, canon(x)]),
      );
    }
    return v;
  };
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}
