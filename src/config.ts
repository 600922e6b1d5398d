// The environment, parsed once and typed (DESIGN.md §6). Every other module receives a Config;
// nothing else reads process.env.
import { resolve } from 'node:path';
import { z } from 'zod';

const bool01 = z.enum(['0', '1']).transform((v) => v === '1');
const positiveInt = z.coerce.number().int().positive();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  REMPART_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  PUBLIC_URL: z.string().url().optional(),
  REMPART_DEMO: bool01.optional(),
  REMPART_DEMO_PASSWORD: z.string().min(8).optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Rempart <no-reply@localhost>'),
  UPLOAD_MAX_BYTES: positiveInt.default(104_857_600),
  WORKER: z.enum(['inline', 'off']).default('inline'),
  SESSION_TTL_HOURS: positiveInt.default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool01.default(false),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The app's origin: links in mail, cookie security, CSRF origin check. */
  publicUrl: string;
  publicOrigin: string;
  /** undefined = decide from the data dir (seed a brand-new embedded one). */
  demo: boolean | undefined;
  demoPassword: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  uploadMaxBytes: number;
  worker: 'inline' | 'off';
  sessionTtlHours: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration / configuration invalide:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.REMPART_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    publicOrigin: new URL(publicUrl).origin,
    demo: e.REMPART_DEMO,
    demoPassword: e.REMPART_DEMO_PASSWORD,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    worker: e.WORKER,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
  };
}
