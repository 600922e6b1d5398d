// Watches (step 4.3.1 as a standing search) and their triage inbox over the API
// (src/http/routes/watches.ts; docs/watches.md). Types come from src/contract/watches.ts.
import type { z } from 'zod';
import type {
  createWatchBody,
  importWatchResultsResponse,
  runWatchResponse,
  searchProviderSchema,
  triageWatchResultBody,
  triageWatchResultResponse,
  updateWatchBody,
  watchQueryKindSchema,
  watchResultSchema,
  watchResultStatusSchema,
  watchSchema,
} from '../../../../src/contract/watches';
import { api } from '../../api/client';

export type Watch = z.infer<typeof watchSchema>;
export type WatchResult = z.infer<typeof watchResultSchema>;
export type WatchResultStatus = z.infer<typeof watchResultStatusSchema>;
export type SearchProvider = z.infer<typeof searchProviderSchema>;
export type QueryKind = z.infer<typeof watchQueryKindSchema>;
export type CreateWatchBody = z.input<typeof createWatchBody>;
export type UpdateWatchBody = z.input<typeof updateWatchBody>;
export type TriageAction = z.infer<typeof triageWatchResultBody>['action'];

export const searchProviders: readonly SearchProvider[] = ['searxng', 'brave'];
export const queryKinds: readonly QueryKind[] = ['name', 'handle', 'phrase'];
export const resultStatuses: readonly WatchResultStatus[] = ['new', 'dismissed', 'added', 'added_captured'];

const enc = encodeURIComponent;

export const watchesApi = {
  list: (caseId: string) => api.get<Watch[]>(`/api/v1/cases/${enc(caseId)}/watches`),
  create: (caseId: string, body: CreateWatchBody) => api.post<Watch>(`/api/v1/cases/${enc(caseId)}/watches`, body),
  update: (id: string, body: UpdateWatchBody) => api.patch<Watch>(`/api/v1/watches/${enc(id)}`, body),
  remove: (id: string) => api.delete(`/api/v1/watches/${enc(id)}`),
  run: (id: string) => api.post<z.infer<typeof runWatchResponse>>(`/api/v1/watches/${enc(id)}/run`),
  results: (caseId: string, status?: WatchResultStatus) =>
    api.get<WatchResult[]>(`/api/v1/cases/${enc(caseId)}/watch-results${status ? `?status=${enc(status)}` : ''}`),
  importUrls: (caseId: string, text: string) =>
    api.post<z.infer<typeof importWatchResultsResponse>>(`/api/v1/cases/${enc(caseId)}/watch-results/import`, { text }),
  triage: (id: string, action: TriageAction) =>
    api.patch<z.infer<typeof triageWatchResultResponse>>(`/api/v1/watch-results/${enc(id)}`, { action }),
};

/** Lines of a textarea, trimmed, without empty ones or duplicates. */
export function lines(text: string): string[] {
  return [...new Set(text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))];
}
