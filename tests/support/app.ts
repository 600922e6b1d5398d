// A whole Rempart application on a fresh test database, driven with app.inject
// (as in fastify/demo test/helper.ts), with a real SMTP server on loopback.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createBlobStore } from '../../src/adapters/blobs/index.js';
import { createCapturer } from '../../src/adapters/capture/capturer.js';
import { createChromiumPdfRenderer } from '../../src/adapters/pdf/chromium-pdf.js';
import type { Capturer } from '../../src/app/evidence/capture-ports.js';
import { disabledCapturer } from './capture.js';
import { fastTestHasher } from '../../src/adapters/crypto/passwords.js';
import { createSmtpMailer } from '../../src/adapters/mail/mailer.js';
import type { AppContext } from '../../src/app/context.js';
import { type Config, loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/domain/clock.js';
import { buildApp } from '../../src/http/app.js';
import { runDueJobs } from '../../src/jobs/worker.js';
import { drainMailDeliveries } from '../../src/app/mail/send-mail.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { startTestSmtp, type TestSmtp } from './smtp.js';

export const TEST_ORIGIN = 'http://rempart.test';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: ManualClock;
  smtp: TestSmtp;
  database: TestDatabase;
  config: Config;
  /** Runs the queued jobs that are due (mail delivery, …) until the queue is empty. */
  runJobs(): Promise<void>;
  close(): Promise<void>;
}

const silentLog: AppContext['log'] = { info() {}, warn() {}, error() {} };

export async function createTestApp(options: { clock?: ManualClock; env?: Record<string, string>; /** 'real': Chromium captures (docs/captures.md); default: disabled. */ capture?: 'real' | Capturer } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const smtp = await startTestSmtp();
  const dataDir = await mkdtemp(join(tmpdir(), 'rempart-test-data-'));
  const config = loadConfig({ REMPART_DATA_DIR: dataDir, PUBLIC_URL: TEST_ORIGIN, SMTP_URL: smtp.url, REMPART_DEMO: '0', ...options.env });
  const clock = options.clock ?? new ManualClock();
  const mailer = createSmtpMailer(smtp.url, config.mailFrom);
  const ctx: AppContext = { config, db: database.db, clock, passwords: fastTestHasher, mailer, log: silentLog, blobs: createBlobStore(config), capture: options.capture === 'real' ? createCapturer({ config, log: silentLog }) : (options.capture ?? disabledCapturer), pdf: createChromiumPdfRenderer({ chromiumPath: config.chromiumPath, noSandbox: config.captureNoSandbox, log: silentLog }) };
  const app = await buildApp({ ctx });
  await app.ready();
  return {
    app,
    ctx,
    clock,
    smtp,
    database,
    config,
    runJobs: () => runDueJobs(ctx, database.pool),
    async close() {
      await app.close();
      // Background deliveries (password reset notices…) finish before the database goes.
      await drainMailDeliveries();
      await ctx.capture.close();
      await ctx.pdf.close();
      await mailer.close();
      await smtp.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
