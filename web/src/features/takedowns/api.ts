// Removal requests, the provider directory, help organisations, a web host's abuse contact,
// removal re-checks and the account-recovery checklist over the API
// (src/http/routes/{takedowns,providers,rechecks}.ts; docs/takedowns.md, docs/watches.md).
// Shapes come from the server's zod schemas (types only: zod is not shipped to the browser).
import type { z } from 'zod';
import type {
  abuseContactSchema,
  accountRecoveryPatch,
  accountRecoverySchema,
  caseHelpResponse,
  createTakedownBody,
  followupBody,
  groundSchema,
  providerChannelSchema,
  providerDirectoryResponse,
  providerSchema,
  takedownSchema,
  takedownStatusSchema,
  updateTakedownBody,
} from '../../../../src/contract/takedowns';
import type { locationChecksResponse, recheckResponse } from '../../../../src/contract/watches';
import { ApiError, api } from '../../api/client';
import type { CaseDetail } from '../cases/api';

export type Takedown = z.infer<typeof takedownSchema>;
export type TakedownStatus = z.infer<typeof takedownStatusSchema>;
export type TakedownWarning = Takedown['warnings'][number];
export type Followup = Takedown['followups'][number];
export type Ground = z.infer<typeof groundSchema>;
export type Provider = z.infer<typeof providerSchema>;
export type ProviderChannel = z.infer<typeof providerChannelSchema>;
export type Directory = z.infer<typeof providerDirectoryResponse>;
export type HelpItem = z.infer<typeof caseHelpResponse>['items'][number];
export type AbuseContact = z.infer<typeof abuseContactSchema>;
export type AccountRecovery = z.infer<typeof accountRecoverySchema>;
export type AccountRecoveryPatch = z.input<typeof accountRecoveryPatch>;
export type LocationChecks = z.infer<typeof locationChecksResponse>;
export type LocationCheck = LocationChecks['checks'][number];
export type CreateTakedownBody = z.input<typeof createTakedownBody>;
export type UpdateTakedownBody = z.input<typeof updateTakedownBody>;
export type FollowupBody = z.input<typeof followupBody>;
export type UiLocale = 'fr-CA' | 'en';

/** The contract's order (DESIGN.md §5). */
export const grounds: readonly Ground[] = ['harassment', 'defamation', 'impersonation', 'intimate_images', 'privacy', 'other'];
export const WEB_HOST = 'web_host';

const enc = encodeURIComponent;

export const takedownsApi = {
  list: (caseId: string) => api.get<{ items: Takedown[] }>(`/api/v1/cases/${enc(caseId)}/takedowns`),
  get: (id: string) => api.get<Takedown>(`/api/v1/takedowns/${enc(id)}`),
  create: (caseId: string, body: CreateTakedownBody) => api.post<Takedown>(`/api/v1/cases/${enc(caseId)}/takedowns`, body),
  requestConsent: (caseId: string) =>
    api.post<{ requestedAt: string; recipientName: string }>(`/api/v1/cases/${enc(caseId)}/takedowns/consent-request`),
  update: (id: string, body: UpdateTakedownBody) => api.patch<Takedown>(`/api/v1/takedowns/${enc(id)}`, body),
  addFollowup: (id: string, body: FollowupBody) => api.post<Takedown>(`/api/v1/takedowns/${enc(id)}/followups`, body),
  help: (caseId: string, ground?: Ground) =>
    api.get<{ items: HelpItem[] }>(`/api/v1/cases/${enc(caseId)}/help${ground ? `?ground=${enc(ground)}` : ''}`),
  abuseContact: (locationId: string) => api.get<AbuseContact>(`/api/v1/locations/${enc(locationId)}/abuse-contact`),
  lookupAbuseContact: (locationId: string) => api.post<AbuseContact>(`/api/v1/locations/${enc(locationId)}/abuse-contact`),
  checks: (locationId: string) => api.get<LocationChecks>(`/api/v1/locations/${enc(locationId)}/checks`),
  recheck: (locationId: string) => api.post<z.infer<typeof recheckResponse>>(`/api/v1/locations/${enc(locationId)}/recheck`),
  accountRecovery: (caseId: string) => api.get<AccountRecovery>(`/api/v1/cases/${enc(caseId)}/account-recovery`),
  updateAccountRecovery: (caseId: string, body: AccountRecoveryPatch) =>
    api.patch<AccountRecovery>(`/api/v1/cases/${enc(caseId)}/account-recovery`, body),
};

/** Downloads and pages the browser opens itself (the server logs each export). */
export const takedownFiles = {
  /** Served with a sandboxing CSP (no script, opaque origin): opened in its own tab, never injected here. */
  packageHtml: (id: string, locale: UiLocale) => `/api/v1/takedowns/${enc(id)}/package?format=html&locale=${enc(locale)}`,
  packageZip: (id: string, locale: UiLocale) => `/api/v1/takedowns/${enc(id)}/package?format=zip&locale=${enc(locale)}`,
  mandatePdf: (id: string) => `/api/v1/takedowns/${enc(id)}/mandate.pdf`,
};

/** Addresses of the screens (French words), under the case page. */
export const takedownPaths = {
  newRequest: (caseId: string, locationId?: string) =>
    `/dossiers/${enc(caseId)}/retraits/nouvelle${locationId ? `?adresse=${enc(locationId)}` : ''}`,
  request: (caseId: string, requestId: string) => `/dossiers/${enc(caseId)}/retraits/${enc(requestId)}`,
  consent: (caseId: string) => `/dossiers/${enc(caseId)}/retraits/consentement`,
  panel: (caseId: string) => `/dossiers/${enc(caseId)}#retraits`,
};

/**
 * POST /takedowns/{id}/mandate: the signed scan as multipart (part `file`). The shared JSON client
 * cannot send a FormData body (the browser must write the multipart boundary itself).
 */
export async function uploadMandate(id: string, file: File, locale: string): Promise<Takedown> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`/api/v1/takedowns/${enc(id)}/mandate`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'application/json', 'accept-language': locale },
    });
  } catch {
    throw new ApiError({ code: 'network', status: 0, message: '' });
  }
  const data = (await response.json().catch(() => undefined)) as unknown;
  if (response.ok) return data as Takedown;
  const body = (data as { error?: { code?: string; message?: string; fields?: Array<{ path: string; message: string }> } } | undefined)
    ?.error;
  const error = body?.code
    ? new ApiError({
        code: body.code as ApiError['code'],
        status: response.status,
        message: body.message ?? '',
        fields: body.fields ?? [],
        data,
      })
    : new ApiError({ code: 'unexpected', status: response.status, message: '' });
  // A session that ended: let the shared client's listeners see it (they drop to sign-in).
  if (error.code === 'unauthenticated') void api.get('/api/v1/me').catch(() => undefined);
  throw error;
}

// ---- The provider directory, read once per page load (it changes only by an admin's edit). ----

let directoryPromise: Promise<Directory> | undefined;

export function loadDirectory(): Promise<Directory> {
  if (!directoryPromise) {
    directoryPromise = api.get<Directory>('/api/v1/providers');
    directoryPromise.catch(() => {
      directoryPromise = undefined;
    });
  }
  return directoryPromise;
}

/** After an admin's edit: the next read asks the server again. */
export function forgetDirectory(): void {
  directoryPromise = undefined;
}

export function providerOf(directory: Directory | undefined, providerId: string | null): Provider | undefined {
  return directory?.providers.find((p) => p.id === (providerId ?? WEB_HOST));
}

// ---- Who may do what (mirrors src/domain/takedowns/status.ts; the server checks again). ----

type Viewer = CaseDetail['viewer'];
const acting = ['it', 'supervisor', 'general_direction'];
const reading = [...acting, 'hr', 'legal'];

/** IT, the supervisor and general direction taking part prepare, send and follow requests; manage watches and re-checks. */
export function mayActOnTakedowns(viewer: Viewer): boolean {
  return viewer.access === 'participant' && viewer.roles.some((r) => acting.includes(r));
}

/** The affected person, HR, counsel and time-limited grants read them too (the union alone does not). */
export function mayReadTakedowns(viewer: Viewer): boolean {
  if (viewer.access === 'affected' || viewer.access === 'grant') return true;
  return viewer.roles.some((r) => reading.includes(r));
}

/** The staff member may tick account-recovery steps and upload their signed mandate. */
export function mayFileTakedowns(viewer: Viewer): boolean {
  return viewer.access === 'affected' || mayActOnTakedowns(viewer);
}

export function takedownConsentOf(detail: CaseDetail): { granted: boolean; recordedAt: string } | undefined {
  return detail.consents.find((c) => c.purpose === 'takedown');
}

/** A request's provider in the reader's words (the directory names the generic web host in English). */
export function requestProviderName(
  intl: { formatMessage(d: { id: string }): string },
  request: Pick<Takedown, 'providerId' | 'providerName'>,
): string {
  return request.providerId === WEB_HOST ? intl.formatMessage({ id: 'takedowns.provider.webHost' }) : request.providerName;
}

/** Only the web addresses of a channel are links; a description in words stays text. */
export function isLink(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^(https?:|mailto:|tel:)/i.test(value);
}
