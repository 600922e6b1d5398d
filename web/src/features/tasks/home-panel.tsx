// On the home page of supervisors, IT, HR and general direction: how many of their tasks are
// overdue or due today, and the first ones, with a way to all of them.
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { useApiData } from '../../api/use-api-data';
import { useMe } from '../../app/session';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { casesApi } from '../cases/api';
import { useNow } from '../cases/time';
import { groupTasks, MyTaskItem } from './task-groups';

const SHOWN = 3;

export default function MyTasksHomePanel() {
  const me = useMe();
  const errorText = useErrorText();
  const now = useNow();
  const { data, error, reload } = useApiData(() => casesApi.myTasks());
  const groups = data ? groupTasks(data, now, me.organisation.timeZone) : undefined;
  return (
    <section className="card home-tasks" aria-labelledby="home-tasks-title">
      <h2 id="home-tasks-title" className="card__title">
        <FormattedMessage id="tasks.home.title" />
      </h2>
      {error ? <Alert kind="error" title={errorText(error)} /> : null}
      {data && groups ? (
        <>
          <p className="home-tasks__summary">
            <FormattedMessage
              id="tasks.home.summary"
              values={{ total: data.length, overdue: groups.get('overdue')?.length ?? 0, today: groups.get('today')?.length ?? 0 }}
            />
          </p>
          {data.length > 0 ? (
            <ul className="task-list">
              {data.slice(0, SHOWN).map((task) => (
                <MyTaskItem key={task.id} task={task} now={now} headingLevel={3} onChanged={() => reload()} />
              ))}
            </ul>
          ) : null}
          <p>
            <Link to="/taches" className="button button--secondary">
              <FormattedMessage id="tasks.home.all" values={{ count: data.length }} />
            </Link>
          </p>
        </>
      ) : null}
    </section>
  );
}
