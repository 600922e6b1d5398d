// One task of the procedure: step key and title, status, due time with its countdown, who holds
// it, the procedure's words (expandable), and the actions the reader may take.
import { type ReactNode, useRef } from 'react';
import { FormattedMessage } from 'react-intl';
import { DateTime } from '../../ui/date-time';
import type { Task } from './api';
import { TaskStatusBadge } from './badges';
import { DueTime } from './due-time';

export function TaskCard({
  task,
  now,
  actions,
  context,
  headingLevel = 4,
}: {
  task: Task;
  now: Date;
  /** The action buttons, built by the caller (it knows who may act). */
  actions?: (focusTitle: () => void) => ReactNode;
  /** Extra line under the title (the case reference in "my tasks"). */
  context?: ReactNode;
  headingLevel?: 3 | 4;
}) {
  const title = useRef<HTMLHeadingElement>(null);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const pending = task.status === 'pending';
  return (
    <li className={`task task--${task.status}`} data-step={task.stepKey}>
      <div className="task__head">
        <Heading ref={title} tabIndex={-1} className="task__title">
          <span className="step-key">{task.stepKey}</span> {task.title}
        </Heading>
        <TaskStatusBadge status={task.status} />
      </div>
      {context ? <div className="task__context">{context}</div> : null}
      <div className="task__meta">
        {pending ? (
          <p className="task__pending">
            <FormattedMessage id="cases.task.pendingFor" values={{ role: task.role }} />
          </p>
        ) : null}
        {task.status === 'open' ? <DueTime dueAt={task.dueAt} now={now} /> : null}
        {task.status === 'done' && task.completedAt ? (
          <p className="task__line">
            <FormattedMessage
              id={task.completedBySystem ? 'cases.task.doneBySystem' : 'cases.task.doneAt'}
              values={{ when: <DateTime value={task.completedAt} /> }}
            />
          </p>
        ) : null}
        {task.status === 'not_applicable' ? (
          <p className="task__line">
            {task.naReason === 'case_closed' ? (
              <FormattedMessage id="cases.task.retiredCaseClosed" />
            ) : task.naReason?.startsWith('condition:') ? (
              <FormattedMessage id="cases.task.retiredByCondition" />
            ) : (
              <FormattedMessage id="cases.task.notApplicableBecause" values={{ reason: task.naReason ?? '—' }} />
            )}
          </p>
        ) : null}
        {!pending ? (
          <p className="task__line">
            {task.assigneeName ? (
              <FormattedMessage id="cases.task.assignee" values={{ name: task.assigneeName }} />
            ) : (
              <FormattedMessage id="cases.task.unassigned" />
            )}
          </p>
        ) : null}
        {task.note ? (
          <p className="task__line task__note">
            <FormattedMessage id="cases.task.note" values={{ note: task.note }} />
          </p>
        ) : null}
      </div>
      {task.guidance ? (
        <details className="task__guidance">
          <summary>
            <FormattedMessage id="cases.task.guidance" />
          </summary>
          <p>{task.guidance}</p>
        </details>
      ) : null}
      {actions ? actions(() => title.current?.focus()) : null}
    </li>
  );
}
