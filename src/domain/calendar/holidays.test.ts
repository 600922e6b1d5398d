import { describe, expect, it } from 'vitest';
import { easterSunday, quebecStatutoryHolidays } from './holidays.js';

/** Independent weekday oracle for the sanity checks below (0 = Sunday). */
const jsWeekday = (iso: string): number => new Date(`${iso}T00:00:00Z`).getUTCDay();

const asRecord = (year: number) =>
  Object.fromEntries(quebecStatutoryHolidays(year).map((h) => [h.key, h.date] as const));

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
    [1583, '1583-04-10'],
    [1818, '1818-03-22'],
    [1943, '1943-04-25'],
  ])('returns the known Easter Sunday of %i', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
    expect(jsWeekday(expected)).toBe(0);
  });

  it('always falls on a Sunday between March 22 and April 25', () => {
    for (let year = 1583; year <= 9999; year += 7) {
      const date = easterSunday(year);
      expect(jsWeekday(date)).toBe(0);
      const monthDay = date.slice(5);
      expect(monthDay >= '03-22' && monthDay <= '04-25').toBe(true);
    }
  });
});

describe('quebecStatutoryHolidays', () => {
  it('lists the 2024 holidays in date order', () => {
    expect(quebecStatutoryHolidays(2024)).toEqual([
      { date: '2024-01-01', key: 'new_year' },
      { date: '2024-03-29', key: 'good_friday' },
      { date: '2024-04-01', key: 'easter_monday' },
      { date: '2024-05-20', key: 'national_patriots_day' },
      { date: '2024-06-24', key: 'saint_jean_baptiste' },
      { date: '2024-07-01', key: 'canada_day' },
      { date: '2024-09-02', key: 'labour_day' },
      { date: '2024-10-14', key: 'thanksgiving' },
      { date: '2024-12-25', key: 'christmas' },
    ]);
  });

  it.each([
    [
      2025,
      {
        new_year: '2025-01-01',
        good_friday: '2025-04-18',
        easter_monday: '2025-04-21',
        national_patriots_day: '2025-05-19',
        saint_jean_baptiste: '2025-06-24',
        canada_day: '2025-07-01',
        labour_day: '2025-09-01',
        thanksgiving: '2025-10-13',
        christmas: '2025-12-25',
      },
    ],
    [
      2026,
      {
        new_year: '2026-01-01',
        good_friday: '2026-04-03',
        easter_monday: '2026-04-06',
        national_patriots_day: '2026-05-18',
        saint_jean_baptiste: '2026-06-24',
        canada_day: '2026-07-01',
        labour_day: '2026-09-07',
        thanksgiving: '2026-10-12',
        christmas: '2026-12-25',
      },
    ],
    [
      2027,
      {
        new_year: '2027-01-01',
        good_friday: '2027-03-26',
        easter_monday: '2027-03-29',
        national_patriots_day: '2027-05-24',
        saint_jean_baptiste: '2027-06-24',
        canada_day: '2027-07-01',
        labour_day: '2027-09-06',
        thanksgiving: '2027-10-11',
        christmas: '2027-12-25',
      },
    ],
    [
      2028,
      {
        new_year: '2028-01-01',
        good_friday: '2028-04-14',
        easter_monday: '2028-04-17',
        national_patriots_day: '2028-05-22',
        saint_jean_baptiste: '2028-06-24',
        canada_day: '2028-07-01',
        labour_day: '2028-09-04',
        thanksgiving: '2028-10-09',
        christmas: '2028-12-25',
      },
    ],
    [
      2029,
      {
        new_year: '2029-01-01',
        good_friday: '2029-03-30',
        easter_monday: '2029-04-02',
        national_patriots_day: '2029-05-21',
        saint_jean_baptiste: '2029-06-25',
        canada_day: '2029-07-02',
        labour_day: '2029-09-03',
        thanksgiving: '2029-10-08',
        christmas: '2029-12-25',
      },
    ],
    [
      2030,
      {
        new_year: '2030-01-01',
        good_friday: '2030-04-19',
        easter_monday: '2030-04-22',
        national_patriots_day: '2030-05-20',
        saint_jean_baptiste: '2030-06-24',
        canada_day: '2030-07-01',
        labour_day: '2030-09-02',
        thanksgiving: '2030-10-14',
        christmas: '2030-12-25',
      },
    ],
  ])('computes every holiday of %i', (year, expected) => {
    expect(asRecord(year)).toEqual(expected);
  });

  it('moves Fête nationale and Canada Day to the Monday when they fall on a Sunday (2029, 2035)', () => {
    for (const year of [2029, 2035]) {
      expect(jsWeekday(`${year}-06-24`)).toBe(0);
      expect(jsWeekday(`${year}-07-01`)).toBe(0);
      const h = asRecord(year);
      expect(h.saint_jean_baptiste).toBe(`${year}-06-25`);
      expect(h.canada_day).toBe(`${year}-07-02`);
    }
  });

  it('does not move Fête nationale or Canada Day when they fall on a Saturday (2028)', () => {
    expect(jsWeekday('2028-06-24')).toBe(6);
    expect(jsWeekday('2028-07-01')).toBe(6);
    const h = asRecord(2028);
    expect(h.saint_jean_baptiste).toBe('2028-06-24');
    expect(h.canada_day).toBe('2028-07-01');
  });

  it("keeps National Patriots' Day on May 24 when May 24 is a Monday (2027)", () => {
    expect(jsWeekday('2027-05-24')).toBe(1);
    expect(asRecord(2027).national_patriots_day).toBe('2027-05-24');
  });

  it("places National Patriots' Day on the Monday between May 18 and May 24 for every year", () => {
    for (let year = 1583; year <= 9999; year += 3) {
      const date = asRecord(year).national_patriots_day;
      expect(date).toBeDefined();
      expect(jsWeekday(date as string)).toBe(1);
      const day = Number((date as string).slice(8));
      expect(day).toBeGreaterThanOrEqual(18);
      expect(day).toBeLessThanOrEqual(24);
    }
  });

  it('puts Labour Day on the first Monday of September and Thanksgiving on the second Monday of October', () => {
    for (let year = 2000; year <= 2100; year++) {
      const h = asRecord(year);
      expect(jsWeekday(h.labour_day as string)).toBe(1);
      expect(Number((h.labour_day as string).slice(8))).toBeLessThanOrEqual(7);
      expect(jsWeekday(h.thanksgiving as string)).toBe(1);
      const day = Number((h.thanksgiving as string).slice(8));
      expect(day >= 8 && day <= 14).toBe(true);
    }
  });

  it('omits Good Friday and/or Easter Monday when turned off', () => {
    const keys = (o: { goodFriday?: boolean; easterMonday?: boolean }) =>
      quebecStatutoryHolidays(2026, o).map((h) => h.key);
    expect(keys({ goodFriday: false })).not.toContain('good_friday');
    expect(keys({ goodFriday: false })).toContain('easter_monday');
    expect(keys({ easterMonday: false })).toContain('good_friday');
    expect(keys({ easterMonday: false })).not.toContain('easter_monday');
    expect(keys({ goodFriday: false, easterMonday: false })).toHaveLength(7);
    expect(keys({})).toHaveLength(9);
  });

  it('returns the holidays sorted by date with unique keys', () => {
    for (const year of [1583, 1700, 2024, 2285, 9999]) {
      const list = quebecStatutoryHolidays(year);
      const dates = list.map((h) => h.date);
      expect(dates).toEqual([...dates].sort());
      expect(new Set(list.map((h) => h.key)).size).toBe(list.length);
    }
  });

  it.each([1582, 10000, 2024.5, Number.NaN, Number.POSITIVE_INFINITY, -2024])(
    'rejects the unsupported year %s with a RangeError',
    (year) => {
      expect(() => quebecStatutoryHolidays(year)).toThrow(RangeError);
      expect(() => easterSunday(year)).toThrow(RangeError);
    },
  );

  it('accepts the boundary years 1583 and 9999', () => {
    expect(quebecStatutoryHolidays(1583)[0]).toEqual({ date: '1583-01-01', key: 'new_year' });
    expect(quebecStatutoryHolidays(9999).at(-1)).toEqual({ date: '9999-12-25', key: 'christmas' });
  });
});
