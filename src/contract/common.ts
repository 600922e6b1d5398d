import { z } from 'zod';
import { errorCodes } from './errors.js';

export const uuid = z.uuid();
export const isoDateTime = z.iso.datetime({ offset: true });
export const email = z.email().max(320);

export const errorResponse = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const idParams = z.strictObject({ id: uuid });
