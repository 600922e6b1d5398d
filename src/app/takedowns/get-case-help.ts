// GET /cases/{id}/help: the help organisations that apply to this case — its flags (threats or
// crime, minors involved) and the grounds of its removal requests (or one the reader asks about).
import type { z } from 'zod';
import { listHelpOrganisationRows } from '../../adapters/db/providers.js';
import { listCaseTakedownRequests } from '../../adapters/db/takedowns.js';
import type { caseHelpResponse } from '../../contract/takedowns.js';
import type { Ground } from '../../domain/takedowns/directory.js';
import { helpReasons } from '../../domain/takedowns/help.js';
import { type Locale, t } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import { loadCase } from '../cases/load-case.js';
import { flagsOf } from '../cases/procedure.js';
import type { AppContext } from '../context.js';
import { presentHelpOrganisation } from './directory-store.js';

export async function getCaseHelp(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; caseId: string; ground?: Ground | undefined; locale: Locale },
): Promise<z.infer<typeof caseHelpResponse>> {
  const now = ctx.clock.now();
  const { row } = await loadCase(ctx.db, input.actor, input.caseId, now);
  const flags = flagsOf(row);
  const grounds = new Set<Ground>((await listCaseTakedownRequests(ctx.db, row.id)).map((r) => r.ground));
  if (input.ground) grounds.add(input.ground);
  const facts = { illegalOrSerious: flags.illegalOrSerious, studentInvolved: flags.studentInvolved, grounds };
  const items = [];
  for (const h of await listHelpOrganisationRows(ctx.db)) {
    const reasons = helpReasons(h.id, facts);
    if (reasons.length === 0) continue;
    items.push({
      ...presentHelpOrganisation(h, now, input.locale),
      reasons,
      reasonsText: reasons.map((c) => t(input.locale, `takedown.help.condition.${c}`)),
    });
  }
  return { items };
}
