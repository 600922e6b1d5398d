import { meResponse, updateMeBody } from '../../contract/auth.js';
import { getMe, updateMe } from '../../app/auth/me.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

export function meRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/me',
    { config: { allowWithoutTotp: true, scopes: ['capture'] }, schema: { tags: ['auth'], summary: 'The current user, roles and units', response: { 200: meResponse } } },
    async (request) => getMe(ctx, requirePrincipal(request)),
  );
  app.patch(
    '/api/v1/me',
    { config: { allowWithoutTotp: true }, schema: { tags: ['auth'], summary: 'Change my language or display name', body: updateMeBody, response: { 200: meResponse } } },
    async (request) => {
      const principal = requirePrincipal(request);
      await updateMe(ctx, principal, request.body);
      const { locale, displayName } = request.body;
      return getMe(ctx, { ...principal, ...(locale ? { locale } : {}), ...(displayName ? { displayName } : {}) });
    },
  );
}
