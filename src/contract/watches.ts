// Watches, their triage inbox and removal re-checks (Takedown issue; docs/watches.md): the zod
// schemas shared by the API, its OpenAPI document and the UI.
import { z } from 'zod';

export const searchProviderSchema = z.enum(['searxng', 'brave']);
export const watchQueryKindSchema = z.enum(['name', 'handle', 'phrase']);
export const watchResultStatusSchema = z.enum(['new', 'dismissed', 'added', 'added_captured']);
export const checkOutcomeSchema = z.enum(['online', 'removed', 'unknown']);

export const watchQueryInput = z.strictObject({
  text: z.string().trim().min(2).max(200),
  kind: watchQueryKindSchema,
});

const sites = z.array(z.string().trim().min(3).max(253)).max(10);
const intervalHours = z.number().int().min(1).max(720);

export const createWatchBody = z.strictObject({
  queries: z.array(watchQueryInput).min(1).max(20),
  sites: sites.optional(),
  /** Default: every provider configured on the server. */
  providers: z.array(searchProviderSchema).min(1).max(2).optional(),
  /** Default 24, at least 1. */
  intervalHours: intervalHours.optional(),
});

export const updateWatchBody = z.strictObject({
  queries: z.array(watchQueryInput).min(1).max(20).optional(),
  sites: sites.optional(),
  providers: z.array(searchProviderSchema).min(1).max(2).optional(),
  intervalHours: intervalHours.optional(),
  active: z.boolean().optional(),
});

export const providerErrorSchema = z.object({
  provider: searchProviderSchema,
  /** rate_limited, auth_failed, server_error, bad_response, http_error, network_error, timeout, not_configured */
  code: z.string(),
  httpStatus: z.number().int().nullable(),
  /** After a rate limit: when the provider is asked again. */
  retryAt: z.string().nullable(),
  at: z.string(),
  /** The error in the caller's language. */
  message: z.string(),
});

export const watchSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    queries: z.array(z.object({ text: z.string(), kind: watchQueryKindSchema })),
    sites: z.array(z.string()),
    providers: z.array(searchProviderSchema),
    /** Providers this watch names that the server has not configured (skipped on each run). */
    unconfiguredProviders: z.array(searchProviderSchema),
    intervalHours: z.number().int(),
    active: z.boolean(),
    nextRunAt: z.string().nullable(),
    lastRunAt: z.string().nullable(),
    lastError: z.array(providerErrorSchema),
    lastRun: z
      .object({
        status: z.enum(['running', 'ok', 'partial', 'failed']),
        startedAt: z.string(),
        finishedAt: z.string().nullable(),
        resultCount: z.number().int(),
        newCount: z.number().int(),
      })
      .nullable(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Watch' });

export const runWatchResponse = z.object({ watchId: z.uuid(), queued: z.literal(true) });

export const watchResultSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    watchId: z.uuid().nullable(),
    url: z.string(),
    normalizedUrl: z.string(),
    host: z.string(),
    title: z.string().nullable(),
    snippet: z.string().nullable(),
    providers: z.array(z.string()),
    status: watchResultStatusSchema,
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    locationId: z.uuid().nullable(),
    /** Already a location of the case (found by a watch, or added by another way). */
    isLocation: z.boolean(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'WatchResult' });

export const listWatchResultsQuery = z.strictObject({
  status: watchResultStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const importWatchResultsBody = z
  .strictObject({
    urls: z.array(z.string().max(4096)).max(500).optional(),
    /** One URL per line. */
    text: z.string().max(200_000).optional(),
  })
  .refine((b) => (b.urls?.length ?? 0) > 0 || (b.text ?? '').trim().length > 0, { message: 'required', path: ['urls'] });

export const importWatchResultsResponse = z.object({
  results: z.array(watchResultSchema),
  created: z.number().int(),
  /** Lines that are not http(s) URLs. */
  rejected: z.array(z.string()),
});

export const triageWatchResultBody = z.strictObject({
  action: z.enum(['dismiss', 'add_location', 'add_and_capture']),
});

export const triageWatchResultResponse = z.object({
  result: watchResultSchema,
  locationId: z.uuid().nullable(),
  /** add_and_capture: the queued capture (null when captures are not available on this server). */
  evidenceId: z.uuid().nullable(),
});

export const locationCheckSchema = z
  .object({
    id: z.uuid(),
    locationId: z.uuid(),
    at: z.string(),
    trigger: z.enum(['schedule', 'manual']),
    outcome: checkOutcomeSchema,
    reason: z.string(),
    /** The rule that decided, in the caller's language. */
    explanation: z.string(),
    httpStatus: z.number().int().nullable(),
    finalUrl: z.string().nullable(),
    evidence: z.object({
      bodySha256: z.string().nullable(),
      bodyBytes: z.number().int().nullable(),
      contentType: z.string().nullable(),
      matchedMarker: z.string().nullable(),
      keyText: z.enum(['found', 'missing', 'unavailable']),
      redirects: z.array(z.string()),
    }),
    nextCheckAt: z.string().nullable(),
  })
  .meta({ id: 'LocationCheck' });

export const locationChecksResponse = z.object({
  locationId: z.uuid(),
  status: checkOutcomeSchema,
  lastCheckedAt: z.string().nullable(),
  nextCheckAt: z.string().nullable(),
  checks: z.array(locationCheckSchema),
});

export const recheckResponse = z.object({ locationId: z.uuid(), queued: z.literal(true) });
