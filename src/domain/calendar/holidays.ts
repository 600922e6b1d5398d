/**
 * Québec statutory holidays (Loi sur les normes du travail, art. 60, and
 * Loi sur la fête nationale), computed for a Gregorian year.
 *
 * Pure calendar arithmetic on civil dates: no time zone is involved because a
 * holiday is a whole local day wherever the organisation is.
 */

export type StatutoryHolidayKey =
  | 'new_year'
  | 'good_friday'
  | 'easter_monday'
  | 'national_patriots_day'
  | 'saint_jean_baptiste'
  | 'canada_day'
  | 'labour_day'
  | 'thanksgiving'
  | 'christmas';

export interface StatutoryHoliday {
  /** Civil date, 'YYYY-MM-DD'. */
  date: string;
  key: StatutoryHolidayKey;
}

export interface QuebecHolidayOptions {
  /** Include Good Friday (default true). */
  goodFriday?: boolean;
  /** Include Easter Monday (default true). */
  easterMonday?: boolean;
}

/** The Meeus/Jones/Butcher Easter algorithm is only defined for the Gregorian calendar. */
export const MIN_SUPPORTED_YEAR = 1583;
export const MAX_SUPPORTED_YEAR = 9999;

const MS_PER_DAY = 86_400_000;

export function assertSupportedYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_SUPPORTED_YEAR || year > MAX_SUPPORTED_YEAR) {
    throw new RangeError(
      `year must be an integer between ${MIN_SUPPORTED_YEAR} and ${MAX_SUPPORTED_YEAR}, got ${String(year)}`,
    );
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Formats a civil date; month is 1-based. */
export function formatIsoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a civil date; month is 1-based. */
export function isoWeekday(year: number, month: number, day: number): number {
  const jsDay = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return jsDay === 0 ? 7 : jsDay;
}

/** Shifts a civil date by whole days; UTC midnight arithmetic has no DST to trip over. */
function shiftDate(year: number, month: number, day: number, days: number): string {
  const d = new Date(Date.UTC(year, month - 1, day) + days * MS_PER_DAY);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Day of month of the nth (1-based) occurrence of an ISO weekday in a month. */
function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number): number {
  const first = isoWeekday(year, month, 1);
  return 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7;
}

/**
 * Easter Sunday ('YYYY-MM-DD') by the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher), exact for every Gregorian year.
 */
export function easterSunday(year: number): string {
  assertSupportedYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate(year, month, day);
}

/**
 * Québec statutory holidays of `year`, sorted by date.
 *
 * Good Friday and Easter Monday are both included by default: the Act lets an
 * employer pick one of them, but school boards (public sector collective
 * agreements) grant both; either can be turned off.
 */
export function quebecStatutoryHolidays(year: number, options: QuebecHolidayOptions = {}): StatutoryHoliday[] {
  assertSupportedYear(year);
  const includeGoodFriday = options.goodFriday ?? true;
  const includeEasterMonday = options.easterMonday ?? true;

  const holidays: StatutoryHoliday[] = [{ date: formatIsoDate(year, 1, 1), key: 'new_year' }];

  const [ey, em, ed] = easterSunday(year).split('-').map(Number) as [number, number, number];
  if (includeGoodFriday) {
    holidays.push({ date: shiftDate(ey, em, ed, -2), key: 'good_friday' });
  }
  if (includeEasterMonday) {
    holidays.push({ date: shiftDate(ey, em, ed, 1), key: 'easter_monday' });
  }

  // The Monday preceding May 25 is the Monday on or before May 24 (May 18–24).
  const may24Weekday = isoWeekday(year, 5, 24);
  holidays.push({ date: formatIsoDate(year, 5, 24 - (may24Weekday - 1)), key: 'national_patriots_day' });

  // Fête nationale and Canada Day move to the Monday only when they fall on a Sunday.
  const stJeanDay = isoWeekday(year, 6, 24) === 7 ? 25 : 24;
  holidays.push({ date: formatIsoDate(year, 6, stJeanDay), key: 'saint_jean_baptiste' });
  const canadaDay = isoWeekday(year, 7, 1) === 7 ? 2 : 1;
  holidays.push({ date: formatIsoDate(year, 7, canadaDay), key: 'canada_day' });

  holidays.push({ date: formatIsoDate(year, 9, nthWeekdayOfMonth(year, 9, 1, 1)), key: 'labour_day' });
  holidays.push({ date: formatIsoDate(year, 10, nthWeekdayOfMonth(year, 10, 1, 2)), key: 'thanksgiving' });
  holidays.push({ date: formatIsoDate(year, 12, 25), key: 'christmas' });

  // Easter dates (Mar 20 – Apr 26) always sort before Patriots' Day, but sort
  // anyway so the ordering guarantee does not rest on that observation.
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}
