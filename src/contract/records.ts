// Records (typed journal entries of a case, DESIGN.md §2): the zod schemas shared by the API,
// its OpenAPI document and the UI. One data shape per type; the request body is a
// discriminated union on `type`, so a wrong type or wrong data answers 400 with field paths.
import { z } from 'zod';
import { instigatorInput } from './cases.js';

export const recordTypes = [
  'meeting',
  'instigator',
  'parent_contact',
  'police_report',
  'legal_consultation',
  'communication_draft',
  'note',
] as const;
export const recordTypeSchema = z.enum(recordTypes);
export type RecordType = z.infer<typeof recordTypeSchema>;

const dateTime = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

export const parentContactMeans = ['phone', 'meeting', 'email', 'letter', 'other'] as const;
export const communicationAudiences = ['board', 'press', 'staff', 'parents', 'other'] as const;

/** Step 4.2.1 (meeting the staff member, with the EAP reminder) and 4.2.3 (meeting instigators). */
export const meetingData = z.strictObject({
  occurredAt: dateTime,
  attendees: z.array(text(200)).max(20),
  /** Step 4.2.1: the Employee Assistance Program (PAE) was recalled to the staff member. */
  eapReminderGiven: z.boolean(),
  outcome: z.string().trim().max(20_000),
  location: text(500).optional(),
  /** An instigator record of the same case (a meeting with that instigator, step 4.2.3). */
  withInstigator: z.uuid().optional(),
});

/** Same shape as the instigators given at intake (POST /cases). */
export const instigatorData = instigatorInput;

/** Step 4.2.4. */
export const parentContactData = z.strictObject({
  occurredAt: dateTime,
  means: z.enum(parentContactMeans),
  summary: text(20_000),
});

/** Step 4.1.4. */
export const policeReportData = z.strictObject({
  service: text(200),
  fileNumber: text(100).optional(),
  officer: text(200).optional(),
  reportedAt: z.iso.date(),
});

/** Step 4.6.1. */
export const legalConsultationData = z.strictObject({
  counsel: text(200),
  occurredAt: dateTime,
  summary: text(20_000),
});

/** Step 4.5.1: every save is a version; general direction approves one version. */
export const communicationDraftData = z.strictObject({
  audience: z.enum(communicationAudiences),
  title: text(300),
  body: text(50_000),
});

export const noteData = z.strictObject({ text: text(20_000) });

/** The data schema of each type (PATCH bodies are checked against the record's own type). */
export const recordDataSchemas = {
  meeting: meetingData,
  instigator: instigatorData,
  parent_contact: parentContactData,
  police_report: policeReportData,
  legal_consultation: legalConsultationData,
  communication_draft: communicationDraftData,
  note: noteData,
} as const satisfies Record<RecordType, z.ZodType>;

export type RecordData<T extends RecordType> = z.infer<(typeof recordDataSchemas)[T]>;

// Only notes may be private (seen by their author alone); any other record is shared evidence.
const sharedRecord = <T extends Exclude<RecordType, 'note'>>(type: T) =>
  z.strictObject({ type: z.literal(type), data: recordDataSchemas[type], private: z.literal(false).optional() });

export const createRecordBody = z.discriminatedUnion('type', [
  sharedRecord('meeting'),
  sharedRecord('instigator'),
  sharedRecord('parent_contact'),
  sharedRecord('police_report'),
  sharedRecord('legal_consultation'),
  sharedRecord('communication_draft'),
  z.strictObject({ type: z.literal('note'), data: noteData, private: z.boolean().optional() }),
]);
export type CreateRecordInput = z.infer<typeof createRecordBody>;

export const updateRecordBody = z.strictObject({
  /** The whole new data of the record, in the shape of its type. */
  data: z.record(z.string(), z.unknown()),
  /** Optimistic concurrency: the version read; a mismatch answers 409 stale_version. */
  version: z.number().int().positive(),
});

export const approveRecordBody = z.strictObject({ version: z.number().int().positive() });

export const inviteToMeetingBody = z.strictObject({ userIds: z.array(z.uuid()).min(1).max(20) });

export const listRecordsQuery = z.strictObject({ type: recordTypeSchema.optional() });

// Responses: stored data read back (loose objects: a record written by intake or by an older
// version may carry an extra key, which is dropped rather than failing the answer).
const loose = <S extends z.ZodRawShape>(schema: z.ZodObject<S>) => z.object(schema.shape);

const recordBase = {
  id: z.uuid(),
  caseId: z.uuid(),
  private: z.boolean(),
  authorUserId: z.uuid(),
  authorName: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether the caller may PATCH it (a new version). */
  canEdit: z.boolean(),
};

export const draftApprovalSchema = z.object({
  version: z.number(),
  approvedBy: z.uuid(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string(),
});

export const recordSchema = z
  .discriminatedUnion('type', [
    z.object({ ...recordBase, type: z.literal('meeting'), data: loose(meetingData) }),
    z.object({ ...recordBase, type: z.literal('instigator'), data: loose(instigatorData) }),
    z.object({ ...recordBase, type: z.literal('parent_contact'), data: loose(parentContactData) }),
    z.object({ ...recordBase, type: z.literal('police_report'), data: loose(policeReportData) }),
    z.object({ ...recordBase, type: z.literal('legal_consultation'), data: loose(legalConsultationData) }),
    z.object({
      ...recordBase,
      type: z.literal('communication_draft'),
      data: loose(communicationDraftData),
      /** The last approval, possibly of an earlier version. */
      approval: draftApprovalSchema.nullable(),
      /** Whether the current version is the approved one. */
      approved: z.boolean(),
    }),
    z.object({ ...recordBase, type: z.literal('note'), data: z.object({ text: z.string(), kind: z.string().optional() }) }),
  ])
  .meta({ id: 'CaseRecord' });
export type RecordJson = z.infer<typeof recordSchema>;

export const recordVersionSchema = z
  .object({
    version: z.number(),
    data: z.record(z.string(), z.unknown()),
    authorUserId: z.uuid(),
    authorName: z.string().nullable(),
    createdAt: z.string(),
    approved: z.boolean(),
  })
  .meta({ id: 'CaseRecordVersion' });

export const inviteToMeetingResponse = z.object({
  invited: z.array(z.object({ userId: z.uuid(), status: z.enum(['sent', 'failed']) })),
});
