// GET /providers: the directory with its help organisations, for any signed-in user (IT checks
// a provider's procedure, step 4.3.2; the staff member reads where to get help).
import type { z } from 'zod';
import type { providerDirectoryResponse } from '../../contract/takedowns.js';
import type { Locale } from '../../locales/index.js';
import type { AppContext } from '../context.js';
import { editorNames, loadDirectory, presentHelpOrganisation, presentProvider } from './directory-store.js';

export async function listProviders(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { locale: Locale },
): Promise<z.infer<typeof providerDirectoryResponse>> {
  const now = ctx.clock.now();
  const { providers, help } = await loadDirectory(ctx.db);
  const names = await editorNames(
    ctx.db,
    providers.map((p) => p.edited_by),
  );
  return {
    providers: providers.map((p) => presentProvider(p, now, names)),
    helpOrganisations: help.map((h) => presentHelpOrganisation(h, now, input.locale)),
  };
}
