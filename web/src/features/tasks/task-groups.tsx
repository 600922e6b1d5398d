// "My tasks" grouped by when they are due — overdue, today (in the organisation's time zone),
// later, no due time — each with a live countdown, the case it belongs to, and quick actions.
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { useMe } from '../../app/session';
import { casePaths, type MyTask, type Task } from '../cases/api';
import { CaseStatusBadge } from '../cases/badges';
import { type DueGroup, dueGroup } from '../cases/time';
import { TaskActions } from '../cases/task-actions';
import { TaskCard } from '../cases/task-card';

export const groupOrder: readonly DueGroup[] = ['overdue', 'today', 'later', 'none'];

export function groupTasks(tasks: readonly MyTask[], now: Date, timeZone: string): Map<DueGroup, MyTask[]> {
  const groups = new Map<DueGroup, MyTask[]>(groupOrder.map((g) => [g, []]));
  for (const task of tasks) groups.get(dueGroup(task.dueAt, now, timeZone))?.push(task);
  return groups;
}

export function MyTaskItem({
  task,
  now,
  headingLevel,
  onChanged,
}: {
  task: MyTask;
  now: Date;
  headingLevel: 3 | 4;
  onChanged(task: Task, change: string): void | Promise<void>;
}) {
  return (
    <TaskCard
      task={task}
      now={now}
      headingLevel={headingLevel}
      context={
        <p className="task__case">
          <Link to={casePaths.case(task.caseId)}>
            <FormattedMessage id="tasks.caseLink" values={{ reference: task.caseReference }} />
          </Link>{' '}
          <CaseStatusBadge status={task.caseStatus} />
        </p>
      }
      actions={(focusTitle) => (
        <TaskActions
          task={task}
          caseId={task.caseId}
          affected={task.role === 'staff'}
          onChanged={async (updated, change) => {
            await onChanged(updated, change);
            focusTitle();
          }}
        />
      )}
    />
  );
}

export function TaskGroups({
  tasks,
  now,
  onChanged,
}: {
  tasks: readonly MyTask[];
  now: Date;
  onChanged(task: Task, change: string): void | Promise<void>;
}) {
  const me = useMe();
  const groups = groupTasks(tasks, now, me.organisation.timeZone);
  return (
    <>
      {groupOrder.map((group) => {
        const list = groups.get(group) ?? [];
        if (list.length === 0) return null;
        return (
          <section key={group} className={`card task-due-group task-due-group--${group}`} aria-labelledby={`tasks-group-${group}`}>
            <h2 id={`tasks-group-${group}`} className="card__title">
              <FormattedMessage id={`tasks.group.${group}`} values={{ count: list.length }} />
            </h2>
            <ul className="task-list">
              {list.map((task) => (
                <MyTaskItem key={task.id} task={task} now={now} headingLevel={3} onChanged={onChanged} />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
