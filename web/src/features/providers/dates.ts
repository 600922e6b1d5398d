// The directory's review dates are calendar days (YYYY-MM-DD): shown at noon UTC so no time zone
// moves them to the day before.
import type { IntlShape } from 'react-intl';

const editable = ['name', 'domains', 'channels', 'evidenceTips', 'typicalResponse', 'localeNotes'];

/** The fields an admin edited (localEdits), in the reader's words. */
export function editedFields(intl: IntlShape, fields: readonly string[]): string {
  return fields.map((f) => (editable.includes(f) ? intl.formatMessage({ id: `providers.field.${f}` }) : f)).join(', ');
}

export function reviewDate(intl: IntlShape, day: string | null): string {
  if (!day) return intl.formatMessage({ id: 'providers.never' });
  const date = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : intl.formatDate(date, { dateStyle: 'long', timeZone: 'UTC' });
}
