import { z } from 'zod';
import { listRoleHolders, searchPersonsForReport } from '../../app/people/search-people.js';
import { errorResponse } from '../../contract/common.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const personChoice = z.object({ id: z.uuid(), fullName: z.string(), unitName: z.string().nullable(), jobTitle: z.string() });

export function peopleRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/persons',
    {
      config: { roles: ['supervisor', 'hr', 'general_direction'] },
      schema: {
        tags: ['people'],
        summary: 'Staff a supervisor (own units), HR or general direction may report for',
        querystring: z.strictObject({ q: z.string().max(200).default(''), limit: z.coerce.number().int().min(1).max(50).default(20) }),
        response: { 200: z.object({ items: z.array(personChoice) }), 403: errorResponse },
      },
    },
    async (request) => ({ items: await searchPersonsForReport(ctx, { actor: requirePrincipal(request), q: request.query.q, limit: request.query.limit }) }),
  );
  app.get(
    '/api/v1/people/holders',
    {
      config: { roles: ['supervisor', 'general_direction'] },
      schema: {
        tags: ['people'],
        summary: 'Logins holding a role (to add a participant, e.g. counsel)',
        querystring: z.strictObject({
          role: z.enum(['supervisor', 'general_direction', 'hr', 'it', 'union', 'legal']),
          q: z.string().max(200).default(''),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
        response: { 200: z.object({ items: z.array(z.object({ userId: z.uuid(), displayName: z.string(), isPrimary: z.boolean() })) }), 403: errorResponse },
      },
    },
    async (request) => ({ items: await listRoleHolders(ctx, { actor: requirePrincipal(request), role: request.query.role, q: request.query.q, limit: request.query.limit }) }),
  );
}
