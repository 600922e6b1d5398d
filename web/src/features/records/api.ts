// Records of a case (typed journal entries) over the API (src/http/routes/records.ts), typed
// from src/contract/records.ts (types only).
import type { z } from 'zod';
import type {
  communicationAudiences,
  createRecordBody,
  inviteToMeetingResponse,
  parentContactMeans,
  RecordData,
  RecordJson,
  RecordType,
  recordVersionSchema,
} from '../../../../src/contract/records';
import { api } from '../../api/client';
import type { CaseDetail } from '../cases/api';

export type { RecordData, RecordJson, RecordType };
export type CreateRecordInput = z.input<typeof createRecordBody>;
export type RecordVersion = z.infer<typeof recordVersionSchema>;
export type InviteResult = z.infer<typeof inviteToMeetingResponse>;
export type ParentContactMeans = (typeof parentContactMeans)[number];
export type CommunicationAudience = (typeof communicationAudiences)[number];

/** The order of the panel's groups and of the « Ajouter » choices (the procedure's order). */
export const recordTypes: readonly RecordType[] = [
  'meeting',
  'instigator',
  'parent_contact',
  'police_report',
  'legal_consultation',
  'communication_draft',
  'note',
];
export const meansList: readonly ParentContactMeans[] = ['phone', 'meeting', 'email', 'letter', 'other'];
export const audiences: readonly CommunicationAudience[] = ['board', 'press', 'staff', 'parents', 'other'];

const enc = encodeURIComponent;

export const recordsApi = {
  list: (caseId: string) => api.get<RecordJson[]>(`/api/v1/cases/${enc(caseId)}/records`),
  get: (id: string) => api.get<RecordJson>(`/api/v1/records/${enc(id)}`),
  create: (caseId: string, body: CreateRecordInput) => api.post<RecordJson>(`/api/v1/cases/${enc(caseId)}/records`, body),
  update: (id: string, data: Record<string, unknown>, version: number) =>
    api.patch<RecordJson>(`/api/v1/records/${enc(id)}`, { data, version }),
  versions: (id: string) => api.get<RecordVersion[]>(`/api/v1/records/${enc(id)}/versions`),
  approve: (id: string, version: number) => api.post<RecordJson>(`/api/v1/records/${enc(id)}/approve`, { version }),
  invite: (id: string, userIds: string[]) => api.post<InviteResult>(`/api/v1/records/${enc(id)}/invite`, { userIds }),
};

export const recordPaths = {
  ics: (id: string) => `/api/v1/records/${enc(id)}/ics`,
};

type Viewer = CaseDetail['viewer'];
const writers = ['supervisor', 'general_direction', 'hr', 'it', 'legal'];

/** The types the reader may add (docs/cases.md "Who writes what"; the server checks again). */
export function writableTypes(viewer: Viewer): RecordType[] {
  if (viewer.access === 'grant') return [];
  if (viewer.access === 'affected') return ['police_report', 'note'];
  if (viewer.roles.some((r) => writers.includes(r))) return [...recordTypes];
  if (viewer.roles.includes('union')) return ['note'];
  return [];
}

/** Only general direction approves a communication draft (step 4.5.1). */
export const mayApprove = (viewer: Viewer) => viewer.access === 'participant' && viewer.roles.includes('general_direction');
