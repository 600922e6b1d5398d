// The environment, parsed once and typed (DESIGN.md §6). Every other module receives a Config;
// nothing else reads process.env.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type AllowList, parseAllowList } from './domain/capture/destination.js';

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
  BLOB_STORE: z.enum(['file', 's3']).default('file'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool01.default(true),
  WORKER: z.enum(['inline', 'off']).default('inline'),
  SESSION_TTL_HOURS: positiveInt.default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool01.default(false),
  // Watches (DESIGN.md §6): each search provider is used only when configured.
  SEARXNG_URL: z.string().url().optional(),
  BRAVE_SEARCH_API_KEY: z.string().min(1).optional(),
  BRAVE_SEARCH_URL: z.string().url().default('https://api.search.brave.com/res/v1/web/search'),
  RECHECK_TIMEOUT_MS: positiveInt.default(15_000),
  // Removal requests: RDAP lookups of a web host's abuse contact (docs/takedowns.md).
  RDAP_BASE_URL: z.string().url().default('https://rdap.org'),
  // Server captures (docs/captures.md).
  CHROMIUM_PATH: z.string().min(1).optional(),
  CAPTURE_ALLOW_HOSTS: z.string().optional(),
  CAPTURE_CONCURRENCY: positiveInt.max(32).default(2),
  REMPART_CAPTURE_NO_SANDBOX: bool01.default(false),
  // The built browser extension (npm run build:extension) served at /extension/ (docs/extension.md).
  REMPART_EXTENSION_DIR: z.string().min(1).optional(),
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
  /** Where artefact bytes live (DESIGN.md §3): under the data dir, or an S3-compatible bucket. */
  blobStore: 'file' | 's3';
  s3: S3Config | undefined;
  worker: 'inline' | 'off';
  sessionTtlHours: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean;
  /** Watch search providers (docs/watches.md): SearXNG's JSON API and the Brave Search API. */
  searxngUrl: string | undefined;
  braveSearchApiKey: string | undefined;
  braveSearchUrl: string;
  /** Removal re-checks: time allowed for one fetch, redirects included. */
  recheckTimeoutMs: number;
  /** RDAP bootstrap service for abuse contacts of web hosts (`<base>/domain/<name>`, `<base>/ip/<address>`). */
  rdapBaseUrl: string;
  /** Captures: the browser (found automatically when unset), the private-network exceptions, parallel captures per process. */
  chromiumPath: string | undefined;
  captureAllowHosts: AllowList;
  captureConcurrency: number;
  /** REMPART_CAPTURE_NO_SANDBOX=1: Chromium without its sandbox (tests, or a kernel that cannot sandbox). */
  captureNoSandbox: boolean;
  /** Where `npm run build:extension` wrote the signed CRX and build.json (served at /extension/). */
  extensionDir: string;
}

export interface S3Config {
  endpoint: string | undefined;
  bucket: string;
  region: string;
  /** Both unset: the SDK's default credential chain (instance role, AWS_* variables…). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
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
  if (e.BLOB_STORE === 's3' && !e.S3_BUCKET) {
    throw new ConfigError(
      'Invalid configuration / configuration invalide:\n  S3_BUCKET: required when BLOB_STORE=s3 / requis avec BLOB_STORE=s3',
    );
  }
  let captureAllowHosts: AllowList;
  try {
    captureAllowHosts = parseAllowList(e.CAPTURE_ALLOW_HOSTS);
  } catch (error) {
    throw new ConfigError(`Invalid configuration / configuration invalide:\n  ${(error as Error).message}`);
  }
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
    blobStore: e.BLOB_STORE,
    s3: e.S3_BUCKET
      ? {
          endpoint: e.S3_ENDPOINT,
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        }
      : undefined,
    worker: e.WORKER,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    searxngUrl: e.SEARXNG_URL,
    braveSearchApiKey: e.BRAVE_SEARCH_API_KEY,
    braveSearchUrl: e.BRAVE_SEARCH_URL,
    recheckTimeoutMs: e.RECHECK_TIMEOUT_MS,
    rdapBaseUrl: e.RDAP_BASE_URL.replace(/\/+$/, ''),
    chromiumPath: e.CHROMIUM_PATH,
    captureAllowHosts,
    captureConcurrency: e.CAPTURE_CONCURRENCY,
    captureNoSandbox: e.REMPART_CAPTURE_NO_SANDBOX,
    extensionDir: e.REMPART_EXTENSION_DIR
      ? resolve(e.REMPART_EXTENSION_DIR)
      : fileURLToPath(new URL('../extension/dist/', import.meta.url)),
  };
}
