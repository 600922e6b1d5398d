// Preview for the settings screen: the statutory holidays (with the organisation's Good Friday /
// Easter Monday choice) and the board's closure days of one year, as the due-time rules see them.
import { DateTime } from 'luxon';
import { findOrganisationSettings, listClosureDays } from '../../adapters/db/organisations.js';
import type { Holiday } from '../../contract/directory.js';
import { holidaysBetween } from '../../domain/calendar/index.js';
import { t } from '../../locales/index.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { notFound } from './errors.js';

export async function listHolidays(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, year }: { actor: DirectoryActor; year?: number | undefined },
): Promise<{ year: number; holidays: Holiday[] }> {
  const settings = await findOrganisationSettings(ctx.db, actor.organisationId);
  if (!settings) throw notFound();
  const wantedYear = year ?? DateTime.fromJSDate(ctx.clock.now(), { zone: settings.timeZone }).year;
  const y = String(wantedYear).padStart(4, '0');
  const from = `${y}-01-01`;
  const to = `${y}-12-31`;
  const closures = await listClosureDays(ctx.db, actor.organisationId, { from, to });
  const labels = new Map(closures.map((c) => [c.day, c.label]));
  const days = holidaysBetween(
    {
      timeZone: settings.timeZone,
      workDayStart: settings.workDayStart,
      workDayEnd: settings.workDayEnd,
      workDays: settings.workDays,
      goodFridayOff: settings.goodFridayOff,
      easterMondayOff: settings.easterMondayOff,
      closureDays: closures.map((c) => c.day),
    },
    from,
    to,
  );
  return {
    year: wantedYear,
    holidays: days.map((d) => ({
      date: d.date,
      key: d.key,
      label:
        d.key === 'closure'
          ? labels.get(d.date) || t(actor.locale, 'directory.holiday.closure')
          : t(actor.locale, `directory.holiday.${d.key}`),
    })),
  };
}
