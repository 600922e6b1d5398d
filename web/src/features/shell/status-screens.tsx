// Whole-screen states shown before the frame can be drawn: loading the session, or a server that
// does not answer (the user is told plainly and can try again).
import { FormattedMessage } from 'react-intl';
import { useSession } from '../../app/session';

export function LoadingScreen() {
  return (
    <div className="status-screen" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <FormattedMessage id="common.loading" />
    </div>
  );
}

export function UnreachableScreen() {
  const { refresh } = useSession();
  return (
    <main className="status-screen" id="main">
      <h1 className="page__title">
        <FormattedMessage id="shell.unreachable.title" />
      </h1>
      <p>
        <FormattedMessage id="shell.unreachable.body" />
      </p>
      <button type="button" className="button" onClick={() => void refresh()}>
        <FormattedMessage id="common.retry" />
      </button>
    </main>
  );
}
