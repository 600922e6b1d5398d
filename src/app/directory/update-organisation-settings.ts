// Organisation name, language and business calendar. The calendar drives every due time of the
// playbook, so it is validated by the calendar's own rules before it is stored.
import { appendLedger } from '../../adapters/db/ledger.js';
import { findOrganisationSettings, updateOrganisationSettings as storeSettings } from '../../adapters/db/organisations.js';
import type { OrganisationSettings, UpdateOrganisationInput } from '../../contract/directory.js';
import { validateBusinessCalendar } from '../../domain/calendar/index.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction, invalidFields, notFound } from './errors.js';

const fields = [
  'name',
  'defaultLocale',
  'timeZone',
  'workDayStart',
  'workDayEnd',
  'workDays',
  'goodFridayOff',
  'easterMondayOff',
  'requireTotpRoles',
] as const;

export async function updateOrganisationSettings(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, input }: { actor: DirectoryActor; input: UpdateOrganisationInput },
): Promise<OrganisationSettings> {
  return inTransaction(ctx.db, async (tx) => {
    const current = await findOrganisationSettings(tx, actor.organisationId);
    if (!current) throw notFound();
    const wanted = {
      ...current,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    } as OrganisationSettings;
    wanted.requireTotpRoles = [...new Set(wanted.requireTotpRoles)].sort();

    const calendar = validateBusinessCalendar({
      timeZone: wanted.timeZone,
      workDayStart: wanted.workDayStart,
      workDayEnd: wanted.workDayEnd,
      workDays: wanted.workDays,
      goodFridayOff: wanted.goodFridayOff,
      easterMondayOff: wanted.easterMondayOff,
      closureDays: [],
    });
    if (!calendar.ok) {
      throw invalidFields(
        actor.locale,
        // 'workDays[2]' → 'workDays.2', the path style of schema errors.
        calendar.errors.map((e) => ({ path: e.path.replace(/\[(\d+)\]/g, '.$1') || 'body', key: `directory.calendar.${e.message}` })),
      );
    }
    wanted.workDays = calendar.value.workDays;

    const changed = fields.filter((f) => JSON.stringify(wanted[f]) !== JSON.stringify(current[f]));
    if (changed.length === 0) return current;
    const saved = await storeSettings(tx, actor.organisationId, wanted);
    await appendLedger(tx, {
      action: 'organisation.updated',
      at: ctx.clock.now(),
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'organisation', id: actor.organisationId },
      data: { fields: [...changed] },
    });
    return saved;
  });
}
