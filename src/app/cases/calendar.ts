import type { Queryable } from '../../adapters/db/database.js';
import { type BusinessCalendar, validateBusinessCalendar } from '../../domain/calendar/index.js';

/** The organisation's business calendar (zone, hours, Easter options, closure days). */
export async function loadCalendar(db: Queryable, organisationId: string): Promise<BusinessCalendar> {
  const org = await db
    .selectFrom('organisations')
    .select(['time_zone', 'work_day_start', 'work_day_end', 'work_days', 'good_friday_off', 'easter_monday_off'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  const closures = await db.selectFrom('closure_days').select('day').where('organisation_id', '=', organisationId).execute();
  const result = validateBusinessCalendar({
    timeZone: org.time_zone,
    workDayStart: org.work_day_start,
    workDayEnd: org.work_day_end,
    workDays: org.work_days,
    goodFridayOff: org.good_friday_off,
    easterMondayOff: org.easter_monday_off,
    closureDays: closures.map((c) => String(c.day).slice(0, 10)),
  });
  if (!result.ok) throw new Error(`organisation ${organisationId} has an invalid calendar`);
  return result.value;
}
