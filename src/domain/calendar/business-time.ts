/**
 * Business-time arithmetic for an organisation's calendar.
 *
 * Pure: every instant is an argument, nothing reads the clock. Instants are
 * JS `Date`s (absolute time); anything "local" (dates, opening hours) is
 * interpreted in the calendar's IANA time zone through luxon, so DST
 * transitions are handled by the zone rules rather than by fixed offsets.
 */

import { DateTime, IANAZone } from 'luxon';
import {
  MAX_SUPPORTED_YEAR,
  MIN_SUPPORTED_YEAR,
  type StatutoryHolidayKey,
  formatIsoDate,
  isoWeekday,
  quebecStatutoryHolidays,
} from './holidays.js';

export interface BusinessCalendar {
  /** IANA time zone in which dates and opening hours are read. */
  timeZone: string;
  /** Opening time, 'HH:MM' (24 h), local to `timeZone`. */
  workDayStart: string;
  /** Closing time, 'HH:MM' (24 h), strictly after `workDayStart` on the same day. */
  workDayEnd: string;
  /** ISO weekdays that are worked: 1 = Monday … 7 = Sunday. */
  workDays: number[];
  goodFridayOff: boolean;
  easterMondayOff: boolean;
  /** The organisation's own closure days, 'YYYY-MM-DD'. */
  closureDays: string[];
}

export interface CalendarValidationError {
  /** Dotted / indexed path of the offending field, '' for the whole value. */
  path: string;
  /** Stable English identifier, suitable as an i18n key. */
  message: string;
}

export type CalendarValidationResult =
  | { ok: true; value: BusinessCalendar }
  | { ok: false; errors: CalendarValidationError[] };

export interface CalendarHoliday {
  date: string;
  key: StatutoryHolidayKey | 'closure';
}

/**
 * Frozen so that a consumer mutating "its" calendar cannot silently change
 * the default for everyone else; copy it (`{ ...defaultBusinessCalendar }`)
 * and replace arrays to customise.
 */
export const defaultBusinessCalendar: BusinessCalendar = Object.freeze({
  timeZone: 'America/Toronto',
  workDayStart: '08:00',
  workDayEnd: '17:00',
  workDays: Object.freeze([1, 2, 3, 4, 5]) as number[],
  goodFridayOff: true,
  easterMondayOff: true,
  closureDays: Object.freeze([]) as unknown as string[],
});

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

// ---------------------------------------------------------------------------
// Parsing helpers
// ---------------------------------------------------------------------------

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

interface ClockTime {
  hour: number;
  minute: number;
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Strict 'YYYY-MM-DD' of a real Gregorian date in the supported year range. */
function parseIsoDate(value: unknown): CivilDate | null {
  if (typeof value !== 'string') return null;
  const match = ISO_DATE_RE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_SUPPORTED_YEAR || year > MAX_SUPPORTED_YEAR) return null;
  if (month < 1 || month > 12 || day < 1) return null;
  // Round-tripping through UTC rejects days past the end of the month (Feb 30).
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

function parseTime(value: unknown): ClockTime | null {
  if (typeof value !== 'string') return null;
  const match = TIME_RE.exec(value);
  if (!match) return null;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function isValidTimeZone(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && IANAZone.isValidZone(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

/**
 * Validates an untrusted calendar (e.g. organisation settings from JSON).
 *
 * Missing (`undefined`) fields take their value from `defaultBusinessCalendar`
 * so that stored settings only need to hold what differs; present fields must
 * be valid. The returned value is a fresh object with `workDays` and
 * `closureDays` de-duplicated and sorted; unknown keys are dropped.
 */
export function validateBusinessCalendar(c: unknown): CalendarValidationResult {
  if (!isRecord(c)) {
    return { ok: false, errors: [{ path: '', message: 'invalid_calendar' }] };
  }
  const errors: CalendarValidationError[] = [];
  const pick = <K extends keyof BusinessCalendar>(key: K): unknown =>
    c[key] === undefined ? defaultBusinessCalendar[key] : c[key];

  const timeZone = pick('timeZone');
  if (!isValidTimeZone(timeZone)) {
    errors.push({ path: 'timeZone', message: 'invalid_time_zone' });
  }

  const workDayStart = pick('workDayStart');
  const workDayEnd = pick('workDayEnd');
  const start = parseTime(workDayStart);
  const end = parseTime(workDayEnd);
  if (!start) errors.push({ path: 'workDayStart', message: 'invalid_time' });
  if (!end) errors.push({ path: 'workDayEnd', message: 'invalid_time' });
  // A zero-length day would leave no working instant at all.
  if (start && end && end.hour * 60 + end.minute <= start.hour * 60 + start.minute) {
    errors.push({ path: 'workDayEnd', message: 'end_before_start' });
  }

  const rawWorkDays = pick('workDays');
  const workDays: number[] = [];
  if (!Array.isArray(rawWorkDays)) {
    errors.push({ path: 'workDays', message: 'invalid_list' });
  } else {
    rawWorkDays.forEach((d: unknown, i) => {
      if (typeof d === 'number' && Number.isInteger(d) && d >= 1 && d <= 7) {
        if (!workDays.includes(d)) workDays.push(d);
      } else {
        errors.push({ path: `workDays[${i}]`, message: 'invalid_weekday' });
      }
    });
    // Without any worked weekday, "next business day" searches would never end.
    if (rawWorkDays.length === 0) errors.push({ path: 'workDays', message: 'no_work_days' });
  }

  const goodFridayOff = pick('goodFridayOff');
  if (typeof goodFridayOff !== 'boolean') {
    errors.push({ path: 'goodFridayOff', message: 'invalid_boolean' });
  }
  const easterMondayOff = pick('easterMondayOff');
  if (typeof easterMondayOff !== 'boolean') {
    errors.push({ path: 'easterMondayOff', message: 'invalid_boolean' });
  }

  const rawClosureDays = pick('closureDays');
  const closureDays: string[] = [];
  if (!Array.isArray(rawClosureDays)) {
    errors.push({ path: 'closureDays', message: 'invalid_list' });
  } else {
    rawClosureDays.forEach((d: unknown, i) => {
      if (parseIsoDate(d) && typeof d === 'string') {
        if (!closureDays.includes(d)) closureDays.push(d);
      } else {
        errors.push({ path: `closureDays[${i}]`, message: 'invalid_date' });
      }
    });
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      timeZone: timeZone as string,
      workDayStart: workDayStart as string,
      workDayEnd: workDayEnd as string,
      workDays: workDays.sort((x, y) => x - y),
      goodFridayOff: goodFridayOff as boolean,
      easterMondayOff: easterMondayOff as boolean,
      closureDays: closureDays.sort(),
    },
  };
}

// ---------------------------------------------------------------------------
// Resolved calendar (internal)
// ---------------------------------------------------------------------------

interface ResolvedCalendar {
  zone: string;
  start: ClockTime;
  end: ClockTime;
  workDays: ReadonlySet<number>;
  goodFridayOff: boolean;
  easterMondayOff: boolean;
  closureDays: ReadonlySet<string>;
  /** Per-year statutory holiday dates, filled lazily during one computation. */
  holidayCache: Map<number, ReadonlyMap<string, StatutoryHolidayKey>>;
}

/**
 * The public functions are typed, but calendars usually come from stored
 * settings; re-validating turns a corrupt calendar into a RangeError instead
 * of an endless search or a silently wrong time zone.
 */
function resolve(cal: BusinessCalendar): ResolvedCalendar {
  const result = validateBusinessCalendar(cal);
  if (!result.ok) {
    const detail = result.errors.map((e) => `${e.path || '<root>'}: ${e.message}`).join(', ');
    throw new RangeError(`invalid business calendar (${detail})`);
  }
  const v = result.value;
  return {
    zone: v.timeZone,
    start: parseTime(v.workDayStart) as ClockTime,
    end: parseTime(v.workDayEnd) as ClockTime,
    workDays: new Set(v.workDays),
    goodFridayOff: v.goodFridayOff,
    easterMondayOff: v.easterMondayOff,
    closureDays: new Set(v.closureDays),
    holidayCache: new Map(),
  };
}

function statutoryHolidaysOf(rc: ResolvedCalendar, year: number): ReadonlyMap<string, StatutoryHolidayKey> {
  let holidays = rc.holidayCache.get(year);
  if (!holidays) {
    holidays = new Map(
      quebecStatutoryHolidays(year, { goodFriday: rc.goodFridayOff, easterMonday: rc.easterMondayOff }).map(
        (h) => [h.date, h.key] as const,
      ),
    );
    rc.holidayCache.set(year, holidays);
  }
  return holidays;
}

function requireIsoDate(value: string, name: string): CivilDate {
  const parsed = parseIsoDate(value);
  if (!parsed) {
    throw new RangeError(
      `${name} must be a 'YYYY-MM-DD' date between ${MIN_SUPPORTED_YEAR} and ${MAX_SUPPORTED_YEAR}, got ${String(value)}`,
    );
  }
  return parsed;
}

function requireInstant(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RangeError(`${name} must be a valid Date`);
  }
}

function toIso(d: CivilDate): string {
  return formatIsoDate(d.year, d.month, d.day);
}

function nextDay(d: CivilDate): CivilDate {
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day) + MS_PER_DAY);
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function compareDates(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function isBusinessDate(rc: ResolvedCalendar, d: CivilDate): boolean {
  if (!rc.workDays.has(isoWeekday(d.year, d.month, d.day))) return false;
  const iso = toIso(d);
  if (rc.closureDays.has(iso)) return false;
  return !statutoryHolidaysOf(rc, d.year).has(iso);
}

/** Civil date of an instant as seen on the wall in the calendar's zone. */
function localDateOf(rc: ResolvedCalendar, at: Date): CivilDate {
  const local = DateTime.fromJSDate(at, { zone: rc.zone });
  if (local.year < MIN_SUPPORTED_YEAR || local.year > MAX_SUPPORTED_YEAR) {
    throw new RangeError(`date outside the supported years ${MIN_SUPPORTED_YEAR}–${MAX_SUPPORTED_YEAR}`);
  }
  return { year: local.year, month: local.month, day: local.day };
}

/**
 * Instant of a local wall-clock time. If the time does not exist (inside a
 * spring-forward gap) luxon moves it forward by the gap, which is the only
 * sensible reading of "opens at 02:30" on that day.
 */
function instantAt(rc: ResolvedCalendar, d: CivilDate, t: ClockTime): Date {
  const local = DateTime.fromObject(
    { year: d.year, month: d.month, day: d.day, hour: t.hour, minute: t.minute },
    { zone: rc.zone },
  );
  if (!local.isValid) {
    throw new RangeError(`cannot build a local time in ${rc.zone}: ${local.invalidExplanation ?? 'invalid'}`);
  }
  return local.toJSDate();
}

function nextBusinessDate(rc: ResolvedCalendar, after: CivilDate): CivilDate {
  let d = nextDay(after);
  while (!isBusinessDate(rc, d)) d = nextDay(d);
  return d;
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/** True when `isoDate` is a worked weekday that is neither a statutory holiday nor a closure day. */
export function isBusinessDay(cal: BusinessCalendar, isoDate: string): boolean {
  const rc = resolve(cal);
  return isBusinessDate(rc, requireIsoDate(isoDate, 'isoDate'));
}

/**
 * Statutory holidays (honouring the calendar's Good Friday / Easter Monday
 * choice) and closure days between two dates, both inclusive, sorted by date.
 * Days off that fall on a non-worked weekday are listed too. A closure day
 * that coincides with a statutory holiday is reported once, as the holiday.
 */
export function holidaysBetween(cal: BusinessCalendar, fromIsoDate: string, toIsoDate: string): CalendarHoliday[] {
  const rc = resolve(cal);
  const from = requireIsoDate(fromIsoDate, 'fromIsoDate');
  const to = requireIsoDate(toIsoDate, 'toIsoDate');
  if (compareDates(from, to) > 0) {
    throw new RangeError(`fromIsoDate (${fromIsoDate}) is after toIsoDate (${toIsoDate})`);
  }
  // ISO dates compare correctly as strings.
  const inRange = (iso: string): boolean => iso >= fromIsoDate && iso <= toIsoDate;
  const result: CalendarHoliday[] = [];
  const statutoryDates = new Set<string>();
  for (let year = from.year; year <= to.year; year++) {
    for (const [date, key] of statutoryHolidaysOf(rc, year)) {
      if (inRange(date)) {
        result.push({ date, key });
        statutoryDates.add(date);
      }
    }
  }
  for (const date of rc.closureDays) {
    if (inRange(date) && !statutoryDates.has(date)) result.push({ date, key: 'closure' });
  }
  return result.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Adds elapsed hours (24/7, calendar-blind). "Wall clock" as opposed to
 * business hours: across a DST change, 24 h later is not the same local time
 * of day (it is one hour later in the spring, one earlier in the autumn).
 * Negative and fractional values are allowed (e.g. "remind 2 h before").
 */
export function addWallClockHours(from: Date, hours: number): Date {
  requireInstant(from, 'from');
  if (!Number.isFinite(hours)) throw new RangeError('hours must be a finite number');
  const result = new Date(from.getTime() + hours * MS_PER_HOUR);
  if (Number.isNaN(result.getTime())) throw new RangeError('result is outside the representable date range');
  return result;
}

/**
 * "N business days" deadline: closing time (`workDayEnd`, local) of the Nth
 * business day strictly after the local date of `from`.
 *
 * For n ≥ 1 the time of day of `from` does not matter: a request on Friday at
 * 08:00, at 16:59 or at 22:00, or on Saturday, with n = 1 is due Monday at
 * closing (when Monday is a business day).
 *
 * n = 0 means "by closing today": the closing time of the same local day if it
 * is a business day and `from` is before its closing time, otherwise the
 * closing time of the next business day (i.e. the same as n = 1).
 */
export function endOfNthBusinessDay(cal: BusinessCalendar, from: Date, n: number): Date {
  requireInstant(from, 'from');
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${String(n)}`);
  const rc = resolve(cal);
  let date = localDateOf(rc, from);
  if (n === 0) {
    if (isBusinessDate(rc, date)) {
      const close = instantAt(rc, date, rc.end);
      if (from.getTime() < close.getTime()) return close;
    }
    return instantAt(rc, nextBusinessDate(rc, date), rc.end);
  }
  for (let i = 0; i < n; i++) date = nextBusinessDate(rc, date);
  return instantAt(rc, date, rc.end);
}

/**
 * Working hours are the half-open interval [workDayStart, workDayEnd) of a
 * business day: at closing time sharp the office is closed.
 */
export function isWithinWorkingHours(cal: BusinessCalendar, at: Date): boolean {
  requireInstant(at, 'at');
  const rc = resolve(cal);
  const date = localDateOf(rc, at);
  if (!isBusinessDate(rc, date)) return false;
  const t = at.getTime();
  return t >= instantAt(rc, date, rc.start).getTime() && t < instantAt(rc, date, rc.end).getTime();
}

/**
 * `from` itself (as a new Date) when it falls within working hours, otherwise
 * the next opening time: later the same day when `from` is before opening on
 * a business day, else the opening of the next business day.
 */
export function nextWorkingInstant(cal: BusinessCalendar, from: Date): Date {
  requireInstant(from, 'from');
  const rc = resolve(cal);
  const date = localDateOf(rc, from);
  if (isBusinessDate(rc, date)) {
    const t = from.getTime();
    const open = instantAt(rc, date, rc.start);
    if (t < open.getTime()) return open;
    if (t < instantAt(rc, date, rc.end).getTime()) return new Date(t);
  }
  return instantAt(rc, nextBusinessDate(rc, date), rc.start);
}

/**
 * Working hours elapsed between two instants, as a fractional number of real
 * hours (a working day that straddles a DST jump counts its true length).
 * Antisymmetric: when `b` is before `a` the result is negative, like a
 * difference, so statistics can spot inverted timestamps instead of crashing.
 */
export function businessHoursBetween(cal: BusinessCalendar, a: Date, b: Date): number {
  requireInstant(a, 'a');
  requireInstant(b, 'b');
  if (b.getTime() < a.getTime()) {
    const reversed = businessHoursBetween(cal, b, a);
    return reversed === 0 ? 0 : -reversed;
  }
  const rc = resolve(cal);
  const startMs = a.getTime();
  const endMs = b.getTime();
  const last = localDateOf(rc, b);
  let totalMs = 0;
  for (let d = localDateOf(rc, a); compareDates(d, last) <= 0; d = nextDay(d)) {
    if (!isBusinessDate(rc, d)) continue;
    const open = Math.max(instantAt(rc, d, rc.start).getTime(), startMs);
    const close = Math.min(instantAt(rc, d, rc.end).getTime(), endMs);
    if (close > open) totalMs += close - open;
  }
  return totalMs / MS_PER_HOUR;
}
