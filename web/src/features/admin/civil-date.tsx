// A calendar date without a time (YYYY-MM-DD: holidays, closure days), written in the UI
// language. It is formatted in UTC so that no time zone can move it to the day before.
import { useIntl } from 'react-intl';

export function civilDateValue(day: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

export function CivilDate({ value, withWeekday = true }: { value: string; withWeekday?: boolean }) {
  const intl = useIntl();
  const date = civilDateValue(value);
  if (!date) return <>{value}</>;
  return <time dateTime={value}>{intl.formatDate(date, { dateStyle: withWeekday ? 'full' : 'long', timeZone: 'UTC' })}</time>;
}

/** The current year in a time zone (the organisation's). */
export function yearIn(timeZone: string | undefined, at = new Date()): number {
  try {
    return Number(new Intl.DateTimeFormat('en-CA', { year: 'numeric', ...(timeZone ? { timeZone } : {}) }).format(at));
  } catch {
    return at.getUTCFullYear();
  }
}
