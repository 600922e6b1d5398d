// Every route module, registered in order by src/http/app.ts. One file per resource.
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import { adminAssociationRoutes } from './admin-associations.js';
import { adminOrganisationRoutes } from './admin-organisation.js';
import { adminPersonImportRoutes } from './admin-person-import.js';
import { adminPersonRoutes } from './admin-persons.js';
import { adminUnitRoutes } from './admin-units.js';
import { adminUserRoutes } from './admin-users.js';
import { adminPlaybookRoutes } from './admin-playbook.js';
import { authRoutes } from './auth.js';
import { pairingRoutes } from './pairing.js';
import { peopleRoutes } from './people.js';
import { caseRoutes } from './cases.js';
import { evidenceRoutes } from './evidence.js';
import { exportRoutes } from './exports.js';
import { extensionRoutes } from './extension.js';
import { captureRoutes } from './captures.js';
import { healthRoutes } from './health.js';
import { ledgerRoutes } from './ledger.js';
import { meRoutes } from './me.js';
import { notificationRoutes } from './notifications.js';
import { participantRoutes } from './participants.js';
import { recordRoutes } from './records.js';
import { timelineRoutes } from './timeline.js';
import { providerRoutes } from './providers.js';
import { takedownRoutes } from './takedowns.js';
import { watchRoutes } from './watches.js';
import { recheckRoutes } from './rechecks.js';
import { mailRoutes } from './mail.js';
import { passwordResetRoutes } from './password-reset.js';
import { sessionRoutes } from './sessions.js';
import { shareTargetRoutes } from './share-target.js';
import { tokenRoutes } from './tokens.js';
import { totpRoutes } from './totp.js';

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
  tokenRoutes,
  totpRoutes,
  sessionRoutes,
  passwordResetRoutes,
  mailRoutes,
  adminOrganisationRoutes,
  adminUnitRoutes,
  adminAssociationRoutes,
  adminPersonRoutes,
  adminPersonImportRoutes,
  adminUserRoutes,
  caseRoutes,
  evidenceRoutes,
  exportRoutes,
  captureRoutes,
  pairingRoutes,
  extensionRoutes,
  peopleRoutes,
  recordRoutes,
  participantRoutes,
  timelineRoutes,
  notificationRoutes,
  adminPlaybookRoutes,
  providerRoutes,
  takedownRoutes,
  watchRoutes,
  recheckRoutes,
  shareTargetRoutes,
];
