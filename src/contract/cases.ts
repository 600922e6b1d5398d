// Cases, tasks and consents: the zod schemas shared by the API, its OpenAPI document and the UI.
import { z } from 'zod';

export const caseStatusSchema = z.enum(['reported', 'acknowledged', 'in_progress', 'mitigated', 'closed']);
export const taskStatusSchema = z.enum(['pending', 'open', 'done', 'not_applicable']);
export const consentPurposeSchema = z.enum(['union_notice', 'takedown', 'police_dossier_share']);
export const instigatorKindSchema = z.enum(['staff', 'student', 'parent', 'other', 'unknown']);

export const flagsSchema = z.object({
  illegalOrSerious: z.boolean(),
  studentInvolved: z.boolean(),
  staffInvolved: z.boolean(),
  publicExposure: z.boolean(),
  accountCompromised: z.boolean(),
});
export const flagsPatchSchema = z.strictObject({
  illegalOrSerious: z.boolean().optional(),
  studentInvolved: z.boolean().optional(),
  staffInvolved: z.boolean().optional(),
  publicExposure: z.boolean().optional(),
  accountCompromised: z.boolean().optional(),
});

/** An http(s) address of at most 2 048 characters. */
export const webUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'invalid_url');

export const instigatorInput = z.strictObject({
  kind: instigatorKindSchema,
  name: z.string().trim().max(200).optional(),
  relation: z.string().trim().max(200).optional(),
});

export const openCaseBody = z.strictObject({
  summary: z.string().trim().min(1).max(20_000),
  urls: z.array(webUrl).max(50).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  flags: flagsPatchSchema.optional(),
  instigators: z.array(instigatorInput).max(50).optional(),
  affectedPersonId: z.uuid().optional(),
  unitId: z.uuid().optional(),
});

export const updateCaseBody = z.strictObject({
  summary: z.string().trim().min(1).max(20_000).optional(),
  flags: flagsPatchSchema.optional(),
  status: caseStatusSchema.optional(),
  /** Required to reopen a closed case. */
  reason: z.string().trim().min(1).max(2000).optional(),
  /** Optimistic concurrency: the version read; a mismatch answers 409 stale_version. */
  version: z.number().int().positive().optional(),
});

export const locationSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    host: z.string(),
    providerId: z.string().nullable(),
    status: z.enum(['online', 'removed', 'unknown']),
    firstSeenAt: z.string().nullable(),
    lastCheckedAt: z.string().nullable(),
  })
  .meta({ id: 'Location' });

export const taskSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    stepKey: z.string(),
    role: z.string(),
    title: z.string(),
    guidance: z.string(),
    status: taskStatusSchema,
    dueAt: z.string().nullable(),
    activatedAt: z.string().nullable(),
    assigneeUserId: z.uuid().nullable(),
    assigneeName: z.string().nullable(),
    completedAt: z.string().nullable(),
    completedBySystem: z.boolean(),
    locationId: z.uuid().nullable(),
    occurrence: z.number(),
    note: z.string().nullable(),
    naReason: z.string().nullable(),
    completion: z.string(),
  })
  .meta({ id: 'Task' });

export const participantSchema = z.object({ userId: z.uuid(), displayName: z.string(), role: z.string(), joinedAt: z.string(), reason: z.string() });

export const caseSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    status: caseStatusSchema,
    summary: z.string(),
    flags: flagsSchema,
    occurredAt: z.string().nullable(),
    affectedPersonId: z.uuid(),
    affectedPersonName: z.string(),
    unitId: z.uuid().nullable(),
    unitName: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
    playbookVersion: z.number(),
    version: z.number(),
    locations: z.array(locationSchema),
    tasks: z.array(taskSchema),
    participants: z.array(participantSchema),
    consents: z.array(z.object({ purpose: consentPurposeSchema, granted: z.boolean(), recordedAt: z.string() })),
    evidence: z.array(z.object({ id: z.uuid(), status: z.string(), sourceUrl: z.string().nullable(), capturedAt: z.string().nullable() })),
    viewer: z.object({
      access: z.enum(['affected', 'participant', 'grant']),
      roles: z.array(z.string()),
      canEditFacts: z.boolean(),
      canChangeStatus: z.boolean(),
      canManageParticipants: z.boolean(),
      nextStatuses: z.array(caseStatusSchema),
    }),
  })
  .meta({ id: 'Case' });

export const caseSummarySchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    status: caseStatusSchema,
    summary: z.string(),
    affectedPersonName: z.string(),
    unitName: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    openTasks: z.number(),
    overdueTasks: z.number(),
    nextDueAt: z.string().nullable(),
  })
  .meta({ id: 'CaseSummary' });

export const listCasesQuery = z.strictObject({
  status: caseStatusSchema.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});

export const listCasesResponse = z.object({ items: z.array(caseSummarySchema), nextCursor: z.string().nullable() });

export const updateTaskBody = z.strictObject({
  status: z.enum(['open', 'done', 'not_applicable']),
  /** Completion note; the reason when marking not applicable (then required). */
  note: z.string().trim().max(5000).optional(),
});

export const myTaskSchema = taskSchema.extend({ caseReference: z.string(), caseStatus: caseStatusSchema }).meta({ id: 'MyTask' });

export const consentBody = z.strictObject({
  purpose: consentPurposeSchema,
  granted: z.boolean(),
  /** Re-authentication: the password, or a current second-factor code. */
  password: z.string().min(1).max(1024).optional(),
  totp: z.string().regex(/^\d{6}$/).optional(),
});

export const consentResponse = z.object({ id: z.uuid(), purpose: consentPurposeSchema, granted: z.boolean(), recordedAt: z.string() });
