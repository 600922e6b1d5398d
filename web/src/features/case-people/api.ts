// Participants, access grants and the access log of a case (src/http/routes/participants.ts),
// typed from src/contract/participants.ts; the role holders a supervisor may add come from
// GET /api/v1/people/holders (src/http/routes/people.ts — its schema is written in the route, not
// in src/contract, so its answer is typed here by hand).
import type { z } from 'zod';
import type {
  accessLogResponse,
  addableRoleSchema,
  addParticipantBody,
  caseGrantSchema,
  grantAccessBody,
  participantsResponse,
} from '../../../../src/contract/participants';
import { api } from '../../api/client';
import type { CaseDetail } from '../cases/api';

export type Participants = z.infer<typeof participantsResponse>;
export type CaseParticipant = Participants['participants'][number];
export type CaseGrant = z.infer<typeof caseGrantSchema>;
export type AccessLog = z.infer<typeof accessLogResponse>;
export type AccessLogEntry = AccessLog['items'][number];
export type AddableRole = z.infer<typeof addableRoleSchema>;
export type AddParticipantBody = z.input<typeof addParticipantBody>;
export type GrantAccessBody = z.input<typeof grantAccessBody>;

/** GET /api/v1/people/holders → items (see the route). */
export interface RoleHolder {
  userId: string;
  displayName: string;
  isPrimary: boolean;
}

/** The contract's addable roles, counsel first (step 4.6.1 is the usual reason to add someone). */
export const addableRoles: readonly AddableRole[] = ['legal', 'hr', 'it', 'supervisor', 'general_direction', 'union'];
/** At most 30 days (src/contract/participants.ts GRANT_MAX_DAYS). */
export const GRANT_MAX_DAYS = 30;

const enc = encodeURIComponent;

export const peopleApi = {
  participants: (caseId: string) => api.get<Participants>(`/api/v1/cases/${enc(caseId)}/participants`),
  add: (caseId: string, body: AddParticipantBody) => api.post<Participants>(`/api/v1/cases/${enc(caseId)}/participants`, body),
  remove: (caseId: string, userId: string, role: string) =>
    api.delete(`/api/v1/cases/${enc(caseId)}/participants/${enc(userId)}/${enc(role)}`),
  grant: (caseId: string, body: GrantAccessBody) => api.post<CaseGrant>(`/api/v1/cases/${enc(caseId)}/grants`, body),
  revoke: (grantId: string) => api.delete(`/api/v1/grants/${enc(grantId)}`),
  accessLog: (caseId: string, cursor?: string) =>
    api.get<AccessLog>(`/api/v1/cases/${enc(caseId)}/access-log?limit=100${cursor ? `&cursor=${enc(cursor)}` : ''}`),
  holders: (role: AddableRole, q = '') => api.get<{ items: RoleHolder[] }>(`/api/v1/people/holders?role=${enc(role)}&q=${enc(q)}&limit=50`),
};

type Viewer = CaseDetail['viewer'];

/** The affected person (Québec Law 25), the case's supervisor and general direction. */
export function mayReadAccessLog(viewer: Viewer): boolean {
  return (
    viewer.access === 'affected' ||
    (viewer.access === 'participant' && viewer.roles.some((r) => r === 'supervisor' || r === 'general_direction'))
  );
}
