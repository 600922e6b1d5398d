// « En attente d'envoi » (/en-attente): the reports kept on this device until the network
// returns — what each says (decrypted here, only for the person), its files, where it stands —
// with « Envoyer maintenant », and the ones sent since the page opened, with their case.
import { type ReactNode, useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import { useMe } from '../../app/session';
import { Alert } from '../../ui/alert';
import { ConfirmButton } from '../../ui/confirm-button';
import { DateTime } from '../../ui/date-time';
import { casePaths } from '../cases/api';
import { Page } from '../shell/page';
import type { ReportPayload } from './model';
import { WaitingIcon } from './pending-indicator';
import { removeQueued, sendQueuedNow, useQueue } from './queue';
import { type ItemRecord, openJson } from './vault';

const EXCERPT = 160;

function useContents(items: readonly ItemRecord[]): Map<string, ReportPayload> {
  const [contents, setContents] = useState(new Map<string, ReportPayload>());
  const ids = items.map((i) => i.id).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: decrypt again only when the list of reports changes
  useEffect(() => {
    let stopped = false;
    void (async () => {
      const next = new Map<string, ReportPayload>();
      for (const item of items) {
        try {
          next.set(item.id, await openJson<ReportPayload>(item.sealed, `item:${item.id}`));
        } catch {
          // Being deleted (sent a moment ago): skip it.
        }
      }
      if (!stopped) setContents(next);
    })();
    return () => {
      stopped = true;
    };
  }, [ids]);
  return contents;
}

function ItemState({ item, payload }: { item: ItemRecord; payload: ReportPayload | undefined }) {
  const refusedFiles = payload?.files.filter((f) => item.fileProblems?.[f.id]) ?? [];
  if (item.problem) {
    return (
      <p className="pending-item__state pending-item__state--problem">
        <FormattedMessage id="app.pending.refused" values={{ message: item.problem.message || item.problem.code }} />
      </p>
    );
  }
  return (
    <>
      {item.caseId && item.reference && payload?.target.kind === 'new' ? (
        <p className="pending-item__state">
          <FormattedMessage id="app.pending.caseCreated" values={{ reference: item.reference }} />
        </p>
      ) : null}
      {refusedFiles.map((f) => (
        <p key={f.id} className="pending-item__state pending-item__state--problem">
          <FormattedMessage
            id="app.pending.fileRefused"
            values={{ name: f.name, message: item.fileProblems?.[f.id]?.message || item.fileProblems?.[f.id]?.code }}
          />
        </p>
      ))}
      {item.complete ? null : (
        <p className="pending-item__state">
          {item.lastTriedAt ? (
            <FormattedMessage id="app.pending.lastTry" values={{ time: <DateTime value={new Date(item.lastTriedAt).toISOString()} /> }} />
          ) : (
            <FormattedMessage id="app.pending.notTried" />
          )}
        </p>
      )}
    </>
  );
}

export default function PendingPage() {
  const intl = useIntl();
  const me = useMe();
  const location = useLocation();
  const queue = useQueue();
  const items = queue.owner === me.id ? queue.items : [];
  const contents = useContents(items);
  const justQueued = (location.state as { queued?: string } | null)?.queued;

  return (
    <Page title={intl.formatMessage({ id: 'app.pending.title' })} intro={<FormattedMessage id="app.pending.intro" />} narrow>
      {justQueued && items.some((i) => i.id === justQueued) ? (
        <Alert kind="info" title={intl.formatMessage({ id: 'app.pending.keptTitle' })}>
          <p>
            <FormattedMessage id={queue.online ? 'app.pending.keptOnline' : 'app.pending.keptOffline'} />
          </p>
        </Alert>
      ) : null}

      {queue.sent.length > 0 ? (
        <section className="card pending-sent" aria-labelledby="pending-sent-title">
          <h2 id="pending-sent-title" className="card__title">
            <FormattedMessage id="app.pending.sentTitle" values={{ count: queue.sent.length }} />
          </h2>
          <ul className="pending-list">
            {queue.sent.map((s) => (
              <li key={s.id} className="pending-item pending-item--sent">
                <FormattedMessage
                  id={s.target === 'new' ? 'app.pending.sentNew' : 'app.pending.sentExisting'}
                  values={{
                    reference: s.reference ?? '',
                    link: (chunks: ReactNode[]) => (
                      <Link to={s.target === 'new' ? `/signaler/envoye/${encodeURIComponent(s.caseId)}` : casePaths.case(s.caseId)}>
                        {chunks}
                      </Link>
                    ),
                  }}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {items.length === 0 ? (
        <p className="pending-empty">
          <FormattedMessage id="app.pending.empty" />
        </p>
      ) : (
        <section className="card" aria-labelledby="pending-list-title">
          <h2 id="pending-list-title" className="card__title pending-title">
            <span className="pending-title__icon" aria-hidden="true">
              <WaitingIcon />
            </span>
            <FormattedMessage id="app.pending.listTitle" values={{ count: items.length }} />
          </h2>
          {/* Offline is already said by the banner under the header. */}
          {queue.online ? (
            <p className="field__hint">
              <FormattedMessage id="app.pending.onlineHint" />
            </p>
          ) : null}
          <ul className="pending-list">
            {items.map((item) => {
              const payload = contents.get(item.id);
              const target = payload?.target;
              const summary = target?.kind === 'new' ? target.body.summary : payload?.comment;
              return (
                <li key={item.id} className="pending-item">
                  <p className="pending-item__head">
                    {target?.kind === 'existing' ? (
                      <FormattedMessage id="app.pending.toCase" values={{ reference: target.reference }} />
                    ) : (
                      <FormattedMessage id="app.pending.newReport" />
                    )}
                    {' · '}
                    <DateTime value={new Date(item.createdAt).toISOString()} />
                  </p>
                  {summary ? (
                    <p className="pending-item__summary break">{summary.length > EXCERPT ? `${summary.slice(0, EXCERPT)}…` : summary}</p>
                  ) : null}
                  {payload && (payload.files.length > 0 || (target?.kind === 'existing' && target.urls.length > 0)) ? (
                    <p className="pending-item__meta">
                      <FormattedMessage
                        id="app.pending.contents"
                        values={{
                          files: payload.files.length,
                          links:
                            target?.kind === 'existing' ? target.urls.length : ((target?.body.urls as string[] | undefined)?.length ?? 0),
                        }}
                      />
                    </p>
                  ) : null}
                  <ItemState item={item} payload={payload} />
                  {item.problem || item.complete ? (
                    <div className="pending-item__actions">
                      {item.caseId ? (
                        <Link to={casePaths.case(item.caseId)}>
                          <FormattedMessage id="app.pending.openCase" />
                        </Link>
                      ) : null}
                      <ConfirmButton
                        confirmLabel={<FormattedMessage id="app.pending.removeConfirm" />}
                        onConfirm={() => removeQueued(item.id)}
                      >
                        <FormattedMessage id="app.pending.remove" />
                      </ConfirmButton>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <div className="form__actions">
            <button type="button" className="button" onClick={() => void sendQueuedNow()} disabled={queue.sending}>
              <FormattedMessage id={queue.sending ? 'app.pending.sending' : 'app.pending.sendNow'} />
            </button>
          </div>
        </section>
      )}
    </Page>
  );
}
