import { z } from 'zod';
import { isoDateTime } from './common.js';

export const createTokenBody = z.strictObject({
  /** What the token is for ("Extension — portable"), shown in the token list. */
  label: z.string().trim().min(1).max(100),
});

export const createdTokenResponse = z
  .object({
    id: z.uuid(),
    /** The secret, shown this once: send it as `Authorization: Bearer <token>`. */
    token: z.string(),
    label: z.string(),
    /** The token's first characters, to recognise it in the list. */
    prefix: z.string(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'CreatedApiToken' });

export const apiTokenSchema = z
  .object({
    id: z.uuid(),
    label: z.string(),
    prefix: z.string(),
    createdAt: isoDateTime,
    lastUsedAt: isoDateTime.nullable(),
    /** The token this request was made with. */
    current: z.boolean(),
  })
  .meta({ id: 'ApiToken' });

export const tokenListResponse = z.object({ items: z.array(apiTokenSchema) });
