// The playbook as data (DESIGN.md §2): the structure the editor sends and the API returns.
import { z } from 'zod';

const localised = z.strictObject({ 'fr-CA': z.string().trim().min(1).max(2000), en: z.string().trim().min(1).max(2000) });

export const playbookStepSchema = z.strictObject({
  key: z.string().trim().min(1).max(20),
  role: z.string().min(1).max(40),
  title: localised,
  guidance: localised,
  due: z.string().trim().min(1).max(20),
  appliesWhen: z.string().trim().min(1).max(500),
  completion: z.string().min(1).max(60),
  escalation: z.array(z.string().max(40)).max(6),
  dependsOn: z.array(z.string().max(20)).max(20).optional(),
  perLocation: z.boolean().optional(),
  optional: z.boolean().optional(),
});

export const playbookDefinitionSchema = z
  .strictObject({
    format: z.literal(1),
    name: localised,
    source: z.string().max(500).optional(),
    steps: z.array(playbookStepSchema).min(1).max(100),
  })
  .meta({ id: 'PlaybookDefinition' });

export const playbookProblemSchema = z.object({ path: z.string(), code: z.string(), message: z.string() });

export const playbookResponse = z.object({
  id: z.uuid(),
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  definition: playbookDefinitionSchema,
  versions: z.array(z.object({ id: z.uuid(), version: z.number(), createdAt: z.string(), createdBy: z.string().nullable(), createdByName: z.string().nullable() })),
  /** What the editor offers: roles, completions, escalation targets, facts for conditions. */
  vocabulary: z.object({ roles: z.array(z.string()), completions: z.array(z.string()), escalationTargets: z.array(z.string()), facts: z.array(z.string()) }),
});

export const savePlaybookBody = z.strictObject({ definition: playbookDefinitionSchema, basedOnVersion: z.number().int().positive() });

export const previewPlaybookBody = z.strictObject({
  definition: playbookDefinitionSchema,
  facts: z
    .strictObject({
      flags: z.array(z.enum(['illegalOrSerious', 'studentInvolved', 'staffInvolved', 'publicExposure', 'accountCompromised'])).default([]),
      instigator: z.enum(['none', 'known', 'student']).default('none'),
      consents: z.array(z.enum(['union_notice', 'takedown', 'police_dossier_share'])).default([]),
      locations: z.number().int().min(0).max(10).default(1),
      joinedRoles: z.array(z.string().max(40)).max(10).default(['staff', 'supervisor']),
    })
    .default({ flags: [], instigator: 'none', consents: [], locations: 1, joinedRoles: ['staff', 'supervisor'] }),
  /** The moment of intake for due times; default now. */
  at: z.iso.datetime({ offset: true }).optional(),
});

export const previewPlaybookResponse = z.object({
  ok: z.boolean(),
  problems: z.array(playbookProblemSchema),
  tasks: z.array(z.object({ stepKey: z.string(), title: z.string(), role: z.string(), status: z.string(), dueAt: z.string().nullable(), location: z.number().nullable() })),
});
