// Provider directory, help organisations, removal requests, report packages, mandates and the
// account-recovery checklist: the zod schemas shared by the API, its OpenAPI document and the UI.
import { z } from 'zod';
import { channelMethods, channelPurposes, filerKinds, grounds } from '../domain/takedowns/directory.js';
import { helpConditions } from '../domain/takedowns/help.js';
import { recoverySteps } from '../domain/takedowns/account-recovery.js';
import { takedownStatuses } from '../domain/takedowns/status.js';

export const groundSchema = z.enum(grounds);
export const takedownStatusSchema = z.enum(takedownStatuses);
export const localeSchema = z.enum(['fr-CA', 'en']);
export const filerSchema = z.enum(['board', 'staff_member']);
export const providerIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'invalid_provider_id');

/** An http(s) or mailto: address of a channel. */
const channelUrl = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:' || u.protocol === 'tel:';
    } catch {
      return false;
    }
  }, 'invalid_url');

const hostName = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(253)
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'invalid_host');

export const providerChannelSchema = z
  .object({
    purpose: z.enum(channelPurposes),
    url: z.string(),
    method: z.enum(channelMethods),
    whoMayFile: z.array(z.enum(filerKinds)),
    loginRequired: z.boolean(),
    notes: z.string().nullable(),
    source: z.string().nullable(),
    verified: z.boolean(),
  })
  .meta({ id: 'ProviderChannel' });

export const providerChannelInput = z.strictObject({
  purpose: z.enum(channelPurposes),
  url: channelUrl,
  method: z.enum(channelMethods),
  whoMayFile: z.array(z.enum(filerKinds)).min(1).max(3),
  loginRequired: z.boolean(),
  notes: z.string().trim().max(2000).nullable().optional(),
  /** The page the fact was read on; kept from the existing channel when omitted. */
  source: z.string().trim().max(2048).nullable().optional(),
  /** Seen on the provider's own page; kept from the existing channel when omitted. */
  verified: z.boolean().optional(),
});

export const providerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    domains: z.array(z.string()),
    channels: z.array(providerChannelSchema),
    evidenceTips: z.array(z.string()),
    typicalResponse: z.string().nullable(),
    localeNotes: z.string().nullable(),
    /** seed: from seed/providers/providers.json (local edits kept on upgrade); custom: added here. */
    source: z.enum(['seed', 'custom']),
    /** YYYY-MM-DD: the later of the seed's review date and the last local review. */
    lastReviewed: z.string().nullable(),
    /** Last reviewed more than a year ago (or never). */
    stale: z.boolean(),
    /** Fields edited locally (laid over the seed). */
    localEdits: z.array(z.string()),
    editedAt: z.string().nullable(),
    editedByName: z.string().nullable(),
  })
  .meta({ id: 'Provider' });

export const helpOrganisationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    purpose: z.string(),
    url: z.string(),
    phone: z.string().nullable(),
    audience: z.string(),
    jurisdiction: z.string(),
    verified: z.boolean(),
    source: z.string().nullable(),
    notes: z.string().nullable(),
    /** When it applies (any one): always, threats_or_crime, intimate_images, minors_intimate_images, privacy, impersonation. */
    appliesWhen: z.array(z.enum(helpConditions)),
    /** The same conditions, as sentences in the reader's language. */
    appliesWhenText: z.array(z.string()),
    lastReviewed: z.string().nullable(),
    stale: z.boolean(),
  })
  .meta({ id: 'HelpOrganisation' });

export const providerDirectoryResponse = z.object({
  providers: z.array(providerSchema),
  helpOrganisations: z.array(helpOrganisationSchema),
});

export const updateProviderBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    domains: z.array(hostName).max(100).optional(),
    channels: z.array(providerChannelInput).max(50).optional(),
    evidenceTips: z.array(z.string().trim().min(1).max(1000)).max(50).optional(),
    typicalResponse: z.string().trim().max(2000).nullable().optional(),
    localeNotes: z.string().trim().max(2000).nullable().optional(),
    /** Marks the entry reviewed today (lastReviewed). */
    markReviewed: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'empty_patch' });

export const createProviderBody = z.strictObject({
  id: providerIdSchema,
  name: z.string().trim().min(1).max(200),
  domains: z.array(hostName).min(1).max(100),
  channels: z.array(providerChannelInput).max(50).default([]),
  evidenceTips: z.array(z.string().trim().min(1).max(1000)).max(50).default([]),
  typicalResponse: z.string().trim().max(2000).nullable().optional(),
  localeNotes: z.string().trim().max(2000).nullable().optional(),
});

export const providerParams = z.strictObject({ id: z.string().max(64) });

export const caseHelpQuery = z.strictObject({
  /** Also show what applies to this ground (before any request exists). */
  ground: groundSchema.optional(),
});

export const caseHelpResponse = z.object({
  items: z.array(helpOrganisationSchema.extend({ reasons: z.array(z.enum(helpConditions)), reasonsText: z.array(z.string()) })),
});

export const createTakedownBody = z.strictObject({
  locationIds: z.array(z.uuid()).min(1).max(50),
  providerId: providerIdSchema,
  ground: groundSchema,
  /** The channel: one of the provider's directory channel URLs, or a description (default: the directory's channel for the ground). */
  channel: z.string().trim().min(1).max(2048).optional(),
  /** Who files it (default: from the channel's whoMayFile). */
  filer: filerSchema.optional(),
});

export const updateTakedownBody = z
  .strictObject({
    status: takedownStatusSchema.optional(),
    /** The text to send (drafts only), in textLocale. */
    text: z.string().trim().min(1).max(50_000).optional(),
    textLocale: localeSchema.optional(),
    /** Drop a person's edit and generate the texts again from the current evidence (drafts only). */
    regenerate: z.boolean().optional(),
    channel: z.string().trim().min(1).max(2048).optional(),
    filer: filerSchema.optional(),
    referenceNumber: z.string().trim().min(1).max(200).optional(),
    /** Added to the request's follow-ups. */
    note: z.string().trim().min(1).max(5000).optional(),
    /** Submitting although a location has no sealed evidence: the reason. */
    overrideReason: z.string().trim().min(3).max(2000).optional(),
    /** A person confirms the content is gone (needed for `removed` without a re-check). */
    confirmation: z.strictObject({ note: z.string().trim().min(3).max(5000) }).optional(),
    /** Optimistic concurrency: the version read; a mismatch answers 409 stale_version. */
    version: z.number().int().positive().optional(),
  })
  .refine((b) => Object.keys(b).filter((k) => k !== 'version').length > 0, { message: 'empty_patch' });

export const followupBody = z.strictObject({
  kind: z.enum(['note', 'reminder_sent', 'provider_reply']),
  note: z.string().trim().min(1).max(5000),
});

const citedArtefact = z.object({
  id: z.uuid(),
  kind: z.string(),
  filename: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
});
const citedEvidence = z.object({
  evidenceId: z.uuid(),
  capturedAt: z.string(),
  manifestSha256: z.string(),
  artefacts: z.array(citedArtefact),
});

export const takedownLocationSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  host: z.string(),
  providerId: z.string().nullable(),
  status: z.enum(['online', 'removed', 'unknown']),
  lastCheckedAt: z.string().nullable(),
  evidence: z.array(citedEvidence),
});

export const followupSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['note', 'reminder_sent', 'provider_reply', 'status_changed', 'reminder_due']),
  note: z.string().nullable(),
  statusFrom: z.string().nullable(),
  statusTo: z.string().nullable(),
  at: z.string(),
  byUserId: z.uuid().nullable(),
  byName: z.string().nullable(),
});

export const mandateSchema = z.object({
  id: z.uuid(),
  sha256: z.string(),
  size: z.number(),
  mediaType: z.string(),
  filename: z.string(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
});

export const takedownWarningSchema = z.object({
  code: z.enum([
    'consent_missing',
    'evidence_missing',
    'provider_mismatch',
    'victim_only',
    'mandate_missing',
    'channel_unverified',
    'directory_stale',
  ]),
  message: z.string(),
  locationId: z.uuid().nullable(),
});

export const takedownSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseReference: z.string(),
    providerId: z.string(),
    providerName: z.string(),
    ground: groundSchema,
    status: takedownStatusSchema,
    channel: z.string().nullable(),
    channelMethod: z.string().nullable(),
    filer: filerSchema,
    /** The generated texts, both languages. */
    texts: z.object({ 'fr-CA': z.string(), en: z.string() }),
    /** The text to send: a person's edit, or the generated text of textLocale. */
    text: z.string(),
    textEdited: z.boolean(),
    textLocale: localeSchema,
    generatedAt: z.string(),
    sentText: z.string().nullable(),
    referenceNumber: z.string().nullable(),
    submittedAt: z.string().nullable(),
    submittedByName: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    removalBasis: z.enum(['recheck', 'confirmation']).nullable(),
    confirmationNote: z.string().nullable(),
    overrideReason: z.string().nullable(),
    nextReminderAt: z.string().nullable(),
    reminderCount: z.number(),
    createdAt: z.string(),
    createdByName: z.string().nullable(),
    updatedAt: z.string(),
    version: z.number(),
    locations: z.array(takedownLocationSchema),
    consent: z.object({ active: z.boolean(), recordedAt: z.string().nullable() }),
    warnings: z.array(takedownWarningSchema),
    followups: z.array(followupSchema),
    mandates: z.array(mandateSchema),
    nextStatuses: z.array(takedownStatusSchema),
    viewer: z.object({ canAct: z.boolean(), canFile: z.boolean() }),
  })
  .meta({ id: 'TakedownRequest' });

export const listTakedownsResponse = z.object({ items: z.array(takedownSchema) });

export const packageQuery = z.strictObject({ format: z.enum(['html', 'zip']).default('html'), locale: localeSchema.optional() });
export const mandateQuery = z.strictObject({ locale: localeSchema.optional() });

export const abuseContactSchema = z
  .object({
    locationId: z.uuid(),
    url: z.string(),
    host: z.string(),
    providerId: z.string(),
    domain: z.string().nullable(),
    addresses: z.array(z.string()),
    lookedUpAt: z.string().nullable(),
    answers: z.array(
      z.object({
        kind: z.enum(['domain', 'ip']),
        query: z.string(),
        status: z.enum(['ok', 'not_found', 'error']),
        source: z.string(),
        holder: z.string().nullable(),
        objectName: z.string().nullable(),
        abuse: z.array(z.object({ of: z.string(), name: z.string().nullable(), emails: z.array(z.string()), phones: z.array(z.string()) })),
        detail: z.string().optional(),
      }),
    ),
    guidance: z.array(z.string()),
  })
  .meta({ id: 'AbuseContact' });

export const locationParams = z.strictObject({ id: z.string().max(64) });

export const accountRecoverySchema = z
  .object({
    caseId: z.uuid(),
    applies: z.boolean(),
    providers: z.array(
      z.object({
        providerId: z.string(),
        providerName: z.string(),
        channel: providerChannelSchema.nullable(),
        complete: z.boolean(),
        steps: z.array(
          z.object({
            step: z.enum(recoverySteps),
            title: z.string(),
            done: z.boolean(),
            note: z.string().nullable(),
            at: z.string().nullable(),
            byName: z.string().nullable(),
          }),
        ),
      }),
    ),
    /** Providers of the directory that list an account-recovery channel. */
    availableProviders: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'AccountRecovery' });

export const accountRecoveryPatch = z
  .strictObject({
    addProviders: z.array(providerIdSchema).min(1).max(20).optional(),
    steps: z
      .array(
        z.strictObject({
          providerId: providerIdSchema,
          step: z.enum(recoverySteps),
          done: z.boolean(),
          note: z.string().trim().max(2000).optional(),
        }),
      )
      .min(1)
      .max(50)
      .optional(),
  })
  .refine((b) => b.addProviders !== undefined || b.steps !== undefined, { message: 'empty_patch' });

export const takedownSettingsSchema = z.object({ reminderDays: z.number().int().min(1).max(90) });
export const takedownSettingsBody = z.strictObject({ reminderDays: z.number().int().min(1).max(90) });

export const consentRequestResponse = z
  .object({
    requestedAt: z.string(),
    /** Who was asked: the affected staff member. */
    recipientName: z.string(),
  })
  .meta({ id: 'TakedownConsentRequest' });
