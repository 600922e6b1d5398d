// The capture port: what the evidence use cases need from the browser adapter
// (src/adapters/capture/capturer.ts). Files are written to a work directory the use case owns;
// the use case stores them in the blob store and seals.
import type { CaptureStep } from '../../domain/capture/capture-report.js';
import type { ArtefactKind } from '../../domain/evidence/manifest.js';

export interface CapturedFile {
  kind: ArtefactKind;
  path: string;
  mediaType: string;
  filename: string;
}

export interface CaptureOutput {
  files: CapturedFile[];
  finalUrl: string | null;
  httpStatus: number | null;
  httpHeaders: Record<string, string> | null;
  title: string | null;
  browser: { name: string; version: string; userAgent: string };
  viewport: { width: number; height: number };
  loginWallSuspected: boolean;
  mainDocumentRefused: boolean;
}

export type CaptureErrorCode =
  | 'destination_blocked'
  | 'unreachable'
  | 'navigation_timeout'
  | 'capture_timeout'
  | 'browser_unavailable'
  | 'capture_error';

/** A capture that produced nothing worth sealing. `retryable`: worth another attempt. */
export class CaptureError extends Error {
  constructor(
    readonly code: CaptureErrorCode,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'CaptureError';
  }
}

export type DestinationCheck =
  | { ok: true }
  | { ok: false; reason: 'invalid_url' | 'scheme' | 'credentials' | 'blocked_address'; detail: string };

export interface BrowserStatus {
  found: boolean;
  executablePath: string | null;
  version: string | null;
  running: boolean;
  sandbox: boolean;
  user: string | null;
  error: string | null;
}

export interface Capturer {
  /** The SSRF rule applied to a first URL before anything is queued (DNS resolved here). */
  checkDestination(url: string): Promise<DestinationCheck>;
  /** Captures `url` into files under `workDir`; throws CaptureError. */
  capture(input: {
    url: string;
    workDir: string;
    onProgress(step: CaptureStep): Promise<void> | void;
    /**
     * Told of each file as soon as it is complete and will not change again (it is also in the
     * output), so the use case can store it while the browser goes on with the next one.
     */
    onFile?(file: CapturedFile): void;
  }): Promise<CaptureOutput>;
  status(): Promise<BrowserStatus>;
  close(): Promise<void>;
}
