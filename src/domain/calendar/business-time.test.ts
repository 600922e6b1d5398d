import { describe, expect, it } from 'vitest';
import {
  type BusinessCalendar,
  addWallClockHours,
  businessHoursBetween,
  defaultBusinessCalendar,
  endOfNthBusinessDay,
  holidaysBetween,
  isBusinessDay,
  isWithinWorkingHours,
  nextWorkingInstant,
  validateBusinessCalendar,
} from './business-time.js';

// Instants are written with explicit offsets so the expectations do not rely on
// the code under test: America/Toronto is -05:00 in winter and -04:00 in summer
// (2025: DST starts Sunday March 9, ends Sunday November 2).
const at = (iso: string): Date => new Date(iso);

const calendar = (overrides: Partial<BusinessCalendar> = {}): BusinessCalendar => ({
  ...defaultBusinessCalendar,
  workDays: [...defaultBusinessCalendar.workDays],
  closureDays: [...defaultBusinessCalendar.closureDays],
  ...overrides,
});

/** A school board's winter break: Monday 2025-12-22 to Friday 2026-01-02. */
const winterBreak = [
  '2025-12-22',
  '2025-12-23',
  '2025-12-24',
  '2025-12-25',
  '2025-12-26',
  '2025-12-29',
  '2025-12-30',
  '2025-12-31',
  '2026-01-01',
  '2026-01-02',
];

const errorsOf = (input: unknown) => {
  const result = validateBusinessCalendar(input);
  return result.ok ? [] : result.errors;
};

describe('validateBusinessCalendar', () => {
  it('accepts the default calendar unchanged', () => {
    expect(validateBusinessCalendar(defaultBusinessCalendar)).toEqual({ ok: true, value: defaultBusinessCalendar });
  });

  it('fills missing fields from the defaults', () => {
    const result = validateBusinessCalendar({ workDayStart: '07:30' });
    expect(result).toEqual({ ok: true, value: { ...defaultBusinessCalendar, workDayStart: '07:30' } });
  });

  it('de-duplicates and sorts work days and closure days, and drops unknown keys', () => {
    const result = validateBusinessCalendar({
      workDays: [5, 1, 3, 1],
      closureDays: ['2026-01-02', '2025-12-22', '2026-01-02'],
      colour: 'blue',
    });
    expect(result).toEqual({
      ok: true,
      value: { ...defaultBusinessCalendar, workDays: [1, 3, 5], closureDays: ['2025-12-22', '2026-01-02'] },
    });
  });

  it('returns a fresh value that does not alias the input arrays', () => {
    const input = calendar({ closureDays: ['2025-12-22'] });
    const result = validateBusinessCalendar(input);
    expect(result.ok && result.value.closureDays).not.toBe(input.closureDays);
  });

  it.each([null, undefined, 'America/Toronto', 42, [defaultBusinessCalendar]])(
    'rejects a non-object calendar (%s)',
    (input) => {
      expect(errorsOf(input)).toEqual([{ path: '', message: 'invalid_calendar' }]);
    },
  );

  it.each(['Mars/Olympus_Mons', '', 'EST5EDT-nope', 42])('rejects the unknown time zone %s', (timeZone) => {
    expect(errorsOf({ timeZone })).toEqual([{ path: 'timeZone', message: 'invalid_time_zone' }]);
  });

  it('accepts other IANA zones', () => {
    expect(validateBusinessCalendar({ timeZone: 'America/Vancouver' }).ok).toBe(true);
    expect(validateBusinessCalendar({ timeZone: 'UTC' }).ok).toBe(true);
  });

  it.each(['8:00', '24:00', '12:60', '08:00:00', 'noon', 800])('rejects the malformed time %s', (time) => {
    expect(errorsOf({ workDayStart: time })).toEqual([{ path: 'workDayStart', message: 'invalid_time' }]);
    expect(errorsOf({ workDayEnd: time })).toEqual([{ path: 'workDayEnd', message: 'invalid_time' }]);
  });

  it('rejects a closing time that is not after the opening time', () => {
    expect(errorsOf({ workDayStart: '17:00', workDayEnd: '08:00' })).toEqual([
      { path: 'workDayEnd', message: 'end_before_start' },
    ]);
    expect(errorsOf({ workDayStart: '09:00', workDayEnd: '09:00' })).toEqual([
      { path: 'workDayEnd', message: 'end_before_start' },
    ]);
  });

  it('reports each invalid weekday by index', () => {
    expect(errorsOf({ workDays: [1, 0, 8, 2.5, '3'] })).toEqual([
      { path: 'workDays[1]', message: 'invalid_weekday' },
      { path: 'workDays[2]', message: 'invalid_weekday' },
      { path: 'workDays[3]', message: 'invalid_weekday' },
      { path: 'workDays[4]', message: 'invalid_weekday' },
    ]);
  });

  it('rejects a calendar without any work day', () => {
    expect(errorsOf({ workDays: [] })).toEqual([{ path: 'workDays', message: 'no_work_days' }]);
  });

  it('rejects lists that are not arrays', () => {
    expect(errorsOf({ workDays: '1,2,3', closureDays: null })).toEqual([
      { path: 'workDays', message: 'invalid_list' },
      { path: 'closureDays', message: 'invalid_list' },
    ]);
  });

  it('reports each invalid closure day by index', () => {
    expect(
      errorsOf({ closureDays: ['2025-12-22', '2025-02-30', '2025-2-3', 20251222, '1500-01-01', '2025-13-01'] }),
    ).toEqual([
      { path: 'closureDays[1]', message: 'invalid_date' },
      { path: 'closureDays[2]', message: 'invalid_date' },
      { path: 'closureDays[3]', message: 'invalid_date' },
      { path: 'closureDays[4]', message: 'invalid_date' },
      { path: 'closureDays[5]', message: 'invalid_date' },
    ]);
  });

  it('accepts February 29 only in leap years', () => {
    expect(validateBusinessCalendar({ closureDays: ['2028-02-29'] }).ok).toBe(true);
    expect(errorsOf({ closureDays: ['2027-02-29'] })).toEqual([{ path: 'closureDays[0]', message: 'invalid_date' }]);
  });

  it('rejects non-boolean Easter options', () => {
    expect(errorsOf({ goodFridayOff: 'yes', easterMondayOff: 0 })).toEqual([
      { path: 'goodFridayOff', message: 'invalid_boolean' },
      { path: 'easterMondayOff', message: 'invalid_boolean' },
    ]);
  });

  it('collects every error at once', () => {
    expect(errorsOf({ timeZone: 'Nowhere/Land', workDayStart: 'x', workDays: [9] })).toEqual([
      { path: 'timeZone', message: 'invalid_time_zone' },
      { path: 'workDayStart', message: 'invalid_time' },
      { path: 'workDays[0]', message: 'invalid_weekday' },
    ]);
  });

  it('exposes a default calendar that cannot be mutated by accident', () => {
    expect(Object.isFrozen(defaultBusinessCalendar)).toBe(true);
    expect(() => defaultBusinessCalendar.workDays.push(6)).toThrow(TypeError);
    expect(() => defaultBusinessCalendar.closureDays.push('2025-12-22')).toThrow(TypeError);
  });
});

describe('isBusinessDay', () => {
  const cal = calendar({ closureDays: ['2025-11-14'] });

  it('treats Monday to Friday as business days and the weekend as off', () => {
    expect(isBusinessDay(cal, '2025-11-10')).toBe(true); // Monday
    expect(isBusinessDay(cal, '2025-11-13')).toBe(true); // Thursday
    expect(isBusinessDay(cal, '2025-11-15')).toBe(false); // Saturday
    expect(isBusinessDay(cal, '2025-11-16')).toBe(false); // Sunday
  });

  it.each([
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-19',
    '2025-06-24',
    '2025-07-01',
    '2025-09-01',
    '2025-10-13',
    '2025-12-25',
  ])('treats the statutory holiday %s as off', (date) => {
    expect(isBusinessDay(cal, date)).toBe(false);
  });

  it('treats a closure day as off', () => {
    expect(isBusinessDay(cal, '2025-11-14')).toBe(false);
  });

  it('treats Good Friday or Easter Monday as business days when the calendar says so', () => {
    expect(isBusinessDay(calendar({ goodFridayOff: false }), '2025-04-18')).toBe(true);
    expect(isBusinessDay(calendar({ goodFridayOff: false }), '2025-04-21')).toBe(false);
    expect(isBusinessDay(calendar({ easterMondayOff: false }), '2025-04-21')).toBe(true);
    expect(isBusinessDay(calendar({ easterMondayOff: false }), '2025-04-18')).toBe(false);
  });

  it('uses the observed Monday when Fête nationale falls on a Sunday', () => {
    expect(isBusinessDay(cal, '2029-06-25')).toBe(false);
    expect(isBusinessDay(cal, '2029-07-02')).toBe(false);
    expect(isBusinessDay(cal, '2029-06-26')).toBe(true);
  });

  it('honours custom work days, still excluding holidays', () => {
    const sixDays = calendar({ workDays: [1, 2, 3, 4, 5, 6] });
    expect(isBusinessDay(sixDays, '2025-11-15')).toBe(true); // Saturday
    expect(isBusinessDay(sixDays, '2028-07-01')).toBe(false); // Canada Day on a Saturday
  });

  it.each(['2025-02-30', '2025-1-1', '', '1582-12-31', '2025-01-01T00:00'])('rejects the invalid date %j', (date) => {
    expect(() => isBusinessDay(cal, date)).toThrow(RangeError);
  });

  it('rejects a corrupt calendar with a RangeError', () => {
    expect(() => isBusinessDay(calendar({ timeZone: 'Nowhere/Land' }), '2025-11-10')).toThrow(RangeError);
    expect(() => isBusinessDay(calendar({ workDays: [] }), '2025-11-10')).toThrow(RangeError);
  });
});

describe('holidaysBetween', () => {
  it('merges statutory holidays and closure days across a year boundary, in date order', () => {
    const cal = calendar({ closureDays: winterBreak });
    expect(holidaysBetween(cal, '2025-12-20', '2026-01-05')).toEqual([
      { date: '2025-12-22', key: 'closure' },
      { date: '2025-12-23', key: 'closure' },
      { date: '2025-12-24', key: 'closure' },
      { date: '2025-12-25', key: 'christmas' },
      { date: '2025-12-26', key: 'closure' },
      { date: '2025-12-29', key: 'closure' },
      { date: '2025-12-30', key: 'closure' },
      { date: '2025-12-31', key: 'closure' },
      { date: '2026-01-01', key: 'new_year' },
      { date: '2026-01-02', key: 'closure' },
    ]);
  });

  it('includes both bounds', () => {
    expect(holidaysBetween(calendar(), '2025-12-25', '2025-12-25')).toEqual([{ date: '2025-12-25', key: 'christmas' }]);
    expect(holidaysBetween(calendar(), '2025-12-26', '2026-12-24')).toHaveLength(8);
  });

  it("follows the calendar's Easter options", () => {
    expect(holidaysBetween(calendar(), '2026-04-01', '2026-04-30')).toEqual([
      { date: '2026-04-03', key: 'good_friday' },
      { date: '2026-04-06', key: 'easter_monday' },
    ]);
    expect(holidaysBetween(calendar({ goodFridayOff: false }), '2026-04-01', '2026-04-30')).toEqual([
      { date: '2026-04-06', key: 'easter_monday' },
    ]);
  });

  it('lists days off that fall on a weekend', () => {
    expect(holidaysBetween(calendar({ closureDays: ['2028-07-08'] }), '2028-06-24', '2028-07-31')).toEqual([
      { date: '2028-06-24', key: 'saint_jean_baptiste' },
      { date: '2028-07-01', key: 'canada_day' },
      { date: '2028-07-08', key: 'closure' },
    ]);
  });

  it('returns an empty list when there is nothing in range', () => {
    expect(holidaysBetween(calendar(), '2025-08-01', '2025-08-31')).toEqual([]);
  });

  it('rejects an inverted or invalid range', () => {
    expect(() => holidaysBetween(calendar(), '2025-12-31', '2025-01-01')).toThrow(RangeError);
    expect(() => holidaysBetween(calendar(), '2025-01-01', '2025-12-32')).toThrow(RangeError);
  });
});

describe('addWallClockHours', () => {
  it('adds elapsed hours', () => {
    expect(addWallClockHours(at('2025-11-10T14:00:00Z'), 48)).toEqual(at('2025-11-12T14:00:00Z'));
  });

  it('counts real hours across the spring DST change, so the local time of day moves', () => {
    // Saturday noon EST + 24 h = Sunday 13:00 EDT.
    expect(addWallClockHours(at('2025-03-08T12:00:00-05:00'), 24)).toEqual(at('2025-03-09T13:00:00-04:00'));
  });

  it('counts real hours across the autumn DST change', () => {
    expect(addWallClockHours(at('2025-11-01T12:00:00-04:00'), 24)).toEqual(at('2025-11-02T11:00:00-05:00'));
  });

  it('accepts fractional and negative hours', () => {
    expect(addWallClockHours(at('2025-11-10T14:00:00Z'), 1.5)).toEqual(at('2025-11-10T15:30:00Z'));
    expect(addWallClockHours(at('2025-11-10T14:00:00Z'), -2)).toEqual(at('2025-11-10T12:00:00Z'));
  });

  it('does not mutate its input', () => {
    const from = at('2025-11-10T14:00:00Z');
    addWallClockHours(from, 5);
    expect(from).toEqual(at('2025-11-10T14:00:00Z'));
  });

  it('rejects invalid dates and non-finite hours', () => {
    expect(() => addWallClockHours(new Date(Number.NaN), 1)).toThrow(RangeError);
    expect(() => addWallClockHours(at('2025-11-10T14:00:00Z'), Number.NaN)).toThrow(RangeError);
    expect(() => addWallClockHours(at('2025-11-10T14:00:00Z'), Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addWallClockHours(at('2025-11-10T14:00:00Z'), 1e15)).toThrow(RangeError);
  });
});

describe('endOfNthBusinessDay', () => {
  const cal = calendar();

  it('ends at closing time of the next business day for n = 1', () => {
    expect(endOfNthBusinessDay(cal, at('2025-11-10T10:00:00-05:00'), 1)).toEqual(at('2025-11-11T17:00:00-05:00'));
  });

  it('skips the weekend: Friday 16:00 + 1 bd is Monday at closing', () => {
    expect(endOfNthBusinessDay(cal, at('2025-11-14T16:00:00-05:00'), 1)).toEqual(at('2025-11-17T17:00:00-05:00'));
  });

  it('lands on the right instant across the spring DST change (Friday 16:00 EST + 1 bd = Monday 17:00 EDT)', () => {
    expect(endOfNthBusinessDay(cal, at('2025-03-07T16:00:00-05:00'), 1)).toEqual(at('2025-03-10T17:00:00-04:00'));
  });

  it('lands on the right instant across the autumn DST change', () => {
    expect(endOfNthBusinessDay(cal, at('2025-10-31T16:00:00-04:00'), 1)).toEqual(at('2025-11-03T17:00:00-05:00'));
  });

  it('closes at 17:00 local on the DST change day itself when it is a business day', () => {
    const everyDay = calendar({ workDays: [1, 2, 3, 4, 5, 6, 7] });
    expect(endOfNthBusinessDay(everyDay, at('2025-03-08T10:00:00-05:00'), 1)).toEqual(at('2025-03-09T17:00:00-04:00'));
    expect(endOfNthBusinessDay(everyDay, at('2025-11-01T10:00:00-04:00'), 1)).toEqual(at('2025-11-02T17:00:00-05:00'));
  });

  it('counts from the local date, not the UTC date (Friday 22:00 is still Friday in Toronto)', () => {
    // 2025-03-15T02:00Z is already Saturday in UTC.
    expect(endOfNthBusinessDay(cal, at('2025-03-14T22:00:00-04:00'), 1)).toEqual(at('2025-03-17T17:00:00-04:00'));
  });

  it('ignores the time of day for n >= 1, even after closing', () => {
    expect(endOfNthBusinessDay(cal, at('2025-11-10T07:00:00-05:00'), 1)).toEqual(at('2025-11-11T17:00:00-05:00'));
    expect(endOfNthBusinessDay(cal, at('2025-11-10T20:00:00-05:00'), 1)).toEqual(at('2025-11-11T17:00:00-05:00'));
  });

  it('counts from a weekend day to the next business day', () => {
    expect(endOfNthBusinessDay(cal, at('2025-11-15T11:00:00-05:00'), 1)).toEqual(at('2025-11-17T17:00:00-05:00'));
    expect(endOfNthBusinessDay(cal, at('2025-11-16T11:00:00-05:00'), 2)).toEqual(at('2025-11-18T17:00:00-05:00'));
  });

  it('skips the Easter long weekend', () => {
    // Thursday before Good Friday 2025 (April 18) → Tuesday after Easter Monday (April 21).
    expect(endOfNthBusinessDay(cal, at('2025-04-17T09:00:00-04:00'), 1)).toEqual(at('2025-04-22T17:00:00-04:00'));
    expect(endOfNthBusinessDay(calendar({ easterMondayOff: false }), at('2025-04-17T09:00:00-04:00'), 1)).toEqual(
      at('2025-04-21T17:00:00-04:00'),
    );
  });

  it('skips a statutory holiday inside a multi-day count', () => {
    // Friday 2025-08-29 + 5 bd, Labour Day on Monday 09-01: Sep 2, 3, 4, 5, 8.
    expect(endOfNthBusinessDay(cal, at('2025-08-29T10:00:00-04:00'), 5)).toEqual(at('2025-09-08T17:00:00-04:00'));
  });

  it("skips the board's closure days over the Christmas holidays", () => {
    const board = calendar({ closureDays: winterBreak });
    expect(endOfNthBusinessDay(board, at('2025-12-19T15:00:00-05:00'), 1)).toEqual(at('2026-01-05T17:00:00-05:00'));
    expect(endOfNthBusinessDay(board, at('2025-12-18T15:00:00-05:00'), 3)).toEqual(at('2026-01-06T17:00:00-05:00'));
  });

  it('skips Christmas and New Year even without closure days', () => {
    // Wednesday 2025-12-24 + 2 bd: Dec 25 is a holiday, so Dec 26 and Dec 29.
    expect(endOfNthBusinessDay(cal, at('2025-12-24T10:00:00-05:00'), 2)).toEqual(at('2025-12-29T17:00:00-05:00'));
    expect(endOfNthBusinessDay(cal, at('2025-12-31T10:00:00-05:00'), 1)).toEqual(at('2026-01-02T17:00:00-05:00'));
  });

  it('uses the closing time and zone of the calendar', () => {
    const vancouver = calendar({ timeZone: 'America/Vancouver', workDayEnd: '16:30' });
    // 2025-11-14T23:30Z is Friday 15:30 in Vancouver (Saturday already in Toronto's UTC date).
    expect(endOfNthBusinessDay(vancouver, at('2025-11-14T23:30:00Z'), 1)).toEqual(at('2025-11-17T16:30:00-08:00'));
  });

  describe('with n = 0 ("by closing today")', () => {
    it('returns closing time of the same day during working hours', () => {
      expect(endOfNthBusinessDay(cal, at('2025-11-10T10:00:00-05:00'), 0)).toEqual(at('2025-11-10T17:00:00-05:00'));
    });

    it('returns closing time of the same day before opening', () => {
      expect(endOfNthBusinessDay(cal, at('2025-11-10T06:00:00-05:00'), 0)).toEqual(at('2025-11-10T17:00:00-05:00'));
    });

    it('moves to the next business day at or after closing', () => {
      expect(endOfNthBusinessDay(cal, at('2025-11-10T17:00:00-05:00'), 0)).toEqual(at('2025-11-11T17:00:00-05:00'));
      expect(endOfNthBusinessDay(cal, at('2025-11-14T18:00:00-05:00'), 0)).toEqual(at('2025-11-17T17:00:00-05:00'));
    });

    it('moves to the next business day on a weekend or holiday', () => {
      expect(endOfNthBusinessDay(cal, at('2025-11-15T10:00:00-05:00'), 0)).toEqual(at('2025-11-17T17:00:00-05:00'));
      expect(endOfNthBusinessDay(cal, at('2025-12-25T10:00:00-05:00'), 0)).toEqual(at('2025-12-26T17:00:00-05:00'));
    });
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects n = %s', (n) => {
    expect(() => endOfNthBusinessDay(cal, at('2025-11-10T10:00:00-05:00'), n)).toThrow(RangeError);
  });

  it('rejects an invalid date', () => {
    expect(() => endOfNthBusinessDay(cal, new Date('not a date'), 1)).toThrow(RangeError);
  });

  it('rejects a corrupt calendar', () => {
    expect(() => endOfNthBusinessDay(calendar({ workDayEnd: '7pm' }), at('2025-11-10T10:00:00-05:00'), 1)).toThrow(
      RangeError,
    );
  });
});

describe('isWithinWorkingHours', () => {
  const cal = calendar({ closureDays: ['2025-11-14'] });

  it('includes opening time and excludes closing time', () => {
    expect(isWithinWorkingHours(cal, at('2025-11-10T08:00:00-05:00'))).toBe(true);
    expect(isWithinWorkingHours(cal, at('2025-11-10T16:59:59-05:00'))).toBe(true);
    expect(isWithinWorkingHours(cal, at('2025-11-10T17:00:00-05:00'))).toBe(false);
    expect(isWithinWorkingHours(cal, at('2025-11-10T07:59:59-05:00'))).toBe(false);
  });

  it('is false on weekends, holidays and closure days', () => {
    expect(isWithinWorkingHours(cal, at('2025-11-15T10:00:00-05:00'))).toBe(false);
    expect(isWithinWorkingHours(cal, at('2025-10-13T10:00:00-04:00'))).toBe(false);
    expect(isWithinWorkingHours(cal, at('2025-11-14T10:00:00-05:00'))).toBe(false);
  });

  it('reads opening hours in local time on both sides of the DST change', () => {
    // 12:30Z is 07:30 EST on Friday 03-07 but 08:30 EDT on Monday 03-10.
    expect(isWithinWorkingHours(cal, at('2025-03-07T12:30:00Z'))).toBe(false);
    expect(isWithinWorkingHours(cal, at('2025-03-10T12:30:00Z'))).toBe(true);
  });

  it('rejects an invalid date', () => {
    expect(() => isWithinWorkingHours(cal, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('nextWorkingInstant', () => {
  const cal = calendar();

  it('returns the same instant (as a new Date) during working hours', () => {
    const from = at('2025-11-12T10:15:00-05:00');
    const result = nextWorkingInstant(cal, from);
    expect(result).toEqual(from);
    expect(result).not.toBe(from);
  });

  it('returns opening time itself when called at opening time', () => {
    expect(nextWorkingInstant(cal, at('2025-11-12T08:00:00-05:00'))).toEqual(at('2025-11-12T08:00:00-05:00'));
  });

  it('defers an early-morning instant to opening time the same day', () => {
    expect(nextWorkingInstant(cal, at('2025-11-12T05:30:00-05:00'))).toEqual(at('2025-11-12T08:00:00-05:00'));
  });

  it('defers a night-time instant to the next morning', () => {
    expect(nextWorkingInstant(cal, at('2025-11-12T22:00:00-05:00'))).toEqual(at('2025-11-13T08:00:00-05:00'));
    expect(nextWorkingInstant(cal, at('2025-11-12T17:00:00-05:00'))).toEqual(at('2025-11-13T08:00:00-05:00'));
  });

  it('defers a Friday evening or weekend instant to Monday opening', () => {
    expect(nextWorkingInstant(cal, at('2025-11-14T19:00:00-05:00'))).toEqual(at('2025-11-17T08:00:00-05:00'));
    expect(nextWorkingInstant(cal, at('2025-11-15T10:00:00-05:00'))).toEqual(at('2025-11-17T08:00:00-05:00'));
    expect(nextWorkingInstant(cal, at('2025-11-16T23:59:00-05:00'))).toEqual(at('2025-11-17T08:00:00-05:00'));
  });

  it('defers across the spring DST weekend to Monday 08:00 EDT', () => {
    expect(nextWorkingInstant(cal, at('2025-03-08T12:00:00-05:00'))).toEqual(at('2025-03-10T08:00:00-04:00'));
  });

  it('defers across the autumn DST weekend to Monday 08:00 EST', () => {
    expect(nextWorkingInstant(cal, at('2025-11-01T12:00:00-04:00'))).toEqual(at('2025-11-03T08:00:00-05:00'));
  });

  it('skips holidays and closure days', () => {
    const board = calendar({ closureDays: winterBreak });
    expect(nextWorkingInstant(board, at('2025-12-19T18:00:00-05:00'))).toEqual(at('2026-01-05T08:00:00-05:00'));
    expect(nextWorkingInstant(cal, at('2025-12-24T18:00:00-05:00'))).toEqual(at('2025-12-26T08:00:00-05:00'));
  });

  it('rejects an invalid date', () => {
    expect(() => nextWorkingInstant(cal, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('businessHoursBetween', () => {
  const cal = calendar();

  it('counts hours within a single working day', () => {
    expect(businessHoursBetween(cal, at('2025-11-10T10:00:00-05:00'), at('2025-11-10T15:30:00-05:00'))).toBe(5.5);
  });

  it('clips to opening hours and skips the weekend', () => {
    // Friday 16:00–17:00, then Monday 08:00–10:00.
    expect(businessHoursBetween(cal, at('2025-11-14T16:00:00-05:00'), at('2025-11-17T10:00:00-05:00'))).toBe(3);
  });

  it('counts a full working week as 45 hours', () => {
    expect(businessHoursBetween(cal, at('2025-11-10T00:00:00-05:00'), at('2025-11-17T00:00:00-05:00'))).toBe(45);
  });

  it('leaves out holidays and closure days', () => {
    // Week of Labour Day 2025 (Monday 09-01) with a closure on Friday 09-05.
    const board = calendar({ closureDays: ['2025-09-05'] });
    expect(businessHoursBetween(board, at('2025-09-01T00:00:00-04:00'), at('2025-09-08T00:00:00-04:00'))).toBe(27);
  });

  it('is unaffected by a DST change that happens outside working hours', () => {
    expect(businessHoursBetween(cal, at('2025-03-07T08:00:00-05:00'), at('2025-03-10T17:00:00-04:00'))).toBe(18);
  });

  it('counts the true length of a working day that contains the DST jump', () => {
    const allDay = calendar({ workDays: [1, 2, 3, 4, 5, 6, 7], workDayStart: '00:00', workDayEnd: '23:59' });
    // 2025-03-09 has only 23 real hours, so 00:00–23:59 lasts 22 h 59 min.
    expect(businessHoursBetween(allDay, at('2025-03-09T00:00:00-05:00'), at('2025-03-10T00:00:00-04:00'))).toBeCloseTo(
      22 + 59 / 60,
      10,
    );
    // 2025-11-02 has 25 real hours.
    expect(businessHoursBetween(allDay, at('2025-11-02T00:00:00-04:00'), at('2025-11-03T00:00:00-05:00'))).toBeCloseTo(
      24 + 59 / 60,
      10,
    );
  });

  it('returns 0 for an interval outside working hours or of zero length', () => {
    expect(businessHoursBetween(cal, at('2025-11-10T18:00:00-05:00'), at('2025-11-11T07:00:00-05:00'))).toBe(0);
    expect(businessHoursBetween(cal, at('2025-11-10T10:00:00-05:00'), at('2025-11-10T10:00:00-05:00'))).toBe(0);
  });

  it('is antisymmetric: an inverted interval gives a negative value', () => {
    expect(businessHoursBetween(cal, at('2025-11-17T10:00:00-05:00'), at('2025-11-14T16:00:00-05:00'))).toBe(-3);
    expect(businessHoursBetween(cal, at('2025-11-16T10:00:00-05:00'), at('2025-11-15T10:00:00-05:00'))).toBe(0);
  });

  it('rejects invalid dates', () => {
    expect(() => businessHoursBetween(cal, new Date(Number.NaN), at('2025-11-10T10:00:00-05:00'))).toThrow(RangeError);
    expect(() => businessHoursBetween(cal, at('2025-11-10T10:00:00-05:00'), new Date(Number.NaN))).toThrow(RangeError);
  });
});
