// GET/PUT /api/v1/admin/playbook and POST /api/v1/admin/playbook/preview (src/contract/playbook.ts).
import { api } from '../../api/client';
import type { PlaybookData, PlaybookDefinition, PreviewFacts, PreviewResult } from './model';

const base = '/api/v1/admin/playbook';

export const playbookApi = {
  get: () => api.get<PlaybookData>(base),
  preview: (definition: PlaybookDefinition, facts: PreviewFacts) => api.post<PreviewResult>(`${base}/preview`, { definition, facts }),
  save: (definition: PlaybookDefinition, basedOnVersion: number) => api.put<PlaybookData>(base, { definition, basedOnVersion }),
};
