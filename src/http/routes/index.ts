// Every route module, registered in order by src/http/app.ts. One file per resource.
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import { authRoutes } from './auth.js';
import { healthRoutes } from './health.js';
import { ledgerRoutes } from './ledger.js';
import { meRoutes } from './me.js';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface HealthCheck {
  name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
}

export interface RouteDeps {
  ctx: AppContext;
  health: HealthCheck[];
}

export const routeModules: Array<(app: App, deps: RouteDeps) => Promise<void> | void> = [
  healthRoutes,
  authRoutes,
  meRoutes,
  ledgerRoutes,
];
