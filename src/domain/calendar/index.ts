export {
  MAX_SUPPORTED_YEAR,
  MIN_SUPPORTED_YEAR,
  type QuebecHolidayOptions,
  type StatutoryHoliday,
  type StatutoryHolidayKey,
  easterSunday,
  quebecStatutoryHolidays,
} from './holidays.js';
export {
  type BusinessCalendar,
  type CalendarHoliday,
  type CalendarValidationError,
  type CalendarValidationResult,
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
