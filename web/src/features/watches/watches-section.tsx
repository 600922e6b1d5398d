// "Veille et tri" on the case page (step 4.3.1): the case's watches — what they search, where,
// with which engine, how often, their last run and any engine error in plain words (with when it
// is tried again) — created, changed, paused, deleted or run now; the triage inbox of what they
// found (dismiss, add as a location, add and capture at once); and URLs found by hand added to the
// same inbox. IT, the supervisor and general direction taking part in the case (others get 403).
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { ConfirmButton } from '../../ui/confirm-button';
import { DateTime } from '../../ui/date-time';
import { Section } from '../../ui/section';
import { useCase } from '../cases/case-context';
import { type TriageAction, type Watch, type WatchResult, type WatchResultStatus, resultStatuses, watchesApi } from './api';
import { NotConfigured } from './not-configured';
import { WatchForm } from './watch-form';

/** Engine errors said in the UI (the server's own sentence, with its UTC time, for any other code). */
const knownErrors = new Set(['rate_limited', 'auth_failed', 'server_error', 'bad_response', 'http_error', 'network_error', 'timeout', 'not_configured']);

function WatchItem({
  watch,
  canEdit,
  onChanged,
  onRun,
}: {
  watch: Watch;
  canEdit: boolean;
  onChanged(next?: Watch): Promise<void>;
  onRun(): void;
}) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const base = `watch-${watch.id}`;
  const notConfigured = watch.unconfiguredProviders.length > 0 || watch.lastError.some((e) => e.code === 'not_configured');

  async function act(job: () => Promise<unknown>, done?: string) {
    setBusy(true);
    setError(null);
    setMessage(undefined);
    try {
      await job();
      if (done) setMessage(done);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="watch" data-watch={watch.id}>
      <h4 className="watch__title">
        {watch.queries.map((q) => q.text).join(' · ')}{' '}
        <span className={`status-badge status-badge--${watch.active ? 'task-open' : 'task-pending'}`}>
          <FormattedMessage id={watch.active ? 'watches.active' : 'watches.paused'} />
        </span>
      </h4>
      {editing ? (
        <WatchForm
          idBase={`${base}-edit`}
          initial={watch}
          submitLabelId="common.save"
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            const next = await watchesApi.update(watch.id, body);
            setEditing(false);
            await onChanged(next);
          }}
        />
      ) : (
        <>
          <ul className="watch__facts">
            {watch.queries.map((q) => (
              <li key={`${q.kind}-${q.text}`}>
                <span className="tag tag--inline">
                  <FormattedMessage id={`watches.kind.${q.kind}`} />
                </span>{' '}
                <span className="break">{q.text}</span>
              </li>
            ))}
          </ul>
          <p className="watch__meta">
            {watch.sites.length > 0 ? (
              <FormattedMessage id="watches.sites" values={{ sites: watch.sites.join(', ') }} />
            ) : (
              <FormattedMessage id="watches.allSites" />
            )}
            {' · '}
            <FormattedMessage
              id="watches.engines"
              values={{ engines: watch.providers.map((p) => intl.formatMessage({ id: `watches.provider.${p}` })).join(', ') }}
            />
            {' · '}
            <FormattedMessage id="watches.interval" values={{ hours: watch.intervalHours }} />
          </p>
          <p className="watch__meta">
            {watch.lastRun ? (
              <FormattedMessage
                id="watches.lastRun"
                values={{
                  when: <DateTime value={watch.lastRun.finishedAt ?? watch.lastRun.startedAt} />,
                  status: intl.formatMessage({ id: `watches.run.${watch.lastRun.status}` }),
                  found: watch.lastRun.resultCount,
                  fresh: watch.lastRun.newCount,
                }}
              />
            ) : (
              <FormattedMessage id="watches.neverRun" />
            )}
            {watch.active && watch.nextRunAt ? (
              <>
                {' · '}
                <FormattedMessage id="watches.nextRun" values={{ when: <DateTime value={watch.nextRunAt} /> }} />
              </>
            ) : null}
          </p>
          {watch.lastError.length > 0 ? (
            <div className="watch__errors" role="note">
              {watch.lastError.map((e) => (
                <p key={`${e.provider}-${e.code}`} className="warning-text">
                  {knownErrors.has(e.code) ? (
                    <FormattedMessage
                      id={`watches.error.${e.code}`}
                      values={{ provider: intl.formatMessage({ id: `watches.provider.${e.provider}` }), status: e.httpStatus ?? '—' }}
                    />
                  ) : (
                    e.message
                  )}{' '}
                  {e.retryAt ? (
                    <FormattedMessage id="watches.retryAt" values={{ when: <DateTime value={e.retryAt} /> }} />
                  ) : (
                    <FormattedMessage id="watches.retryNext" />
                  )}
                </p>
              ))}
            </div>
          ) : null}
          {notConfigured ? <NotConfigured /> : null}
          {canEdit ? (
            <div className="watch__actions">
              <button
                type="button"
                className="button button--small"
                disabled={busy || !watch.active}
                onClick={() =>
                  void act(async () => {
                    await watchesApi.run(watch.id);
                    onRun();
                  }, intl.formatMessage({ id: 'watches.runQueued' }))
                }
              >
                <FormattedMessage id="watches.runNow" />
              </button>
              <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)}>
                <FormattedMessage id="watches.edit" />
              </button>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={busy}
                onClick={() => void act(async () => onChanged(await watchesApi.update(watch.id, { active: !watch.active })))}
              >
                <FormattedMessage id={watch.active ? 'watches.pause' : 'watches.resume'} />
              </button>
              <ConfirmButton
                busy={busy}
                confirmLabel={<FormattedMessage id="watches.deleteConfirm" />}
                onConfirm={() => act(async () => {
                  await watchesApi.remove(watch.id);
                  await onChanged();
                })}
              >
                <FormattedMessage id="watches.delete" />
              </ConfirmButton>
            </div>
          ) : null}
          <p role="status" className="form__status">
            {message}
          </p>
          {error ? (
            <p className="field__error" role="alert">
              {errorText(error)}
            </p>
          ) : null}
        </>
      )}
    </li>
  );
}

function ResultItem({ result, canEdit, onTriaged }: { result: WatchResult; canEdit: boolean; onTriaged(action: TriageAction): Promise<void> }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function triage(action: TriageAction) {
    setBusy(true);
    setError(null);
    try {
      await onTriaged(action);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }
  const label = result.title ?? result.host;
  return (
    <li className="result" data-result={result.id}>
      <p className="result__title">{label}</p>
      <p className="result__url break">
        <a href={result.url} target="_blank" rel="noopener noreferrer nofollow">
          {result.url}
          <span className="visually-hidden">
            {' '}
            <FormattedMessage id="watches.newWindow" />
          </span>
        </a>
      </p>
      {result.snippet ? <p className="result__snippet">{result.snippet}</p> : null}
      <p className="result__meta">
        <FormattedMessage
          id="watches.result.seen"
          values={{
            when: <DateTime value={result.firstSeenAt} />,
            by: result.providers.map((p) => (p === 'searxng' || p === 'brave' ? intl.formatMessage({ id: `watches.provider.${p}` }) : intl.formatMessage({ id: 'watches.provider.manual' }))).join(', '),
          }}
        />{' '}
        {result.status !== 'new' ? (
          <span className="status-badge status-badge--task-done">
            <FormattedMessage id={`watches.result.status.${result.status}`} />
          </span>
        ) : null}
        {result.isLocation && result.status === 'new' ? (
          <span className="status-badge status-badge--task-done">
            <FormattedMessage id="watches.result.alreadyLocation" />
          </span>
        ) : null}
      </p>
      {canEdit && result.status === 'new' ? (
        <div className="result__actions">
          <button type="button" className="button button--small" disabled={busy} onClick={() => void triage('add_and_capture')}>
            <FormattedMessage id="watches.result.addCapture" />
            <span className="visually-hidden"> {label}</span>
          </button>
          <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void triage('add_location')}>
            <FormattedMessage id="watches.result.add" />
            <span className="visually-hidden"> {label}</span>
          </button>
          <button type="button" className="button button--ghost button--small" disabled={busy} onClick={() => void triage('dismiss')}>
            <FormattedMessage id="watches.result.dismiss" />
            <span className="visually-hidden"> {label}</span>
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          {isApiError(error, 'destination_blocked') ? intl.formatMessage({ id: 'watches.result.blocked' }) : errorText(error)}
        </p>
      ) : null}
    </li>
  );
}

function ImportForm({ caseId, onImported }: { caseId: string; onImported(): Promise<void> }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<{ created: number; total: number; rejected: string[] } | undefined>();
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setReport(undefined);
    if (!text.trim()) {
      setProblem(intl.formatMessage({ id: 'watches.import.required' }));
      return area.current?.focus();
    }
    setProblem(undefined);
    setBusy(true);
    setError(null);
    try {
      const result = await watchesApi.importUrls(caseId, text);
      setReport({ created: result.created, total: result.results.length, rejected: result.rejected });
      setText(result.rejected.join('\n'));
      await onImported();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form noValidate className="form form--wide" onSubmit={(e) => void submit(e)}>
      {error ? <Alert kind="error" title={errorText(error)} /> : null}
      <div className={`field${problem ? ' field--invalid' : ''}`}>
        <label htmlFor="watch-import">
          <FormattedMessage id="watches.import.label" />
        </label>
        <p className="field__hint" id="watch-import-hint">
          <FormattedMessage id="watches.import.hint" />
        </p>
        {problem ? (
          <p className="field__error" id="watch-import-error">
            {problem}
          </p>
        ) : null}
        <textarea
          ref={area}
          id="watch-import"
          rows={4}
          value={text}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`watch-import-hint${problem ? ' watch-import-error' : ''}`}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={busy}>
          <FormattedMessage id="watches.import.submit" />
        </button>
      </div>
      <div role="status">
        {report ? (
          <p className="form__status">
            <FormattedMessage id="watches.import.done" values={{ created: report.created, merged: report.total - report.created }} />
          </p>
        ) : null}
        {report && report.rejected.length > 0 ? (
          <p className="warning-text">
            <FormattedMessage id="watches.import.rejected" values={{ count: report.rejected.length }} />
          </p>
        ) : null}
      </div>
    </form>
  );
}

export function WatchesSection() {
  const intl = useIntl();
  const errorText = useErrorText();
  const { detail, reload } = useCase();
  const canEdit = detail.status !== 'closed';
  const [watches, setWatches] = useState<Watch[] | undefined>();
  const [results, setResults] = useState<WatchResult[] | undefined>();
  const [filter, setFilter] = useState<WatchResultStatus>('new');
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();

  const loadWatches = useCallback(async () => {
    try {
      setWatches(await watchesApi.list(detail.id));
    } catch (caught) {
      setError(caught);
    }
  }, [detail.id]);
  const loadResults = useCallback(async () => {
    try {
      setResults(await watchesApi.results(detail.id, filter));
    } catch (caught) {
      setError(caught);
    }
  }, [detail.id, filter]);
  useEffect(() => {
    void loadWatches();
  }, [loadWatches]);
  useEffect(() => {
    void loadResults();
  }, [loadResults]);

  // A run is queued (creation, "Lancer maintenant"): read the watches again every 2 s until its
  // last run has finished (at most 90 s), then the inbox.
  const [running, setRunning] = useState<Record<string, string | null>>({});
  const [runNotice, setRunNotice] = useState<string | undefined>();
  const follow = useCallback((watch: Pick<Watch, 'id' | 'lastRunAt'>) => {
    setRunNotice(undefined);
    setRunning((r) => ({ ...r, [watch.id]: watch.lastRunAt }));
  }, []);
  const followed = Object.keys(running).length > 0;
  useEffect(() => {
    if (!followed) return;
    const started = Date.now();
    let live = true;
    const timer = window.setInterval(async () => {
      if (Date.now() - started > 90_000) {
        setRunning({});
        return;
      }
      try {
        const list = await watchesApi.list(detail.id);
        if (!live) return;
        setWatches(list);
        const finished = list.filter(
          (w) => w.id in running && w.lastRun && w.lastRun.status !== 'running' && w.lastRunAt !== running[w.id],
        );
        if (finished.length > 0) {
          const fresh = finished.reduce((n, w) => n + (w.lastRun?.newCount ?? 0), 0);
          setRunNotice(intl.formatMessage({ id: 'watches.runDone' }, { count: fresh }));
          setRunning((r) => Object.fromEntries(Object.entries(r).filter(([id]) => !finished.some((w) => w.id === id))));
          await loadResults();
        }
      } catch {
        // The next tick tries again.
      }
    }, 2000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [followed, running, detail.id, intl, loadResults]);

  const forbidden = isApiError(error, 'forbidden');
  return (
    <Section id="veille" title={<FormattedMessage id="watches.section.title" />} intro={<FormattedMessage id="watches.section.intro" />}>
      {error && !forbidden ? <Alert kind="error" title={errorText(error)} /> : null}
      {forbidden ? <Alert kind="info" title={errorText(error)} /> : null}
      {notice ? <Alert kind="success" title={notice} /> : null}
      <p role="status" className="form__status watch-run-status">
        {followed ? <FormattedMessage id="watches.running" /> : runNotice}
      </p>

      <h3 className="card__subtitle">
        <FormattedMessage id="watches.list.title" />
      </h3>
      {watches === undefined && !error ? (
        <p role="status">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {watches && watches.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="watches.list.none" />
        </p>
      ) : null}
      {watches && watches.length > 0 ? (
        <ul className="watch-list">
          {watches.map((w) => (
            <WatchItem
              key={`${w.id}-${w.version}`}
              watch={w}
              canEdit={canEdit}
              onChanged={async (next) => {
                if (next) setWatches((list) => list?.map((x) => (x.id === next.id ? next : x)));
                else await loadWatches();
              }}
              onRun={() => follow(w)}
            />
          ))}
        </ul>
      ) : null}
      {canEdit && !forbidden ? (
        creating ? (
          <div className="subform">
            <h4 className="form__title">
              <FormattedMessage id="watches.create.title" />
            </h4>
            <WatchForm
              idBase="watch-new"
              submitLabelId="watches.create.submit"
              onCancel={() => setCreating(false)}
              onSubmit={async (body) => {
                const created = await watchesApi.create(detail.id, body);
                setCreating(false);
                follow({ id: created.id, lastRunAt: created.lastRunAt });
                setNotice(intl.formatMessage({ id: 'watches.create.done' }));
                await loadWatches();
              }}
            />
          </div>
        ) : (
          <p>
            <button type="button" className="button button--secondary" onClick={() => setCreating(true)}>
              <FormattedMessage id="watches.create.open" />
            </button>
          </p>
        )
      ) : null}

      <h3 className="card__subtitle">
        <FormattedMessage id="watches.inbox.title" />
      </h3>
      <div className="field inbox-filter">
        <label htmlFor="watch-filter">
          <FormattedMessage id="watches.inbox.show" />
        </label>
        <select id="watch-filter" value={filter} onChange={(e) => setFilter(e.target.value as WatchResultStatus)}>
          {resultStatuses.map((s) => (
            <option key={s} value={s}>
              {intl.formatMessage({ id: `watches.inbox.filter.${s}` })}
            </option>
          ))}
        </select>
      </div>
      {results && results.length === 0 ? (
        <p className="muted">
          <FormattedMessage id={filter === 'new' ? 'watches.inbox.empty' : 'watches.inbox.emptyOther'} />
        </p>
      ) : null}
      {results && results.length > 0 ? (
        <ul className="result-list" aria-label={intl.formatMessage({ id: 'watches.inbox.listLabel' }, { count: results.length })}>
          {results.map((r) => (
            <ResultItem
              key={r.id}
              result={r}
              canEdit={canEdit && !forbidden}
              onTriaged={async (action) => {
                await watchesApi.triage(r.id, action);
                setNotice(intl.formatMessage({ id: `watches.result.done.${action}` }, { url: r.url }));
                await Promise.all([loadResults(), action === 'dismiss' ? Promise.resolve() : reload()]);
              }}
            />
          ))}
        </ul>
      ) : null}

      {canEdit && !forbidden ? (
        <>
          <h3 className="card__subtitle">
            <FormattedMessage id="watches.import.title" />
          </h3>
          <ImportForm caseId={detail.id} onImported={loadResults} />
        </>
      ) : null}
    </Section>
  );
}
