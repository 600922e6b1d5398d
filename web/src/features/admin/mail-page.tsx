// /admin/courriels: the organisation's outgoing mail, undelivered first (docs/authentication.md
// "Mail"). Each message shows its attempts and the mail server's last answer; a failed one can be
// sent again, except messages carrying a one-time link (password reset): the person asks again.
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import { useApiData } from '../../api/use-api-data';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import { adminApi, type MailMessage, type MailStatus } from './admin-api';
import { AdminPage } from './admin-page';
import { SelectField } from './fields';
import { LoadState } from './load-state';

const statuses: readonly (MailStatus | 'all')[] = ['failed', 'pending', 'sent', 'all'];

function isStatus(value: string | null): value is MailStatus | 'all' {
  return value !== null && (statuses as readonly string[]).includes(value);
}

export default function MailPage() {
  const intl = useIntl();
  const [params, setParams] = useSearchParams();
  const raw = params.get('statut');
  const status: MailStatus | 'all' = isStatus(raw) ? raw : 'failed';
  return (
    <AdminPage title={intl.formatMessage({ id: 'admin.mail.title' })} intro={<FormattedMessage id="admin.mail.intro" />}>
      <div className="card filters">
        <div className="filters__form">
          <SelectField
            id="mail-status"
            label={intl.formatMessage({ id: 'admin.mail.filter' })}
            value={status}
            onChange={(e) =>
              setParams(e.target.value === 'failed' ? new URLSearchParams() : new URLSearchParams({ statut: e.target.value }), {
                replace: true,
              })
            }
          >
            {statuses.map((s) => (
              <option key={s} value={s}>
                {intl.formatMessage({ id: `admin.mail.filter.${s}` })}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      {/* Another status is a fresh list. */}
      <MailList key={status} status={status} />
    </AdminPage>
  );
}

function MailList({ status }: { status: MailStatus | 'all' }) {
  const errorText = useErrorText();
  const list = useApiData(() => adminApi.mail(status === 'all' ? undefined : status));
  const [busyId, setBusyId] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ id: string; message?: MailMessage; error?: unknown } | null>(null);

  async function retry(mail: MailMessage) {
    setBusyId(mail.id);
    setOutcome(null);
    try {
      const message = await adminApi.retryMail(mail.id);
      setOutcome({ id: mail.id, message });
      await list.reload();
    } catch (caught) {
      setOutcome({ id: mail.id, error: caught });
    } finally {
      setBusyId(null);
    }
  }

  const items = list.data;
  const result = outcome?.message;
  return (
    <>
      <div aria-live="polite">
        {result ? (
          result.status === 'sent' ? (
            <Alert kind="success" title={<FormattedMessage id="admin.mail.retry.sent" values={{ to: result.to }} />} />
          ) : (
            <Alert kind="warning" title={<FormattedMessage id="admin.mail.retry.failed" values={{ to: result.to }} />}>
              {result.lastError ? <p className="break">{result.lastError}</p> : null}
            </Alert>
          )
        ) : null}
      </div>
      {outcome?.error ? <Alert kind="error" title={errorText(outcome.error)} /> : null}
      <section className="card" aria-labelledby="mail-list-title">
        <h2 className="card__title" id="mail-list-title">
          <FormattedMessage id={`admin.mail.list.${status}`} />
        </h2>
        {!items ? (
          <LoadState error={list.error} onRetry={() => void list.reload()} />
        ) : items.length === 0 ? (
          <p className="muted" role="status">
            <FormattedMessage id={status === 'failed' ? 'admin.mail.noneFailed' : 'admin.mail.none'} />
          </p>
        ) : (
          <ul className="item-list mail-list">
            {items.map((mail) => (
              <li key={mail.id} className="item-list__item">
                <div className="item-list__main">
                  <p className="item-list__title">
                    {mail.subject}
                    <span className={`badge badge--mail-${mail.status}`}>
                      <FormattedMessage id={`admin.mail.status.${mail.status}`} />
                    </span>
                  </p>
                  <p className="item-list__meta break">
                    <FormattedMessage id="admin.mail.to" values={{ to: mail.to }} />
                  </p>
                  <p className="item-list__meta">
                    <FormattedMessage id="admin.mail.queuedAt" values={{ when: <DateTime value={mail.createdAt} /> }} />
                  </p>
                  <p className="item-list__meta">
                    <FormattedMessage id="admin.mail.attempts" values={{ count: mail.attempts }} />
                    {mail.lastAttemptAt ? (
                      <>
                        {' · '}
                        <FormattedMessage id="admin.mail.lastAttempt" values={{ when: <DateTime value={mail.lastAttemptAt} /> }} />
                      </>
                    ) : null}
                    {mail.sentAt ? (
                      <>
                        {' · '}
                        <FormattedMessage id="admin.mail.sentAt" values={{ when: <DateTime value={mail.sentAt} /> }} />
                      </>
                    ) : null}
                  </p>
                  {mail.lastError && mail.status !== 'sent' ? (
                    <div className="mail-error">
                      <p className="mail-error__label">
                        <FormattedMessage id="admin.mail.lastError" />
                      </p>
                      <p className="mail-error__text">{mail.lastError}</p>
                    </div>
                  ) : null}
                  {mail.status === 'failed' && !mail.retryable ? (
                    <p className="item-list__meta">
                      <FormattedMessage id="admin.mail.notRetryable" />
                    </p>
                  ) : null}
                </div>
                {mail.status === 'failed' && mail.retryable ? (
                  <div className="item-list__actions">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      disabled={busyId === mail.id}
                      onClick={() => void retry(mail)}
                    >
                      <FormattedMessage id={busyId === mail.id ? 'admin.mail.retrying' : 'admin.mail.retry'} />
                      <span className="visually-hidden"> {mail.subject}</span>
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
