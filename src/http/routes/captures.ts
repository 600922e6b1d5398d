import { z } from 'zod';
import { addLocation } from '../../app/cases/add-location.js';
import { requestCapture } from '../../app/evidence/request-capture.js';
import { retryCapture } from '../../app/evidence/retry-capture.js';
import { addLocationBody, addLocationResponse, captureBody, captureResponse } from '../../contract/captures.js';
import { errorResponse } from '../../contract/common.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const params = z.strictObject({ id: z.string().max(64) });
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse };

export function captureRoutes(app: App, { ctx }: RouteDeps): void {
  app.post(
    '/api/v1/cases/:id/captures',
    {
      schema: {
        tags: ['evidence'],
        summary: 'Queue a server capture of a URL (headless Chromium behind the private-network rule)',
        description:
          'Answers 202 at once; follow the capture with GET /api/v1/evidence/{evidenceId}. A non-http(s) URL, or a host resolving to a loopback, private, link-local or otherwise non-public address (unless in CAPTURE_ALLOW_HOSTS), answers 422 destination_blocked and queues nothing.',
        params,
        body: captureBody,
        response: { 202: captureResponse, ...errors },
      },
    },
    async (request, reply) => {
      const result = await requestCapture(ctx, { actor: requirePrincipal(request), caseId: request.params.id, url: request.body.url });
      return reply.status(202).send(result);
    },
  );

  app.post(
    '/api/v1/evidence/:id/retry',
    {
      schema: {
        tags: ['evidence'],
        summary: 'Queue a failed server capture again',
        params,
        response: { 202: captureResponse, ...errors },
      },
    },
    async (request, reply) => {
      const result = await retryCapture(ctx, { actor: requirePrincipal(request), evidenceId: request.params.id });
      return reply.status(202).send(result);
    },
  );

  app.post(
    '/api/v1/cases/:id/locations',
    {
      schema: {
        tags: ['cases'],
        summary: 'Add a location (URL where the content appears); it is captured at once and gets its tasks',
        params,
        body: addLocationBody,
        response: { 201: addLocationResponse, ...errors },
      },
    },
    async (request, reply) => {
      const result = await addLocation(ctx, { actor: requirePrincipal(request), caseId: request.params.id, body: request.body });
      return reply.status(201).send(result);
    },
  );
}
