// Organisation directory administration (admin API, Foundation issue): organisation settings,
// closure days, units, associations, persons (staff directory), users (logins) and role grants,
// CSV import. The same objects validate requests, document the API and type the web client.
import { z } from 'zod';
import { email, errorResponse, isoDateTime, uuid } from './common.js';

export const localeSchema = z.enum(['fr-CA', 'en']);
export const roleSchema = z.enum(['staff', 'supervisor', 'general_direction', 'hr', 'it', 'union', 'legal', 'committee', 'admin']);
const isoDate = z.iso.date().describe('Civil date, YYYY-MM-DD');
const name = z.string().trim().min(1).max(200);

// ---------------------------------------------------------------------------------------------
// Organisation settings and business calendar
// ---------------------------------------------------------------------------------------------

export const organisationSettings = z
  .object({
    id: uuid,
    name: z.string(),
    slug: z.string().describe('Short identifier used by the command line (--organisation)'),
    defaultLocale: localeSchema,
    timeZone: z.string().describe('IANA time zone of the business calendar'),
    workDayStart: z.string().describe('HH:MM, local'),
    workDayEnd: z.string().describe('HH:MM, local, after workDayStart'),
    workDays: z.array(z.number().int()).describe('ISO weekdays worked: 1 = Monday … 7 = Sunday'),
    goodFridayOff: z.boolean(),
    easterMondayOff: z.boolean(),
    requireTotpRoles: z.array(roleSchema).describe('Users holding one of these roles must enrol a second factor'),
  })
  .meta({ id: 'OrganisationSettings' });

// Types only here: the calendar's own rules (valid zone, end after start, at least one day…)
// are checked by validateBusinessCalendar so the messages name the actual problem.
export const updateOrganisationBody = z.strictObject({
  name: name.optional(),
  defaultLocale: localeSchema.optional(),
  timeZone: z.string().trim().min(1).max(64).optional(),
  workDayStart: z.string().trim().max(5).optional(),
  workDayEnd: z.string().trim().max(5).optional(),
  workDays: z.array(z.number().int()).max(7).optional(),
  goodFridayOff: z.boolean().optional(),
  easterMondayOff: z.boolean().optional(),
  requireTotpRoles: z.array(roleSchema).max(9).optional(),
});

export const closureDay = z.object({ day: isoDate, label: z.string() }).meta({ id: 'ClosureDay' });
export const closureDayParams = z.strictObject({ day: isoDate });
export const closureDaysQuery = z.strictObject({ year: z.coerce.number().int().min(1583).max(9999).optional() });
export const setClosureDayBody = z.strictObject({ label: z.string().trim().max(200).default('') });

export const holidaysQuery = z.strictObject({
  year: z.coerce.number().int().min(1583).max(9999).optional().describe('Defaults to the current year in the organisation time zone'),
});
export const holiday = z
  .object({
    date: isoDate,
    key: z.string().describe('Statutory holiday key (new_year, good_friday, …) or "closure" for a board closure day'),
    label: z.string().describe("In the caller's language for statutory holidays; the board's label for closure days"),
  })
  .meta({ id: 'Holiday' });
export const holidaysResponse = z.object({ year: z.number().int(), holidays: z.array(holiday) });

// ---------------------------------------------------------------------------------------------
// Units and associations
// ---------------------------------------------------------------------------------------------

export const unitKind = z.enum(['school', 'service']);
export const unit = z
  .object({
    id: uuid,
    name: z.string(),
    kind: unitKind,
    code: z.string().nullable(),
    personCount: z.number().int(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Unit' });
const unitCode = z.string().trim().max(32).nullable();
export const createUnitBody = z.strictObject({ name, kind: unitKind, code: unitCode.optional() });
export const updateUnitBody = z.strictObject({ name: name.optional(), kind: unitKind.optional(), code: unitCode.optional() });

export const associationKind = z.enum(['union', 'managers']);
export const association = z
  .object({ id: uuid, name: z.string(), kind: associationKind, personCount: z.number().int(), createdAt: isoDateTime })
  .meta({ id: 'Association' });
export const createAssociationBody = z.strictObject({ name, kind: associationKind });
export const updateAssociationBody = z.strictObject({ name: name.optional(), kind: associationKind.optional() });

// ---------------------------------------------------------------------------------------------
// Persons (staff directory)
// ---------------------------------------------------------------------------------------------

export const person = z
  .object({
    id: uuid,
    fullName: z.string(),
    email: z.string(),
    unitId: uuid.nullable(),
    jobTitle: z.string(),
    associationId: uuid.nullable(),
    employeeNumber: z.string().nullable(),
    preferredLocale: localeSchema,
    userId: uuid.nullable().describe('The login linked to this person, if any'),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Person' });

const employeeNumber = z.string().trim().min(1).max(64);
export const createPersonBody = z.strictObject({
  fullName: name,
  email,
  unitId: uuid.nullable().optional(),
  jobTitle: z.string().trim().max(200).optional(),
  associationId: uuid.nullable().optional(),
  employeeNumber: employeeNumber.nullable().optional(),
  preferredLocale: localeSchema.optional(),
});
export const updatePersonBody = z.strictObject({
  fullName: name.optional(),
  email: email.optional(),
  unitId: uuid.nullable().optional(),
  jobTitle: z.string().trim().max(200).optional(),
  associationId: uuid.nullable().optional(),
  employeeNumber: employeeNumber.nullable().optional(),
  preferredLocale: localeSchema.optional(),
});

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(500).optional().describe('nextCursor of the previous page (keyset pagination; preferred)'),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional().describe('Rows to skip (instead of cursor)'),
};

export const listPersonsQuery = z.strictObject({
  q: z.string().trim().max(200).optional().describe('Searches name, e-mail and employee number (case and accents ignored)'),
  unitId: uuid.optional(),
  associationId: uuid.optional(),
  hasLogin: booleanQuery.optional(),
  ...pageQuery,
});
export const personPage = z.object({
  items: z.array(person),
  total: z.number().int().describe('Rows matching the filters, all pages'),
  nextCursor: z.string().nullable(),
});

// ---------------------------------------------------------------------------------------------
// CSV import
// ---------------------------------------------------------------------------------------------

export const importPersonsQuery = z.strictObject({
  dryRun: booleanQuery.default(false).describe('true: check and count, write nothing'),
});
export const importReport = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean().describe('true when the rows were written (real run without errors)'),
    rows: z.number().int().describe('Data rows read (blank rows skipped)'),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    errorCount: z.number().int(),
    errors: z
      .array(
        z.object({
          line: z.number().int().describe('Line of the file (the header is line 1)'),
          column: z.string().optional().describe('Column header as written in the file'),
          message: z.string(),
        }),
      )
      .describe('At most 500; errorCount has the total'),
    ignoredColumns: z.array(z.string()).describe('Header columns that are not directory fields'),
  })
  .meta({ id: 'PersonImportReport' });
/** 400: a refused real run carries its report; a malformed request (bad query) does not. */
export const importRefusedResponse = z.object({
  error: errorResponse.shape.error,
  report: importReport.optional().describe('Present when the file was read and refused'),
});

// ---------------------------------------------------------------------------------------------
// Users (logins) and role grants
// ---------------------------------------------------------------------------------------------

export const grant = z
  .object({
    id: uuid,
    userId: uuid,
    role: roleSchema,
    unitId: uuid.nullable(),
    associationId: uuid.nullable(),
    isPrimary: z.boolean(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'RoleGrant' });

export const grantWithHolder = grant
  .extend({ user: z.object({ id: uuid, displayName: z.string(), email: z.string(), status: z.enum(['active', 'disabled']) }) })
  .meta({ id: 'RoleGrantWithHolder' });

export const user = z
  .object({
    id: uuid,
    email: z.string(),
    displayName: z.string(),
    status: z.enum(['active', 'disabled']),
    locale: localeSchema,
    personId: uuid.nullable(),
    hasPassword: z.boolean().describe('false: no password yet (set one with `rempart user reset-password`)'),
    totpEnabled: z.boolean(),
    lastLoginAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
    grants: z.array(grant),
  })
  .meta({ id: 'User' });

export const grantInput = z.strictObject({
  role: roleSchema,
  unitId: uuid.nullable().optional().describe('Required for supervisor; must be absent otherwise'),
  associationId: uuid.nullable().optional().describe('Required for union; must be absent otherwise'),
  isPrimary: z.boolean().optional().describe('Primary holder of the role in its scope; clears the flag on the others'),
});

export const createUserBody = z.strictObject({
  personId: uuid.optional().describe('An existing person of the directory (exclusive with person)'),
  person: createPersonBody.optional().describe('A new person to create with the login (exclusive with personId)'),
  displayName: name.optional().describe("Defaults to the person's full name"),
  locale: localeSchema.optional().describe("Defaults to the person's preferred language"),
  password: z.string().min(1).max(1024).optional().describe('Absent: the user has no password until one is set'),
  grants: z.array(grantInput).max(20).optional(),
});
export const updateUserBody = z.strictObject({
  displayName: name.optional(),
  email: email.optional().describe('The address the person signs in with; both the old and the new address are told by mail'),
  status: z.enum(['active', 'disabled']).optional().describe('disabled: sessions are revoked and sign-in refused'),
  locale: localeSchema.optional(),
});
export const passwordResetSentResponse = z
  .object({
    /** Where the link went: the login's own address. */
    email: z.string(),
    validMinutes: z.number().int(),
  })
  .meta({ id: 'PasswordResetSent' });
export const totpResetBody = z.strictObject({
  /** The administrator's own password. */
  password: z.string().min(1).max(1024),
  /** The administrator's own current code (or a recovery code), when their second factor is on. */
  code: z.string().trim().min(6).max(32).optional(),
});
export const totpResetResponse = z
  .object({
    sessionsRevoked: z.number().int(),
    /** The person's role requires a second factor: they set up a new one at their next sign-in. */
    mustEnrol: z.boolean(),
  })
  .meta({ id: 'TotpReset' });
export const listUsersQuery = z.strictObject({
  q: z.string().trim().max(200).optional().describe('Searches display name and e-mail'),
  role: roleSchema.optional(),
  status: z.enum(['active', 'disabled']).optional(),
  ...pageQuery,
});
export const userPage = z.object({ items: z.array(user), total: z.number().int(), nextCursor: z.string().nullable() });

export const updateGrantBody = z.strictObject({ isPrimary: z.boolean() });
export const listGrantsQuery = z.strictObject({ role: roleSchema.optional(), unitId: uuid.optional(), associationId: uuid.optional() });
export const grantIdParams = z.strictObject({ grantId: uuid });

export type OrganisationSettings = z.infer<typeof organisationSettings>;
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationBody>;
export type ClosureDay = z.infer<typeof closureDay>;
export type Holiday = z.infer<typeof holiday>;
export type Unit = z.infer<typeof unit>;
export type CreateUnitInput = z.infer<typeof createUnitBody>;
export type UpdateUnitInput = z.infer<typeof updateUnitBody>;
export type Association = z.infer<typeof association>;
export type CreateAssociationInput = z.infer<typeof createAssociationBody>;
export type UpdateAssociationInput = z.infer<typeof updateAssociationBody>;
export type Person = z.infer<typeof person>;
export type CreatePersonInput = z.infer<typeof createPersonBody>;
export type UpdatePersonInput = z.infer<typeof updatePersonBody>;
export type ListPersonsInput = z.infer<typeof listPersonsQuery>;
export type PersonPage = z.infer<typeof personPage>;
export type ImportReport = z.infer<typeof importReport>;
export type Grant = z.infer<typeof grant>;
export type GrantWithHolder = z.infer<typeof grantWithHolder>;
export type GrantInput = z.infer<typeof grantInput>;
export type User = z.infer<typeof user>;
export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;
export type ListUsersInput = z.infer<typeof listUsersQuery>;
export type UserPage = z.infer<typeof userPage>;
