import { z } from 'zod';
import { approvePairing, pollPairing, startPairing } from '../../app/pairing/pairing.js';
import { errorResponse } from '../../contract/common.js';
import { approvePairingBody, approvePairingResponse, pollPairingBody, pollPairingResponse, startPairingBody, startPairingResponse } from '../../contract/pairing.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

export function pairingRoutes(app: App, { ctx }: RouteDeps): void {
  app.post(
    '/api/v1/pairings',
    {
      config: { auth: 'public', crossOrigin: true },
      schema: { tags: ['pairing'], summary: 'A capture client (extension, app) starts pairing and shows the user code', body: startPairingBody, response: { 201: startPairingResponse, 429: errorResponse } },
    },
    async (request, reply) => reply.status(201).send(await startPairing(ctx, { body: request.body, address: request.ip })),
  );
  app.post(
    '/api/v1/pairings/approve',
    {
      schema: { tags: ['pairing'], summary: 'The signed-in user approves the code shown by the client', body: approvePairingBody, response: { 200: approvePairingResponse, 403: errorResponse, 422: errorResponse, 429: errorResponse } },
    },
    async (request) => approvePairing(ctx, { actor: requirePrincipal(request), userCode: request.body.userCode }),
  );
  app.post(
    '/api/v1/pairings/:id/token',
    {
      config: { auth: 'public', crossOrigin: true },
      schema: {
        tags: ['pairing'],
        summary: 'The client polls; once approved it receives, once, a token limited to the capture scope',
        params: z.strictObject({ id: z.string().max(64) }),
        body: pollPairingBody,
        response: { 200: pollPairingResponse, 422: errorResponse },
      },
    },
    async (request) => pollPairing(ctx, { id: request.params.id, pollSecret: request.body.pollSecret }),
  );
}
