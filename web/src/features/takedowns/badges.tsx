// Status words with a colour that only repeats them (the word is always written).
import { FormattedMessage } from 'react-intl';
import type { CaseDetail } from '../cases/api';
import type { TakedownStatus } from './api';

export function TakedownStatusBadge({ status }: { status: TakedownStatus }) {
  return (
    <span className={`status-badge status-badge--takedown-${status}`}>
      <FormattedMessage id={`takedowns.status.${status}`} />
    </span>
  );
}

export function LocationStatusBadge({ status }: { status: CaseDetail['locations'][number]['status'] }) {
  return (
    <span className={`status-badge status-badge--location-${status}`}>
      <FormattedMessage id={`takedowns.location.status.${status}`} />
    </span>
  );
}
