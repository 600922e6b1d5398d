// What the extension keeps, and where. chrome.storage.local: the server address, the paired
// token (never a password), the chosen case and the list of captures with their state (small
// records only: the artefact bytes wait in IndexedDB, background/blob-db.ts). chrome.storage.session
// (memory, this browser session): the pairing in progress, with its poll secret.
// Only the service worker writes captures and the pairing; the popup reads them and listens to
// chrome.storage.onChanged, so it shows progress even when reopened.

export interface Auth {
  serverUrl: string;
  token: string;
  userEmail: string;
  userName: string;
  pairedAt: string;
}

export interface Pairing {
  serverUrl: string;
  id: string;
  userCode: string;
  pollSecret: string;
  verificationUrl: string;
  expiresAt: string;
  intervalSeconds: number;
  status: 'pending' | 'expired' | 'failed';
  error?: string;
}

/** The kinds the server accepts in meta.kinds (src/contract/evidence.ts uploadMetaSchema). */
export type FileKind = 'screenshot' | 'viewport' | 'mhtml' | 'html' | 'upload';

export interface CaptureFile {
  name: string;
  kind: FileKind;
  type: string;
  size: number;
  sha256: string;
}

export type CaptureStep = 'selecting' | 'viewport' | 'html' | 'mhtml' | 'fullpage' | 'hashing';

export interface CaptureMeta {
  sourceUrl?: string;
  title?: string;
  comment?: string;
  captureTool: 'extension';
  capturedAt: string;
  browser: { name: string; version: string; userAgent?: string };
  viewport: { width: number; height: number };
  kinds: FileKind[];
}

export interface CaptureRecord {
  /** Also the upload's Idempotency-Key: a retried upload never makes a second evidence. */
  id: string;
  serverUrl: string;
  caseId: string;
  caseReference: string;
  url: string;
  title: string;
  createdAt: string;
  /**
   * capturing → queued → uploading → sealed; `failed` is final until the user retries or
   * discards it (a refusal by the server, or a capture that could not finish). Never dropped
   * silently: a record leaves the list only when the user discards it.
   */
  status: 'capturing' | 'queued' | 'uploading' | 'sealed' | 'failed';
  step?: CaptureStep;
  /** How the full-page image was made: the debugger protocol, or screenshots stitched while scrolling. */
  fullPage?: 'debugger' | 'stitched';
  /** How the MHTML was made: chrome.pageCapture, or the debugger protocol when that failed. */
  archive?: 'pageCapture' | 'debugger';
  attempts: number;
  nextAttemptAt?: string;
  /** The last transient problem (network, server busy), shown while a retry is due. */
  lastError?: string;
  bytes: number;
  files: CaptureFile[];
  meta?: CaptureMeta;
  evidenceId?: string;
  manifestSha256?: string;
  sealedAt?: string;
  error?: { code: string; message: string; status?: number };
}

export const KEYS = {
  serverUrl: 'serverUrl',
  auth: 'auth',
  selectedCase: 'selectedCase',
  captures: 'captures',
  pairing: 'pairing',
} as const;

export async function getAuth(): Promise<Auth | undefined> {
  return (await chrome.storage.local.get(KEYS.auth))[KEYS.auth] as Auth | undefined;
}

export async function getCaptures(): Promise<CaptureRecord[]> {
  return ((await chrome.storage.local.get(KEYS.captures))[KEYS.captures] as CaptureRecord[] | undefined) ?? [];
}

export async function getPairing(): Promise<Pairing | undefined> {
  return (await chrome.storage.session.get(KEYS.pairing))[KEYS.pairing] as Pairing | undefined;
}

/** The address the board set by policy (managed storage `serverUrl`), if any. */
export async function managedServerUrl(): Promise<string | undefined> {
  try {
    const value = (await chrome.storage.managed.get('serverUrl')).serverUrl;
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  } catch {
    // No policy for this extension (or a browser without managed storage).
    return undefined;
  }
}

/** The address baked in by the board's build (config.json, absent from the store package). */
export async function builtInServerUrl(): Promise<string | undefined> {
  try {
    const response = await fetch(chrome.runtime.getURL('config.json'));
    if (!response.ok) return undefined;
    const value = ((await response.json()) as { serverUrl?: unknown }).serverUrl;
    return typeof value === 'string' && value ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Rempart address as an origin-rooted URL without trailing slash, or undefined. HTTPS only,
 * except on this computer (a development server): the token travels with every request.
 */
export function normaliseServerUrl(input: string): string | undefined {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The host-permission pattern for a server (its origin: a match pattern ignores the port). */
export function originPattern(serverUrl: string): string {
  const url = new URL(serverUrl);
  return `${url.protocol}//${url.hostname}/*`;
}
