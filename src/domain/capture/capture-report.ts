// Pure rules of a server capture: its progress steps, the login-wall heuristic, how a recorded
// response is written into the web archive, and the versioned shape of the `http` artefact.
// Changing HttpReport's shape needs a new version (CONVENTIONS.md §7).

export const captureSteps = ['loading', 'scrolling', 'screenshot', 'pdf', 'archive', 'sealing'] as const;
export type CaptureStep = (typeof captureSteps)[number];

export const HTTP_REPORT_VERSION = 1;

/** A page that asks for a password, or a URL that looks like a sign-in page. */
export function loginWallSuspected(input: { finalUrl: string | null; hasPasswordField: boolean }): boolean {
  if (input.hasPasswordField) return true;
  if (!input.finalUrl) return false;
  try {
    const u = new URL(input.finalUrl);
    return (
      /(log-?in|sign-?in|connexion|auth\/|checkpoint|accounts\/)/i.test(`${u.pathname}${u.search}`) ||
      /^(login|signin|auth|accounts)\./i.test(u.hostname)
    );
  } catch {
    return false;
  }
}

/**
 * The browser hands over decoded bodies, so the archived headers must not announce an encoding
 * or a length that no longer holds (replay tools would decode twice or truncate): the original
 * values are kept under X-Archive-Orig-* as pywb and Browsertrix do.
 */
export function archivedResponseHeaders(
  headers: ReadonlyArray<{ name: string; value: string }>,
  bodyLength: number,
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const { name, value } of headers) {
    const lower = name.toLowerCase();
    if (lower === 'content-encoding' || lower === 'transfer-encoding' || lower === 'content-length') {
      out.push([`X-Archive-Orig-${name}`, value]);
      continue;
    }
    if (lower.startsWith(':')) continue; // HTTP/2 pseudo-headers
    out.push([name, value]);
  }
  out.push(['Content-Length', String(bodyLength)]);
  return out;
}

export function requestLine(method: string, url: string): string {
  const u = new URL(url);
  return `${method} ${u.pathname}${u.search} HTTP/1.1`;
}

export interface HttpReportRequest {
  url: string;
  method: string;
  resourceType: string;
  status: number | null;
  /** The address the egress proxy really connected to for this request's host. */
  ip: string | null;
  mimeType: string | null;
  size: number | null;
  failure: string | null;
  fromServiceWorker: boolean;
  archived: boolean;
  startedMs: number;
  durationMs: number | null;
}

export interface HttpReport {
  v: typeof HTTP_REPORT_VERSION;
  requestedUrl: string;
  finalUrl: string | null;
  title: string | null;
  status: number | null;
  statusText: string | null;
  responseHeaders: Record<string, string> | null;
  redirectChain: Array<{ url: string; status: number | null; location: string | null; ip: string | null }>;
  /** The main document went to an address the proxy refused (what is shown is the refusal). */
  mainDocumentRefused: boolean;
  loginWallSuspected: boolean;
  loadTimedOut: boolean;
  requests: HttpReportRequest[];
  refused: Array<{ target: string; kind: string; reason: string; at: string }>;
  websockets: string[];
  proxy: Array<{
    seq: number;
    at: string;
    kind: string;
    target: string;
    method: string;
    ip: string | null;
    outcome: string;
    status?: number;
    reason?: string;
    ms?: number;
  }>;
  timings: {
    navigationMs: number | null;
    loadedMs: number | null;
    totalMs: number | null;
    steps: Partial<Record<CaptureStep, number>>;
    /** When each phase of the capture ended, in ms from its start (for diagnosis and the bench). */
    phases?: Record<string, number>;
  };
  browser: { name: string; version: string; userAgent: string; sandbox: boolean };
  viewport: { width: number; height: number };
  page: { scrollHeight: number; screenshotHeight: number; heightCapped: boolean; heightCap: number };
  allowList: string[];
}

/** A host-to-address map from the proxy's successful connections (pinned: one address per host). */
export function addressByHost(
  records: ReadonlyArray<{ host: string; port: number; ip: string | null; outcome: string }>,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of records) if (r.outcome === 'ok' && r.ip && !map.has(`${r.host}:${r.port}`)) map.set(`${r.host}:${r.port}`, r.ip);
  return map;
}

export function hostPortOf(url: string): string | null {
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol === 'https:' || u.protocol === 'wss:' ? '443' : '80');
    return `${u.hostname.replace(/^\[|\]$/g, '').toLowerCase()}:${port}`;
  } catch {
    return null;
  }
}
