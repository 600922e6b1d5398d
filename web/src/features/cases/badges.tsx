// Status badges: the word is always written (colour only repeats it).
import { FormattedMessage } from 'react-intl';
import type { CaseStatus, Task } from './api';

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  return (
    <span className={`status-badge status-badge--${status}`}>
      <FormattedMessage id={`cases.status.${status}`} />
    </span>
  );
}

export function TaskStatusBadge({ status }: { status: Task['status'] }) {
  return (
    <span className={`status-badge status-badge--task-${status}`}>
      <FormattedMessage id={`cases.task.status.${status}`} />
    </span>
  );
}
