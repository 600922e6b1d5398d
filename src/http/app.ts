// Builds the Fastify application: external plugins first (helmet, cookies, OpenAPI), then ours
// (auth, routes), then the web UI. Routes are thin tables over src/app use cases.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.js';
import { errorBody, handleError } from './errors.js';
import { authPlugin } from './plugins/auth.js';
import { routeModules, type RouteDeps } from './routes/index.js';
import './types.js';

export const webDistDir = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface BuildAppOptions {
  ctx: AppContext;
  /** Extra checks for /healthz (blob store, queue, browser) added by later features. */
  health?: RouteDeps['health'];
  /** A pino logger; none in tests. */
  logger?: FastifyBaseLogger;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { ctx } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    genReqId: () => randomUUID(),
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1_048_576,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: ctx.config.publicUrl.startsWith('https:'),
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rempart API',
        version: '1.0.0',
        description:
          'Rempart: cases, tasks, evidence and takedowns for school staff harassed online. Errors are `{ "error": { "code", "message", "fields"? } }`, the message in the language of `Accept-Language` (fr-CA by default, en).',
      },
      servers: [{ url: ctx.config.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'rempart_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (POST /api/v1/tokens)' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    // Schemas registered with .meta({ id }) become components/schemas, so $refs resolve.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(authPlugin, { ctx });
  const deps: RouteDeps = { ctx, health: options.health ?? [] };
  for (const register of routeModules) await app.register(async (scope) => register(scope.withTypeProvider<ZodTypeProvider>(), deps));

  const hasWeb = existsSync(join(webDistDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: ['index.html'], maxAge: '1h', immutable: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path === '/api' || request.method !== 'GET') {
      return reply.status(404).send(errorBody(request.locale, 'not_found', 'error.route_not_found'));
    }
    // The single-page app handles its own routes.
    if (hasWeb) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply
      .status(503)
      .type('text/plain; charset=utf-8')
      .send("L'interface n'est pas construite : lancez « npm run build:web ».\nThe UI is not built: run `npm run build:web`.\n");
  });
  return app;
}
