// The admin API (docs/admin-directory.md, docs/authentication.md "Mail"), typed from the server's
// contracts (import type only: zod is not shipped to the browser).
import type { z } from 'zod';
import type {
  Association,
  ClosureDay,
  CreateAssociationInput,
  CreatePersonInput,
  CreateUnitInput,
  CreateUserInput,
  Grant,
  GrantInput,
  GrantWithHolder,
  Holiday,
  ImportReport,
  OrganisationSettings,
  Person,
  PersonPage,
  Unit,
  UpdateAssociationInput,
  UpdateOrganisationInput,
  UpdatePersonInput,
  UpdateUnitInput,
  UpdateUserInput,
  User,
  UserPage,
} from '../../../../src/contract/directory';
import type { passwordResetSentResponse, totpResetResponse } from '../../../../src/contract/directory';
import type { mailListResponse, mailMessageSchema } from '../../../../src/contract/mail';
import { api } from '../../api/client';

export type {
  Association,
  ClosureDay,
  Grant,
  GrantInput,
  GrantWithHolder,
  Holiday,
  ImportReport,
  OrganisationSettings,
  Person,
  PersonPage,
  Unit,
  User,
  UserPage,
};
export type MailMessage = z.infer<typeof mailMessageSchema>;
export type PasswordResetSent = z.infer<typeof passwordResetSentResponse>;
export type TotpReset = z.infer<typeof totpResetResponse>;
export type MailStatus = MailMessage['status'];
export type AdminRole = User['grants'][number]['role'];
export type AdminLocale = Person['preferredLocale'];

/** Every role, in the order the screens list them. */
export const adminRoles: readonly AdminRole[] = [
  'staff',
  'supervisor',
  'general_direction',
  'hr',
  'it',
  'union',
  'legal',
  'committee',
  'admin',
];
export const adminLocales: readonly AdminLocale[] = ['fr-CA', 'en'];

const base = '/api/v1/admin';
const id = (value: string) => encodeURIComponent(value);

function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface PersonFilters {
  q?: string | undefined;
  unitId?: string | undefined;
  associationId?: string | undefined;
  hasLogin?: boolean | undefined;
  limit?: number;
  cursor?: string | undefined;
}

export interface UserFilters {
  q?: string | undefined;
  role?: AdminRole | undefined;
  status?: 'active' | 'disabled' | undefined;
  limit?: number;
  cursor?: string | undefined;
}

export const adminApi = {
  // Organisation and calendar
  organisation: () => api.get<OrganisationSettings>(`${base}/organisation`),
  updateOrganisation: (body: UpdateOrganisationInput) => api.patch<OrganisationSettings>(`${base}/organisation`, body),
  closureDays: (year: number) =>
    api.get<{ items: ClosureDay[] }>(`${base}/organisation/closure-days${query({ year })}`).then((r) => r.items),
  setClosureDay: (day: string, label: string) => api.put<ClosureDay>(`${base}/organisation/closure-days/${id(day)}`, { label }),
  deleteClosureDay: (day: string) => api.delete(`${base}/organisation/closure-days/${id(day)}`),
  holidays: (year: number) => api.get<{ year: number; holidays: Holiday[] }>(`${base}/organisation/holidays${query({ year })}`),

  // Units and associations
  units: () => api.get<{ items: Unit[] }>(`${base}/units`).then((r) => r.items),
  createUnit: (body: CreateUnitInput) => api.post<Unit>(`${base}/units`, body),
  updateUnit: (unitId: string, body: UpdateUnitInput) => api.patch<Unit>(`${base}/units/${id(unitId)}`, body),
  deleteUnit: (unitId: string) => api.delete(`${base}/units/${id(unitId)}`),
  associations: () => api.get<{ items: Association[] }>(`${base}/associations`).then((r) => r.items),
  createAssociation: (body: CreateAssociationInput) => api.post<Association>(`${base}/associations`, body),
  updateAssociation: (associationId: string, body: UpdateAssociationInput) =>
    api.patch<Association>(`${base}/associations/${id(associationId)}`, body),
  deleteAssociation: (associationId: string) => api.delete(`${base}/associations/${id(associationId)}`),

  // Persons
  persons: (filters: PersonFilters, signal?: AbortSignal) =>
    api.get<PersonPage>(
      `${base}/persons${query({ ...filters, hasLogin: filters.hasLogin === undefined ? undefined : String(filters.hasLogin) })}`,
      signal ? { signal } : {},
    ),
  person: (personId: string) => api.get<Person>(`${base}/persons/${id(personId)}`),
  createPerson: (body: CreatePersonInput) => api.post<Person>(`${base}/persons`, body),
  updatePerson: (personId: string, body: UpdatePersonInput) => api.patch<Person>(`${base}/persons/${id(personId)}`, body),
  deletePerson: (personId: string) => api.delete(`${base}/persons/${id(personId)}`),
  importPersons: (file: Blob, dryRun: boolean) =>
    api.post<ImportReport>(`${base}/persons/import${query({ dryRun: String(dryRun) })}`, undefined, {
      raw: { body: file, type: 'text/csv' },
    }),

  // Users and grants
  users: (filters: UserFilters, signal?: AbortSignal) =>
    api.get<UserPage>(`${base}/users${query({ ...filters })}`, signal ? { signal } : {}),
  user: (userId: string) => api.get<User>(`${base}/users/${id(userId)}`),
  createUser: (body: CreateUserInput) => api.post<User>(`${base}/users`, body),
  updateUser: (userId: string, body: UpdateUserInput) => api.patch<User>(`${base}/users/${id(userId)}`, body),
  sendPasswordReset: (userId: string) => api.post<PasswordResetSent>(`${base}/users/${id(userId)}/password-reset`),
  resetTotp: (userId: string, body: { password: string; code?: string }) =>
    api.post<TotpReset>(`${base}/users/${id(userId)}/totp/reset`, body),
  addGrant: (userId: string, body: GrantInput) => api.post<Grant>(`${base}/users/${id(userId)}/grants`, body),
  grants: (filters: { role?: AdminRole; unitId?: string; associationId?: string } = {}) =>
    api.get<{ items: GrantWithHolder[] }>(`${base}/grants${query(filters)}`).then((r) => r.items),
  updateGrant: (grantId: string, isPrimary: boolean) => api.patch<Grant>(`${base}/grants/${id(grantId)}`, { isPrimary }),
  deleteGrant: (grantId: string) => api.delete(`${base}/grants/${id(grantId)}`),

  // Mail
  mail: (status: MailStatus | undefined, limit = 100) =>
    api.get<z.infer<typeof mailListResponse>>(`${base}/mail${query({ status, limit })}`).then((r) => r.items),
  retryMail: (mailId: string) => api.post<MailMessage>(`${base}/mail/${id(mailId)}/retry`),
};

/** The report of a refused real import run (400 with `report`), if the answer carried one. */
export function refusedImportReport(error: unknown): ImportReport | undefined {
  const data = (error as { data?: unknown } | null)?.data;
  if (typeof data !== 'object' || data === null || !('report' in data)) return undefined;
  return (data as { report?: ImportReport }).report;
}
