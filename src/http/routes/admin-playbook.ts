import { errorResponse } from '../../contract/common.js';
import { playbookResponse, previewPlaybookBody, previewPlaybookResponse, savePlaybookBody } from '../../contract/playbook.js';
import { getPlaybook, previewPlaybook, savePlaybook } from '../../app/playbook/manage-playbook.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

export function adminPlaybookRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/admin/playbook',
    { config: { roles: ['admin'] }, schema: { tags: ['playbook'], summary: "The organisation's current playbook and its versions", response: { 200: playbookResponse } } },
    async (request) => getPlaybook(ctx, requirePrincipal(request)),
  );
  app.post(
    '/api/v1/admin/playbook/preview',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['playbook'], summary: 'Validate a definition and preview the tasks it would create', body: previewPlaybookBody, response: { 200: previewPlaybookResponse, 400: errorResponse } },
    },
    async (request) => previewPlaybook(ctx, { actor: requirePrincipal(request), body: request.body, locale: request.locale }),
  );
  app.put(
    '/api/v1/admin/playbook',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['playbook'],
        summary: 'Save a new version (refused with the problems when invalid; 409 when based on an old version)',
        body: savePlaybookBody,
        response: { 200: playbookResponse, 400: errorResponse, 409: errorResponse },
      },
    },
    async (request) => savePlaybook(ctx, { actor: requirePrincipal(request), body: request.body, locale: request.locale }),
  );
}
