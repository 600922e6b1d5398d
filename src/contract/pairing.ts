import { z } from 'zod';

export const startPairingBody = z.strictObject({
  clientName: z.string().trim().min(1).max(100),
  clientKind: z.enum(['extension', 'app', 'other']).default('extension'),
});

export const startPairingResponse = z.object({
  id: z.uuid(),
  userCode: z.string(),
  pollSecret: z.string(),
  expiresAt: z.string(),
  verificationUrl: z.string(),
  intervalSeconds: z.number(),
});

export const approvePairingBody = z.strictObject({ userCode: z.string().trim().min(8).max(20) });
export const approvePairingResponse = z.object({ clientName: z.string(), clientKind: z.string() });

export const pollPairingBody = z.strictObject({ pollSecret: z.string().min(20).max(200) });
export const pollPairingResponse = z.union([
  z.object({ status: z.literal('pending') }),
  z.object({ status: z.literal('approved'), token: z.string(), scopes: z.array(z.string()), userEmail: z.string(), userName: z.string() }),
]);
