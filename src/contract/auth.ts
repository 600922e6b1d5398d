import { z } from 'zod';
import { email } from './common.js';

export const loginBody = z.strictObject({
  email,
  password: z.string().min(1).max(1024),
  /** A six-digit TOTP code or a recovery code, once the user enrolled a second factor. */
  totp: z.string().min(6).max(32).optional(),
});

export const roleGrantSchema = z.object({
  role: z.enum(['staff', 'supervisor', 'general_direction', 'hr', 'it', 'union', 'legal', 'committee', 'admin']),
  unitId: z.uuid().nullable(),
  associationId: z.uuid().nullable(),
  isPrimary: z.boolean(),
});

export const meResponse = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    locale: z.enum(['fr-CA', 'en']),
    personId: z.uuid().nullable(),
    roles: z.array(roleGrantSchema),
    organisation: z.object({
      id: z.uuid(),
      name: z.string(),
      timeZone: z.string(),
      defaultLocale: z.string(),
    }),
    units: z.array(z.object({ id: z.uuid(), name: z.string() })),
    totpEnabled: z.boolean(),
    mustEnrolTotp: z.boolean(),
    via: z.enum(['session', 'token']),
  })
  .meta({ id: 'Me' });

export const updateMeBody = z.strictObject({
  locale: z.enum(['fr-CA', 'en']).optional(),
  displayName: z.string().trim().min(1).max(200).optional(),
});
