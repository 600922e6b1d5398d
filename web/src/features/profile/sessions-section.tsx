// Where this account is signed in; any other session can be closed (a lost phone, a shared
// computer). The current one is closed with "Sign out".
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { accountApi, type SessionSummary } from '../../api/account';
import { useApiData } from '../../api/use-api-data';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { ConfirmButton } from '../../ui/confirm-button';
import { DateTime } from '../../ui/date-time';
import { Section } from '../../ui/section';
import { deviceName } from './user-agent';

function Device({ session }: { session: SessionSummary }) {
  const intl = useIntl();
  const { browser, system } = deviceName(session.userAgent);
  if (browser && system) return <>{intl.formatMessage({ id: 'profile.sessions.device' }, { browser, system })}</>;
  if (browser || system) return <>{browser ?? system}</>;
  return <FormattedMessage id="profile.sessions.unknownDevice" />;
}

export function SessionsSection() {
  const sessions = useApiData(accountApi.listSessions);
  const errorText = useErrorText();
  const [actionError, setActionError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [closed, setClosed] = useState(false);

  async function revoke(id: string) {
    setBusyId(id);
    setActionError(null);
    setClosed(false);
    try {
      await accountApi.revokeSession(id);
      setClosed(true);
      await sessions.reload();
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <Section
      id="sessions"
      title={<FormattedMessage id="profile.sessions.title" />}
      intro={<FormattedMessage id="profile.sessions.intro" />}
    >
      {actionError ? <Alert kind="error" title={errorText(actionError)} /> : null}
      <p role="status" className="visually-hidden">
        {closed ? <FormattedMessage id="profile.sessions.closed" /> : null}
      </p>
      {sessions.error && !sessions.data ? (
        <Alert kind="error" title={errorText(sessions.error)}>
          <button type="button" className="button button--secondary button--small" onClick={() => void sessions.reload()}>
            <FormattedMessage id="common.retry" />
          </button>
        </Alert>
      ) : !sessions.data ? (
        <p className="muted">
          <FormattedMessage id="common.loading" />
        </p>
      ) : (
        <ul className="item-list">
          {sessions.data.map((session) => (
            <li key={session.id} className="item-list__item">
              <div className="item-list__main">
                <p className="item-list__title">
                  <Device session={session} />
                  {session.current ? (
                    <span className="badge">
                      <FormattedMessage id="profile.sessions.current" />
                    </span>
                  ) : null}
                </p>
                <p className="item-list__meta">
                  <FormattedMessage id="profile.sessions.opened" values={{ when: <DateTime value={session.createdAt} /> }} />
                </p>
                <p className="item-list__meta">
                  <FormattedMessage id="profile.sessions.lastSeen" values={{ when: <DateTime value={session.lastSeenAt} /> }} />
                </p>
              </div>
              {!session.current ? (
                <div className="item-list__actions">
                  <ConfirmButton
                    confirmLabel={<FormattedMessage id="profile.sessions.revokeConfirm" />}
                    busy={busyId === session.id}
                    onConfirm={() => revoke(session.id)}
                  >
                    <FormattedMessage id="profile.sessions.revoke" />
                  </ConfirmButton>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
