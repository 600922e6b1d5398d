// Cases, tasks and consents over the API (src/http/routes/cases.ts). Shapes come from the
// server's zod schemas in src/contract/cases.ts (types only: zod is not shipped to the browser).
import type { z } from 'zod';
import type {
  caseSchema,
  caseStatusSchema,
  caseSummarySchema,
  consentBody,
  consentPurposeSchema,
  consentResponse,
  flagsSchema,
  instigatorKindSchema,
  listCasesResponse,
  myTaskSchema,
  openCaseBody,
  taskSchema,
  updateCaseBody,
  updateTaskBody,
} from '../../../../src/contract/cases';
import { api } from '../../api/client';

export type CaseDetail = z.infer<typeof caseSchema>;
export type CaseSummary = z.infer<typeof caseSummarySchema>;
export type CaseStatus = z.infer<typeof caseStatusSchema>;
export type CaseFlags = z.infer<typeof flagsSchema>;
export type FlagName = keyof CaseFlags;
export type Task = z.infer<typeof taskSchema>;
export type MyTask = z.infer<typeof myTaskSchema>;
export type ConsentPurpose = z.infer<typeof consentPurposeSchema>;
export type InstigatorKind = z.infer<typeof instigatorKindSchema>;
export type OpenCaseBody = z.input<typeof openCaseBody>;
export type UpdateCaseBody = z.input<typeof updateCaseBody>;
export type UpdateTaskBody = z.input<typeof updateTaskBody>;
export type ConsentBody = z.input<typeof consentBody>;
export type CaseList = z.infer<typeof listCasesResponse>;

/** Same order as the contract's enums (the procedure's order). */
export const caseStatuses: readonly CaseStatus[] = ['reported', 'acknowledged', 'in_progress', 'mitigated', 'closed'];
export const flagNames: readonly FlagName[] = [
  'illegalOrSerious',
  'studentInvolved',
  'staffInvolved',
  'publicExposure',
  'accountCompromised',
];
export const consentPurposes: readonly ConsentPurpose[] = ['union_notice', 'takedown', 'police_dossier_share'];
export const instigatorKinds: readonly InstigatorKind[] = ['student', 'parent', 'staff', 'other', 'unknown'];

const casePath = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

export const casesApi = {
  /** `idempotencyKey`: one per report form; a retry with the same key returns the first answer. */
  open: (body: OpenCaseBody, idempotencyKey: string) =>
    api.post<CaseDetail>('/api/v1/cases', body, { headers: { 'idempotency-key': idempotencyKey } }),
  list: (query: { status?: CaseStatus | undefined; q?: string | undefined; cursor?: string | undefined; limit?: number }) => {
    const params = new URLSearchParams();
    if (query.status) params.set('status', query.status);
    if (query.q) params.set('q', query.q);
    if (query.cursor) params.set('cursor', query.cursor);
    if (query.limit) params.set('limit', String(query.limit));
    const search = params.toString();
    return api.get<CaseList>(`/api/v1/cases${search ? `?${search}` : ''}`);
  },
  get: (id: string, signal?: AbortSignal) => api.get<CaseDetail>(casePath(id), signal ? { signal } : {}),
  update: (id: string, body: UpdateCaseBody) => api.patch<CaseDetail>(casePath(id), body),
  tasks: (id: string) => api.get<Task[]>(`${casePath(id)}/tasks`),
  updateTask: (taskId: string, body: UpdateTaskBody) => api.patch<Task>(`/api/v1/tasks/${encodeURIComponent(taskId)}`, body),
  myTasks: () => api.get<MyTask[]>('/api/v1/me/tasks'),
  recordConsent: (id: string, body: ConsentBody) => api.post<z.infer<typeof consentResponse>>(`${casePath(id)}/consents`, body),
};

/** Paths of the case screens (the e-mails link to `/dossiers/<id>`: keep it). */
export const casePaths = {
  list: '/dossiers',
  case: (id: string) => `/dossiers/${encodeURIComponent(id)}`,
  consents: (id: string) => `/dossiers/${encodeURIComponent(id)}/consentements`,
} as const;
