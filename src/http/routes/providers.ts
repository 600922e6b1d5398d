// The provider directory and help organisations (any signed-in user reads; admins edit), and the
// organisation's removal-request reminder delay (admin).
import { createProvider } from '../../app/takedowns/create-provider.js';
import { getProvider } from '../../app/takedowns/get-provider.js';
import { listProviders } from '../../app/takedowns/list-providers.js';
import { getTakedownSettings, updateTakedownSettings } from '../../app/takedowns/takedown-settings.js';
import { updateProvider } from '../../app/takedowns/update-provider.js';
import { errorResponse } from '../../contract/common.js';
import {
  createProviderBody,
  providerDirectoryResponse,
  providerParams,
  providerSchema,
  takedownSettingsBody,
  takedownSettingsSchema,
  updateProviderBody,
} from '../../contract/takedowns.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const admin = { roles: ['admin' as const] };
const denied = { 401: errorResponse, 403: errorResponse };

export function providerRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/providers',
    {
      schema: {
        tags: ['providers'],
        summary: 'The provider directory (reporting channels, with sources and review dates) and help organisations',
        description: 'Entries last reviewed more than a year ago have `stale: true`.',
        response: { 200: providerDirectoryResponse, 401: errorResponse },
      },
    },
    async (request) => listProviders(ctx, { locale: request.locale }),
  );

  app.get(
    '/api/v1/providers/:id',
    {
      schema: {
        tags: ['providers'],
        summary: 'One directory entry',
        params: providerParams,
        response: { 200: providerSchema, 401: errorResponse, 404: errorResponse },
      },
    },
    async (request) => getProvider(ctx, { providerId: request.params.id }),
  );

  app.patch(
    '/api/v1/admin/providers/:id',
    {
      config: admin,
      schema: {
        tags: ['admin: providers'],
        summary: 'Edit a directory entry (channels, URLs, domains, notes) or mark it reviewed today',
        description:
          'Edits are kept over the seed data across upgrades. A channel keeps its `source` and `verified` flag unless new ones are given.',
        params: providerParams,
        body: updateProviderBody,
        response: { 200: providerSchema, 400: errorResponse, 404: errorResponse, ...denied },
      },
    },
    async (request) => updateProvider(ctx, { actor: requirePrincipal(request), providerId: request.params.id, body: request.body }),
  );

  app.post(
    '/api/v1/admin/providers',
    {
      config: admin,
      schema: {
        tags: ['admin: providers'],
        summary: 'Add a provider the directory does not list (domains for recognition, reporting channels)',
        body: createProviderBody,
        response: { 201: providerSchema, 400: errorResponse, 409: errorResponse, ...denied },
      },
    },
    async (request, reply) => reply.status(201).send(await createProvider(ctx, { actor: requirePrincipal(request), body: request.body })),
  );

  app.get(
    '/api/v1/admin/takedown-settings',
    {
      config: admin,
      schema: {
        tags: ['admin: providers'],
        summary: 'Days before an unanswered removal request is brought back',
        response: { 200: takedownSettingsSchema, ...denied },
      },
    },
    async (request) => getTakedownSettings(ctx, { actor: requirePrincipal(request) }),
  );

  app.patch(
    '/api/v1/admin/takedown-settings',
    {
      config: admin,
      schema: {
        tags: ['admin: providers'],
        summary: 'Set the reminder delay (1 to 90 days; default 7)',
        body: takedownSettingsBody,
        response: { 200: takedownSettingsSchema, 400: errorResponse, ...denied },
      },
    },
    async (request) => updateTakedownSettings(ctx, { actor: requirePrincipal(request), body: request.body }),
  );
}
