// POST /api/v1/pairings/approve, typed from src/contract/pairing.ts.
import type { z } from 'zod';
import type { approvePairingBody, approvePairingResponse } from '../../../../src/contract/pairing';
import { api } from '../../api/client';

export type ApprovedPairing = z.infer<typeof approvePairingResponse>;

export const pairingApi = {
  approve: (body: z.input<typeof approvePairingBody>) => api.post<ApprovedPairing>('/api/v1/pairings/approve', body),
};
