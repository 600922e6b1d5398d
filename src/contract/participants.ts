// Participants of a case and explicit, time-limited access grants (DESIGN.md §7).
import { z } from 'zod';

/**
 * Roles a supervisor or general direction may add a user in. Never `committee` or `admin`
 * (statistics and administration only), never `staff` (the affected person is there already).
 */
export const addableRoles = ['supervisor', 'general_direction', 'hr', 'it', 'union', 'legal'] as const;
export const addableRoleSchema = z.enum(addableRoles);

export const addParticipantBody = z.strictObject({
  userId: z.uuid(),
  role: addableRoleSchema,
  reason: z.string().trim().min(1).max(2000),
});

/** A grant lasts at most 30 days (checked against the server's clock). */
export const GRANT_MAX_DAYS = 30;

export const grantAccessBody = z.strictObject({
  userId: z.uuid(),
  reason: z.string().trim().min(1).max(2000),
  expiresAt: z.iso.datetime({ offset: true }),
});

export const participantParams = z.strictObject({ id: z.string().max(64), userId: z.string().max(64), role: z.string().max(40) });

export const caseParticipantSchema = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    role: z.string(),
    joinedAt: z.string(),
    /** The stored reason: a procedure code (`intake`, `step_4.2.2`, …) or the text typed by who added them. */
    reason: z.string(),
    /** The reason in the reader's language (procedure codes translated). */
    reasonLabel: z.string(),
    addedBy: z.uuid().nullable(),
    addedByName: z.string().nullable(),
    isAffectedPerson: z.boolean(),
  })
  .meta({ id: 'CaseParticipant' });

export const caseGrantSchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    displayName: z.string(),
    grantedBy: z.uuid(),
    grantedByName: z.string().nullable(),
    reason: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'CaseAccessGrant' });

export const participantsResponse = z.object({
  participants: z.array(caseParticipantSchema),
  /** Active grants (not expired, not revoked). */
  grants: z.array(caseGrantSchema),
  /** Whether the caller may add or remove participants and grants. */
  canManage: z.boolean(),
});

export const accessLogQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
});

export const accessLogEntrySchema = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    /** The reader's roles in the case (current or past), empty when they read through a grant. */
    roles: z.array(z.string()),
    viaGrant: z.boolean(),
    action: z.string(),
    actionLabel: z.string(),
    at: z.string(),
  })
  .meta({ id: 'CaseAccessLogEntry' });

export const accessLogResponse = z.object({ items: z.array(accessLogEntrySchema), nextCursor: z.string().nullable() });
