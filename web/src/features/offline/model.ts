// What a queued report and a received share hold once decrypted (vault.ts keeps them sealed).
// Shared by the page and the service worker: plain types, no contract import (zod stays on the
// server; the report form passes the contract's OpenCaseBody, which fits NewCaseBody).

/** POST /api/v1/cases body, as the report form built it. */
export type NewCaseBody = { summary: string } & Record<string, unknown>;

/** Where a file came from; recorded as the evidence's capture tool. */
export type FileOrigin = 'share' | 'picker' | 'camera';

export interface QueuedFile {
  id: string;
  name: string;
  type: string;
  size: number;
  /** Hex SHA-256 of the bytes, computed on the device when the file was added. */
  sha256: string;
  /** One per file, kept for every retry: the server stores the file once. */
  idempotencyKey: string;
  origin: FileOrigin;
}

export type ReportTarget =
  /** A new case: the form's Idempotency-Key travels with the body, so a retry never opens two. */
  | { kind: 'new'; body: NewCaseBody; idempotencyKey: string }
  /** Links and files added to a case the person already has. */
  | { kind: 'existing'; caseId: string; reference: string; urls: string[] };

export interface ReportPayload {
  target: ReportTarget;
  files: QueuedFile[];
  /** For files: the comment written with them (existing case) and the shared page's address. */
  comment?: string;
  sourceUrl?: string;
  /** The UI language when written: the server answers in it. */
  locale: string;
}

export interface SharedFile {
  id: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
}

export interface SharePayload {
  title?: string;
  text?: string;
  url?: string;
  files: SharedFile[];
  /** Files left out: too many, too large, or empty. */
  skipped: number;
}

export const MAX_FILES = 10;
/** Same default as the server's UPLOAD_MAX_BYTES (docs/configuration.md). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
export const ACCEPTED_TYPES = /^(image\/|video\/|application\/pdf$)/;
