// GET /providers/{id}: one directory entry with its channels, sources and review date.
import type { z } from 'zod';
import type { providerSchema } from '../../contract/takedowns.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { editorNames, findProvider, presentProvider } from './directory-store.js';

export async function getProvider(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { providerId: string },
): Promise<z.infer<typeof providerSchema>> {
  const found = await findProvider(ctx.db, input.providerId);
  if (!found) throw new DomainError('not_found');
  return presentProvider(found.row, ctx.clock.now(), await editorNames(ctx.db, [found.row.edited_by]));
}
