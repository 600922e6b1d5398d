// A due time: relative ("dans 3 h 12 min", "en retard de 25 min") and absolute, in the UI
// language and the organisation's time zone. Overdue is red AND says so in words, with an icon
// (never colour alone, WCAG 1.4.1). The relative part follows the `now` it is given, so a page
// updates every countdown from one clock (useNow).
import { FormattedMessage, useIntl } from 'react-intl';
import { durationParts } from './time';

export function useDurationText(): (ms: number) => string {
  const intl = useIntl();
  return (ms: number) => {
    const { days, hours, minutes } = durationParts(ms);
    if (days > 0) return intl.formatMessage({ id: hours > 0 ? 'cases.duration.days' : 'cases.duration.daysOnly' }, { days, hours });
    if (hours > 0) return intl.formatMessage({ id: minutes > 0 ? 'cases.duration.hours' : 'cases.duration.hoursOnly' }, { hours, minutes });
    return intl.formatMessage({ id: 'cases.duration.minutes' }, { minutes });
  };
}

export function useRelativeDue(): (dueAt: Date, now: Date) => { overdue: boolean; text: string } {
  const intl = useIntl();
  const duration = useDurationText();
  return (dueAt, now) => {
    const ms = dueAt.getTime() - now.getTime();
    if (ms <= 0) {
      if (-ms < 60_000) return { overdue: true, text: intl.formatMessage({ id: 'cases.due.justNow' }) };
      return { overdue: true, text: intl.formatMessage({ id: 'cases.due.overdue' }, { duration: duration(-ms) }) };
    }
    if (ms < 60_000) return { overdue: false, text: intl.formatMessage({ id: 'cases.due.soon' }) };
    return { overdue: false, text: intl.formatMessage({ id: 'cases.due.in' }, { duration: duration(ms) }) };
  };
}

/** « jeu. 27 nov., 14 h 05 » in the organisation's time zone. */
export function useShortDateTime(): (date: Date) => string {
  const intl = useIntl();
  return (date) => intl.formatDate(date, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
}

function ClockIcon() {
  return (
    <svg className="due__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

function WarningIcon() {
  return (
    <svg className="due__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M8 1.5 15 14H1z" fill="currentColor" />
      <path d="M8 6v4" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
      <circle cx="8" cy="12" r="0.9" fill="#fff" />
    </svg>
  );
}

export function DueTime({ dueAt, now }: { dueAt: string | null; now: Date }) {
  const relative = useRelativeDue();
  const short = useShortDateTime();
  if (!dueAt) {
    return (
      <span className="due due--none">
        <FormattedMessage id="cases.due.none" />
      </span>
    );
  }
  const date = new Date(dueAt);
  const { overdue, text } = relative(date, now);
  return (
    <span className={`due${overdue ? ' due--overdue' : ''}`}>
      {overdue ? <WarningIcon /> : <ClockIcon />}
      <span className="due__relative">{text}</span>
      <span className="due__absolute">
        <FormattedMessage id="cases.due.at" values={{ when: <time dateTime={date.toISOString()}>{short(date)}</time> }} />
      </span>
    </span>
  );
}
