// "Mes tâches" (/taches): every open task of mine across cases (GET /api/v1/me/tasks, sorted by
// due time by the server), grouped overdue / today / later / no due time, countdowns updated
// every 30 s. The home of supervisors, IT, HR and general direction (their home page shows the
// first ones, home-panel.tsx).
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useApiData } from '../../api/use-api-data';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { casesApi } from '../cases/api';
import { StatusMessage } from '../cases/status-message';
import { useNow } from '../cases/time';
import { Page } from '../shell/page';
import { TaskGroups } from './task-groups';

export default function MyTasksPage() {
  const intl = useIntl();
  const errorText = useErrorText();
  const now = useNow();
  const { data, error, loading, reload } = useApiData(() => casesApi.myTasks());
  const [message, setMessage] = useState<string | null>(null);

  return (
    <Page title={intl.formatMessage({ id: 'tasks.title' })} intro={<FormattedMessage id="tasks.intro" />}>
      <StatusMessage message={message} />
      {error ? (
        <Alert kind="error" title={errorText(error)}>
          <button type="button" className="button button--secondary" onClick={() => void reload()}>
            <FormattedMessage id="common.retry" />
          </button>
        </Alert>
      ) : null}
      {loading && !data ? (
        <p role="status">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {data && data.length === 0 ? (
        <div className="card card--soft">
          <p>
            <FormattedMessage id="tasks.none" />
          </p>
        </div>
      ) : null}
      {data && data.length > 0 ? (
        <TaskGroups
          tasks={data}
          now={now}
          onChanged={async (task, change) => {
            setMessage(intl.formatMessage({ id: 'cases.task.changed' }, { change, step: task.stepKey, title: task.title }));
            await reload();
          }}
        />
      ) : null}
    </Page>
  );
}
