// Wires adapters to use cases and starts the server. Used by `rempart start` and by tests.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { createBlobStore } from './adapters/blobs/index.js';
import { createCapturer } from './adapters/capture/capturer.js';
import { createChromiumPdfRenderer } from './adapters/pdf/chromium-pdf.js';
import { argon2idHasher, type PasswordHasher } from './adapters/crypto/passwords.js';
import { type DatabaseHandle, openDatabase } from './adapters/db/database.js';
import { migrate } from './adapters/db/migrate.js';
import { createOutboxMailer, createSmtpMailer } from './adapters/mail/mailer.js';
import type { AppContext } from './app/context.js';
import type { BlobStore } from './app/evidence/ports.js';
import type { Capturer } from './app/evidence/capture-ports.js';
import { drainMailDeliveries } from './app/mail/send-mail.js';
import type { Mailer } from './app/mail/ports.js';
import type { Config } from './config.js';
import { type Clock, systemClock } from './domain/clock.js';
import { buildApp } from './http/app.js';
import { migrateQueue } from './jobs/queue.js';
import { loadProviderDirectory } from './app/takedowns/load-provider-directory.js';
import { startWorker, type WorkerHandle } from './jobs/worker.js';

// Secrets never reach the log: headers carrying credentials, and (should a body or an error
// object ever be logged) every field of the auth contract that holds one. URLs are logged, so
// no route takes a secret in its path or query string (reset links use a URL fragment).
export const logRedactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.totp',
  '*.token',
  '*.secret',
  '*.recoveryCodes',
  '*.otpauthUrl',
  '*.sessionToken',
  '*.resetUrl',
];

export function createLogger(config: Pick<Config, 'logLevel'>) {
  return pino({ level: config.logLevel, redact: { paths: logRedactPaths, censor: '[redacted]' } });
}

export function createMailer(config: Config): Mailer {
  return config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.mailFrom) : createOutboxMailer(join(config.dataDir, 'outbox'), config.mailFrom);
}

export interface Runtime {
  ctx: AppContext;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** Opens the database (embedded or DATABASE_URL), runs migrations and builds the context. */
export async function openRuntime(
  config: Config,
  overrides: { clock?: Clock; passwords?: PasswordHasher; mailer?: Mailer; log?: AppContext['log']; blobs?: BlobStore; capture?: Capturer } = {},
): Promise<Runtime> {
  const log = overrides.log ?? createLogger(config);
  await mkdir(config.dataDir, { recursive: true });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: (m) => log.info({ component: 'database' }, m),
  });
  try {
    const migrated = await migrate(database.pool);
    if (migrated.applied.length > 0) log.info({ applied: migrated.applied }, 'database migrated');
    await migrateQueue(database.pool);
    // The provider directory follows seed/providers/providers.json (new entries added, local edits kept).
    const directory = await loadProviderDirectory({ db: database.db, clock: overrides.clock ?? systemClock });
    if (directory.providers.inserted + directory.providers.updated + directory.helpOrganisations.inserted + directory.helpOrganisations.updated > 0) {
      log.info({ directory }, 'provider directory loaded');
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const mailer = overrides.mailer ?? createMailer(config);
  const blobs = overrides.blobs ?? createBlobStore(config);
  // Temp files of a process killed mid-write (kill -9 during an upload or a capture).
  try {
    const removed = await blobs.cleanupTemp();
    if (removed > 0) log.info({ removed }, 'stale blob temp files removed');
  } catch (error) {
    log.warn({ err: error }, 'blob temp cleanup failed');
  }
  const ctx: AppContext = {
    config,
    db: database.db,
    clock: overrides.clock ?? systemClock,
    passwords: overrides.passwords ?? argon2idHasher,
    mailer,
    log,
    blobs,
    capture: overrides.capture ?? createCapturer({ config, log }),
    pdf: createChromiumPdfRenderer({ chromiumPath: config.chromiumPath, noSandbox: config.captureNoSandbox, log }),
  };
  return {
    ctx,
    database,
    async close() {
      await drainMailDeliveries();
      await ctx.capture.close();
      await ctx.pdf.close();
      await mailer.close();
      await database.close();
    },
  };
}

export async function startServer(runtime: Runtime) {
  const blobs = runtime.ctx.blobs;
  const blobHealth = {
    name: 'blobs',
    async check() {
      await blobs.check();
      return { ok: true, detail: blobs.kind };
    },
  };
  const capture = runtime.ctx.capture;
  // The capture browser: found (path and version) or not; /healthz says "degraded" without it.
  const browserHealth = {
    name: 'browser',
    async check() {
      const b = await capture.status();
      if (!b.found) return { ok: false, detail: 'Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)' };
      return { ok: b.error === null, detail: `${b.executablePath} ${b.version ?? '?'}${b.running ? ` running as ${b.user ?? '?'}, sandbox ${b.sandbox ? 'on' : 'OFF'}` : ''}${b.error ? `; ${b.error}` : ''}` };
    },
  };
  const app = await buildApp({ ctx: runtime.ctx, logger: runtime.ctx.log as FastifyBaseLogger, health: [blobHealth, browserHealth] });
  let worker: WorkerHandle | undefined;
  if (runtime.ctx.config.worker === 'inline') worker = await startWorker(runtime.ctx, runtime.database.pool);
  app.addHook('onClose', async () => {
    await worker?.stop();
  });
  await app.listen({ port: runtime.ctx.config.port, host: runtime.ctx.config.host });
  return app;
}
