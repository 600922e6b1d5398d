import type { Principal } from '../app/auth/principal.js';
import type { Role } from '../domain/auth/roles.js';
import type { Locale } from '../locales/index.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'public': no login needed; default: a signed-in user. */
    auth?: 'public' | 'user';
    /** Any of these roles is required (organisation-wide or scoped grant). */
    roles?: Role[];
    /** Reachable while a required second factor is not yet enrolled. */
    allowWithoutTotp?: boolean;
    /** Limited token scopes (besides `all`) that may call this route, e.g. ['capture']. */
    scopes?: string[];
    /** Callable from another origin (a capture client pairing itself); nothing here rides a cookie. */
    crossOrigin?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    locale: Locale;
  }
}
