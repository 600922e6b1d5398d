// What use cases may touch, wired once in src/main.ts. Each use case takes only the parts it
// uses (Pick<AppContext, …>), so its signature shows its dependencies.
import type { Db } from '../adapters/db/database.js';
import type { PasswordHasher } from '../adapters/crypto/passwords.js';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import type { BlobStore } from './evidence/ports.js';
import type { Capturer } from './evidence/capture-ports.js';
import type { PdfRenderer } from './evidence/pdf-port.js';
import type { Mailer } from './mail/ports.js';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  passwords: PasswordHasher;
  mailer: Mailer;
  log: Logger;
  /** Content-addressed artefact bytes (src/adapters/blobs): file or S3. */
  blobs: BlobStore;
  /** Server captures in headless Chromium behind the egress proxy (src/adapters/capture). */
  capture: Capturer;
  /** Prints our own HTML (the PDF dossier) in Chromium (src/adapters/pdf). */
  pdf: PdfRenderer;
}
