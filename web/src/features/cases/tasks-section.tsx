// The procedure's steps for this case, grouped by role in the procedure's order (section 4.1
// staff, 4.2 supervisor, 4.3 IT, 4.4 HR, 4.5 general direction, 4.6 anyone). Tasks of a role
// that has not joined yet are shown greyed, "waiting for …" (DESIGN.md §7).
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Me } from '../../api/auth';
import { useMe } from '../../app/session';
import { Section } from '../../ui/section';
import type { CaseDetail, Task } from './api';
import { useCase } from './case-context';
import { StatusMessage } from './status-message';
import { TaskActions } from './task-actions';
import { TaskCard } from './task-card';

const roleOrder = ['staff', 'supervisor', 'it', 'hr', 'general_direction', 'union', 'legal', 'any'];

/** Mirrors the server's rule (src/app/cases/update-task.ts); the server checks again. */
export function mayActOn(task: Task, detail: CaseDetail, me: Me): boolean {
  if (detail.status === 'closed') return false;
  const { viewer } = detail;
  if (task.assigneeUserId === me.id) return true;
  if (task.role === 'any') return viewer.access !== 'grant';
  if (task.role === 'staff' && viewer.access === 'affected') return true;
  if (viewer.roles.includes(task.role)) return true;
  return task.role === 'supervisor' && viewer.roles.includes('general_direction');
}

export function TasksSection() {
  const { detail, reload, now } = useCase();
  const me = useMe();
  const intl = useIntl();
  const [message, setMessage] = useState<string | null>(null);

  const groups = new Map<string, Task[]>();
  for (const task of detail.tasks) {
    const list = groups.get(task.role) ?? [];
    list.push(task);
    groups.set(task.role, list);
  }
  const roles = [...groups.keys()].sort((a, b) => {
    const ia = roleOrder.indexOf(a);
    const ib = roleOrder.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  const openCount = detail.tasks.filter((t) => t.status === 'open').length;

  return (
    <Section
      id="etapes"
      title={<FormattedMessage id="cases.tasks.title" />}
      intro={<FormattedMessage id="cases.tasks.intro" values={{ open: openCount, total: detail.tasks.length }} />}
    >
      <StatusMessage message={message} />
      {roles.map((role) => (
        <div key={role} className="task-group">
          <h3 className="task-group__title">
            <FormattedMessage id="cases.role" values={{ role }} />
          </h3>
          <ul className="task-list">
            {(groups.get(role) ?? []).map((task) => (
              <TaskCard
                key={task.id}
                task={task}
                now={now}
                actions={
                  mayActOn(task, detail, me)
                    ? (focusTitle) => (
                        <TaskActions
                          task={task}
                          caseId={detail.id}
                          affected={detail.viewer.access === 'affected'}
                          onChanged={async (updated, change) => {
                            setMessage(
                              intl.formatMessage({ id: 'cases.task.changed' }, { change, step: updated.stepKey, title: updated.title }),
                            );
                            await reload();
                            focusTitle();
                          }}
                        />
                      )
                    : undefined
                }
              />
            ))}
          </ul>
        </div>
      ))}
    </Section>
  );
}
