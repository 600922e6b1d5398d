// A date and time in the UI language and the organisation's time zone (IntlProvider's timeZone,
// set from GET /api/v1/me), e.g. « 27 novembre 2026 à 10 h 32 ».
import { useIntl } from 'react-intl';

export function DateTime({ value, dateOnly = false }: { value: string | Date; dateOnly?: boolean }) {
  const intl = useIntl();
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  const text = dateOnly ? intl.formatDate(date, { dateStyle: 'long' }) : intl.formatDate(date, { dateStyle: 'long', timeStyle: 'short' });
  return <time dateTime={date.toISOString()}>{text}</time>;
}
