// Authentication and CSRF for /api routes. A bearer token or the session cookie identifies the
// caller; state-changing requests on a cookie session must come from the app's own origin
// (Origin header, or Sec-Fetch-Site: same-origin), so another site cannot ride the cookie.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Principal, principalFromBearer, principalFromSession } from '../../app/auth/principal.js';
import type { AppContext } from '../../app/context.js';
import { DomainError } from '../../domain/errors.js';
import { localeFromAcceptLanguage } from '../../locales/index.js';

export const SESSION_COOKIE = 'rempart_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function originAllowed(request: FastifyRequest, appOrigin: string): boolean {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') return origin === appOrigin;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  return false;
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('unauthenticated');
  return request.principal;
}

export const authPlugin = fp(async (app: FastifyInstance, opts: { ctx: Pick<AppContext, 'db' | 'clock' | 'config'> }) => {
  const { ctx } = opts;
  app.decorateRequest('principal', null);
  app.decorateRequest('locale', 'fr-CA');

  app.addHook('onRequest', async (request) => {
    request.locale = localeFromAcceptLanguage(request.headers['accept-language']);
    // The API documentation (/api/docs) is public, like /api/openapi.json.
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const config = request.routeOptions.config ?? {};
    const now = ctx.clock.now();
    const unsafe = !SAFE_METHODS.has(request.method);

    // A cross-site browser request is refused outright, signed in or not (login CSRF too). A
    // bearer token is never attached by a browser on its own (and a page cannot add one without a
    // CORS preflight this API never grants), so such a request cannot be forged: capture clients
    // use one, and the browser extension's requests carry its own chrome-extension:// origin. The
    // routes a client calls before it holds a token (pairing) say `crossOrigin`.
    const bearer = typeof request.headers.authorization === 'string' && /^Bearer\s/i.test(request.headers.authorization);
    if (unsafe && !bearer && !config.crossOrigin) {
      const origin = request.headers.origin;
      if (typeof origin === 'string' && origin !== ctx.config.publicOrigin) throw new DomainError('origin_rejected');
      if (request.headers['sec-fetch-site'] === 'cross-site') throw new DomainError('origin_rejected');
    }

    const authorization = request.headers.authorization;
    if (typeof authorization === 'string' && authorization.length > 0) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      request.principal = match?.[1] ? ((await principalFromBearer(ctx.db, match[1], now)) ?? null) : null;
      if (!request.principal && config.auth !== 'public') throw new DomainError('unauthenticated');
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        request.principal = (await principalFromSession(ctx.db, cookie, now)) ?? null;
        if (request.principal && unsafe && !originAllowed(request, ctx.config.publicOrigin)) {
          throw new DomainError('origin_rejected');
        }
      }
    }
    if (request.principal) request.locale = request.headers['accept-language'] ? request.locale : request.principal.locale;

    if (config.auth === 'public') return;
    const principal = request.principal;
    if (!principal) throw new DomainError('unauthenticated');
    if (principal.mustEnrolTotp && !config.allowWithoutTotp) throw new DomainError('totp_enrolment_required');
    if (config.roles && !principal.roles.some((g) => config.roles?.includes(g.role))) throw new DomainError('forbidden');
    // A token limited to some scopes (e.g. `capture` for a paired extension) reaches only the
    // routes that list one of them.
    if (principal.via === 'token' && !principal.scopes.includes('all') && !principal.scopes.some((s) => config.scopes?.includes(s))) {
      throw new DomainError('forbidden', { messageKey: 'error.scope_forbidden' });
    }
  });
});
