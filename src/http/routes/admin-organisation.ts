// Organisation settings, business calendar and closure days (admin).
import { z } from 'zod';
import { directoryActor } from '../../app/directory/actor.js';
import { deleteClosureDay } from '../../app/directory/delete-closure-day.js';
import { getClosureDay } from '../../app/directory/get-closure-day.js';
import { getOrganisationSettings } from '../../app/directory/get-organisation-settings.js';
import { listClosureDays } from '../../app/directory/list-closure-days.js';
import { listHolidays } from '../../app/directory/list-holidays.js';
import { setClosureDay } from '../../app/directory/set-closure-day.js';
import { updateOrganisationSettings } from '../../app/directory/update-organisation-settings.js';
import { errorResponse } from '../../contract/common.js';
import {
  closureDay,
  closureDayParams,
  closureDaysQuery,
  holidaysQuery,
  holidaysResponse,
  organisationSettings,
  setClosureDayBody,
  updateOrganisationBody,
} from '../../contract/directory.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const admin = { roles: ['admin' as const] };
const tags = ['admin: organisation'];
const denied = { 401: errorResponse, 403: errorResponse };

export function adminOrganisationRoutes(app: App, { ctx }: RouteDeps): void {
  app.get(
    '/api/v1/admin/organisation',
    {
      config: admin,
      schema: {
        tags,
        summary: "The caller's organisation: name, language, business calendar, second-factor policy",
        response: { 200: organisationSettings, ...denied },
      },
    },
    async (request) => getOrganisationSettings(ctx, { actor: directoryActor(requirePrincipal(request), request.locale) }),
  );

  app.patch(
    '/api/v1/admin/organisation',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change organisation settings (only the fields sent); the calendar is checked as a whole',
        body: updateOrganisationBody,
        response: { 200: organisationSettings, 400: errorResponse, ...denied },
      },
    },
    async (request) =>
      updateOrganisationSettings(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), input: request.body }),
  );

  app.get(
    '/api/v1/admin/organisation/closure-days',
    {
      config: admin,
      schema: {
        tags,
        summary: "The board's own closure days, by date",
        querystring: closureDaysQuery,
        response: { 200: z.object({ items: z.array(closureDay) }), 400: errorResponse, ...denied },
      },
    },
    async (request) => ({
      items: await listClosureDays(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), year: request.query.year }),
    }),
  );

  app.get(
    '/api/v1/admin/organisation/closure-days/:day',
    {
      config: admin,
      schema: {
        tags,
        summary: 'One closure day',
        params: closureDayParams,
        response: { 200: closureDay, 400: errorResponse, 404: errorResponse, ...denied },
      },
    },
    async (request) => getClosureDay(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), day: request.params.day }),
  );

  app.put(
    '/api/v1/admin/organisation/closure-days/:day',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Add a closure day (201) or change its label (200)',
        params: closureDayParams,
        body: setClosureDayBody,
        response: { 200: closureDay, 201: closureDay, 400: errorResponse, ...denied },
      },
    },
    async (request, reply) => {
      const result = await setClosureDay(ctx, {
        actor: directoryActor(requirePrincipal(request), request.locale),
        day: request.params.day,
        label: request.body.label,
      });
      return reply.status(result.created ? 201 : 200).send(result.closureDay);
    },
  );

  app.delete(
    '/api/v1/admin/organisation/closure-days/:day',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Remove a closure day',
        params: closureDayParams,
        response: { 204: z.null(), 400: errorResponse, 404: errorResponse, ...denied },
      },
    },
    async (request, reply) => {
      await deleteClosureDay(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), day: request.params.day });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/admin/organisation/holidays',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Statutory holidays (Québec, with the Easter options) and closure days of a year, as the due-time rules count them',
        querystring: holidaysQuery,
        response: { 200: holidaysResponse, 400: errorResponse, ...denied },
      },
    },
    async (request) => listHolidays(ctx, { actor: directoryActor(requirePrincipal(request), request.locale), year: request.query.year }),
  );
}
