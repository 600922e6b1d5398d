// CSV import of the staff directory (admin). Its own route scope: only CSV bodies are parsed
// here (up to 10 MB), every other media type answers 415.
import { z } from 'zod';
import { directoryActor } from '../../app/directory/actor.js';
import { importPersons } from '../../app/directory/import-persons.js';
import { errorResponse } from '../../contract/common.js';
import { importPersonsQuery, importRefusedResponse, importReport } from '../../contract/directory.js';
import { decodeCsvBytes } from '../../domain/directory/person-csv.js';
import { t } from '../../locales/index.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const admin = { roles: ['admin' as const] };
export const CSV_BODY_LIMIT = 10 * 1024 * 1024;
// Browsers on Windows label .csv files application/vnd.ms-excel when Excel is installed.
const csvMediaTypes = ['text/csv', 'application/csv', 'application/vnd.ms-excel'];

export function adminPersonImportRoutes(app: App, { ctx }: RouteDeps): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(csvMediaTypes, { parseAs: 'buffer', bodyLimit: CSV_BODY_LIMIT }, (_request, body, done) => {
    done(null, decodeCsvBytes(body as Buffer));
  });

  app.post(
    '/api/v1/admin/persons/import',
    {
      config: admin,
      bodyLimit: CSV_BODY_LIMIT,
      schema: {
        tags: ['admin: persons'],
        summary: 'Import the staff directory from CSV (upsert by employee number, else e-mail); all rows or none',
        description:
          'Body: the CSV file (text/csv, UTF-8 with or without BOM; Windows-1252 is detected), separator `,` or `;`, a header row. ' +
          'Columns (French or English): nom/full_name, courriel/email (required), unite/unit (name or code), titre/job_title, association, ' +
          'matricule/employee_number, langue/locale (fr, en). `dryRun=true` checks and counts without writing. A real run with any error ' +
          'writes nothing and answers 400 with the report. Messages follow Accept-Language.',
        consumes: csvMediaTypes,
        querystring: importPersonsQuery,
        body: z.string().describe('The CSV file'),
        response: {
          200: importReport,
          400: importRefusedResponse,
          401: errorResponse,
          403: errorResponse,
          413: errorResponse,
          415: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const report = await importPersons(ctx, {
        actor: directoryActor(requirePrincipal(request), request.locale),
        text: request.body,
        dryRun: request.query.dryRun,
      });
      if (report.dryRun || report.applied) return report;
      return reply.status(400).send({
        error: {
          code: 'invalid_input' as const,
          message: t(request.locale, 'directory.error.import_refused', { count: report.errorCount }),
        },
        report,
      });
    },
  );
}
