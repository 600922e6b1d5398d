// Removal requests (steps 4.3.2, 4.3.3): drafts with generated texts, submission behind the
// staff member's consent, tracking, the report package and the mandate letter; a web host's
// abuse contact (RDAP); the help organisations that apply to a case; account recovery (4.6.2).
import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import { getAccountRecovery, updateAccountRecovery } from '../../app/takedowns/account-recovery.js';
import { addTakedownFollowup } from '../../app/takedowns/add-followup.js';
import { createTakedown } from '../../app/takedowns/create-takedown.js';
import { getCaseHelp } from '../../app/takedowns/get-case-help.js';
import { getTakedown } from '../../app/takedowns/get-takedown.js';
import { requestTakedownConsent } from '../../app/takedowns/request-consent.js';
import { listTakedowns } from '../../app/takedowns/list-takedowns.js';
import { getAbuseContact, lookupAbuseContact } from '../../app/takedowns/lookup-abuse-contact.js';
import { generateMandateLetter } from '../../app/takedowns/mandate-letter.js';
import { buildTakedownPackage } from '../../app/takedowns/takedown-package.js';
import { updateTakedown } from '../../app/takedowns/update-takedown.js';
import { uploadMandate } from '../../app/takedowns/upload-mandate.js';
import { errorResponse } from '../../contract/common.js';
import {
  abuseContactSchema,
  accountRecoveryPatch,
  accountRecoverySchema,
  caseHelpQuery,
  caseHelpResponse,
  consentRequestResponse,
  createTakedownBody,
  followupBody,
  listTakedownsResponse,
  locationParams,
  packageQuery,
  takedownSchema,
  updateTakedownBody,
} from '../../contract/takedowns.js';
import { DomainError } from '../../domain/errors.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const idParams = z.strictObject({ id: z.string().max(64) });
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const tags = ['takedowns'];
// Downloads are never rendered with the app's privileges (DESIGN.md §7).
const SANDBOX_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

export async function takedownRoutes(app: App, { ctx }: RouteDeps): Promise<void> {
  // The signed mandate is a multipart upload; the parser may already be registered app-wide.
  if (!app.hasContentTypeParser('multipart/form-data')) await app.register(fastifyMultipart);

  app.get(
    '/api/v1/cases/:id/help',
    {
      schema: {
        tags,
        summary: 'Help organisations that apply to the case (police, Cybertip.ca, StopNCII, CAVAC, CAI…), with why',
        params: idParams,
        querystring: caseHelpQuery,
        response: { 200: caseHelpResponse, 400: errorResponse, 401: errorResponse, 404: errorResponse },
      },
    },
    async (request) =>
      getCaseHelp(ctx, {
        actor: requirePrincipal(request),
        caseId: request.params.id,
        ground: request.query.ground,
        locale: request.locale,
      }),
  );

  app.post(
    '/api/v1/cases/:id/takedowns/consent-request',
    {
      schema: {
        tags,
        summary: 'Ask the affected staff member, in Rempart, for their consent to removal requests (notice and mail with a link)',
        description:
          'IT, the supervisor or general direction of the case. 409 when consent is already given, when the person has no active login, or when they were asked in the last 12 hours.',
        params: idParams,
        response: { 201: consentRequestResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await requestTakedownConsent(ctx, { actor: requirePrincipal(request), caseId: request.params.id })),
  );

  app.post(
    '/api/v1/cases/:id/takedowns',
    {
      schema: {
        tags,
        summary: 'Prepare a removal request (draft) to one provider for some of the case locations',
        description:
          'The texts (fr-CA and en) are generated for the provider and the ground, citing each URL with its sealed capture date and SHA-256 hashes.',
        params: idParams,
        body: createTakedownBody,
        response: { 201: takedownSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createTakedown(ctx, {
          actor: requirePrincipal(request),
          caseId: request.params.id,
          body: request.body,
          locale: request.locale,
        }),
      ),
  );

  app.get(
    '/api/v1/cases/:id/takedowns',
    {
      schema: {
        tags,
        summary: "The case's removal requests",
        params: idParams,
        response: { 200: listTakedownsResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => listTakedowns(ctx, { actor: requirePrincipal(request), caseId: request.params.id, locale: request.locale }),
  );

  app.get(
    '/api/v1/takedowns/:id',
    {
      schema: {
        tags,
        summary: 'One removal request',
        params: idParams,
        response: { 200: takedownSchema, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => getTakedown(ctx, { actor: requirePrincipal(request), requestId: request.params.id, locale: request.locale }),
  );

  app.patch(
    '/api/v1/takedowns/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft, or move the request: draft → submitted → acknowledged → removed | refused | no_response',
        description:
          "Submitting needs the staff member's `takedown` consent (409 `consent_required`) and sealed evidence for every location (409 `evidence_required`, unless `overrideReason`). `removed` needs a re-check that found the content gone or `confirmation.note`.",
        params: idParams,
        body: updateTakedownBody,
        response: { 200: takedownSchema, ...errors },
      },
    },
    async (request) =>
      updateTakedown(ctx, { actor: requirePrincipal(request), requestId: request.params.id, body: request.body, locale: request.locale }),
  );

  app.post(
    '/api/v1/takedowns/:id/followups',
    {
      schema: {
        tags,
        summary: 'Add a note, a reminder sent to the provider, or its reply',
        params: idParams,
        body: followupBody,
        response: { 201: takedownSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addTakedownFollowup(ctx, {
          actor: requirePrincipal(request),
          requestId: request.params.id,
          body: request.body,
          locale: request.locale,
        }),
      ),
  );

  app.get(
    '/api/v1/takedowns/:id/package',
    {
      exposeHeadRoute: false,
      schema: {
        tags,
        summary:
          "The report package: numbered steps for the provider's channel, the text to paste, the evidence (zip: with the sealed files and SHA256SUMS)",
        params: idParams,
        querystring: packageQuery,
        response: {
          200: z
            .unknown()
            .meta({ description: 'HTML page (format=html) or ZIP archive (format=zip, streamed)', type: 'string', format: 'binary' }),
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const result = await buildTakedownPackage(ctx, {
        actor: requirePrincipal(request),
        requestId: request.params.id,
        format: request.query.format,
        locale: request.query.locale ?? request.locale,
      });
      reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
      if (result.format === 'html') {
        return reply
          .header('content-security-policy', SANDBOX_CSP)
          .header('content-disposition', `inline; filename="${result.filename}"`)
          .type('text/html; charset=utf-8')
          .send(result.html);
      }
      return reply.header('content-disposition', `attachment; filename="${result.filename}"`).type('application/zip').send(result.stream);
    },
  );

  app.get(
    '/api/v1/takedowns/:id/mandate.pdf',
    {
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: "The mandate letter to sign (French and English), naming the board as the staff member's representative for this request",
        params: idParams,
        response: {
          200: z.unknown().meta({ description: 'PDF', type: 'string', format: 'binary' }),
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const { pdf, filename } = await generateMandateLetter(ctx, { actor: requirePrincipal(request), requestId: request.params.id });
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('content-security-policy', SANDBOX_CSP)
        .type('application/pdf')
        .send(Buffer.from(pdf));
    },
  );

  app.post(
    '/api/v1/takedowns/:id/mandate',
    {
      schema: {
        tags,
        summary: 'Upload the signed mandate (multipart part `file`: a PDF, JPEG, PNG or TIFF scan)',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: takedownSchema, ...errors, 413: errorResponse, 415: errorResponse, 422: errorResponse },
      },
    },
    async (request, reply) => {
      const actor = requirePrincipal(request);
      const part = await request.file({ limits: { fileSize: ctx.config.uploadMaxBytes, files: 1 } });
      if (part?.fieldname !== 'file') throw new DomainError('invalid_input', { fields: [{ path: 'file', message: 'field.required' }] });
      const bytes = await part.toBuffer();
      const result = await uploadMandate(ctx, {
        actor,
        requestId: request.params.id,
        file: { bytes, filename: part.filename },
        locale: request.locale,
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/v1/locations/:id/abuse-contact',
    {
      schema: {
        tags,
        summary: "The last abuse-contact lookup of a location's host (RDAP)",
        params: locationParams,
        response: { 200: abuseContactSchema, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => getAbuseContact(ctx, { actor: requirePrincipal(request), locationId: request.params.id, locale: request.locale }),
  );

  app.post(
    '/api/v1/locations/:id/abuse-contact',
    {
      schema: {
        tags,
        summary: "Look up the abuse contact of a location's host: its network and its domain's registrar (RDAP, RDAP_BASE_URL)",
        params: locationParams,
        response: { 200: abuseContactSchema, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => lookupAbuseContact(ctx, { actor: requirePrincipal(request), locationId: request.params.id, locale: request.locale }),
  );

  app.get(
    '/api/v1/cases/:id/account-recovery',
    {
      schema: {
        tags,
        summary: 'Account-recovery checklist per provider (step 4.6.2)',
        params: idParams,
        response: { 200: accountRecoverySchema, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => getAccountRecovery(ctx, { actor: requirePrincipal(request), caseId: request.params.id, locale: request.locale }),
  );

  app.patch(
    '/api/v1/cases/:id/account-recovery',
    {
      schema: {
        tags,
        summary: 'Add providers to the checklist, tick steps (who and when are recorded); needs the accountCompromised flag',
        params: idParams,
        body: accountRecoveryPatch,
        response: { 200: accountRecoverySchema, ...errors },
      },
    },
    async (request) =>
      updateAccountRecovery(ctx, {
        actor: requirePrincipal(request),
        caseId: request.params.id,
        body: request.body,
        locale: request.locale,
      }),
  );
}
