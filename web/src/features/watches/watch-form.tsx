// Creating or changing a watch: what to search (names, handles, exact phrases — one per line),
// optional site filters, the search engines (every configured one by default) and how often.
import { type FormEvent, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { type CreateWatchBody, lines, type QueryKind, queryKinds, type SearchProvider, searchProviders, type Watch } from './api';
import { NotConfigured } from './not-configured';

const intervals = [1, 6, 12, 24, 48, 168] as const;

export function WatchForm({
  idBase,
  initial,
  onSubmit,
  onCancel,
  submitLabelId,
}: {
  idBase: string;
  initial?: Watch;
  onSubmit(body: CreateWatchBody): Promise<void>;
  onCancel?(): void;
  submitLabelId: string;
}) {
  const intl = useIntl();
  const errorText = useErrorText();
  const textOf = (kind: QueryKind) => (initial?.queries ?? []).filter((q) => q.kind === kind).map((q) => q.text).join('\n');
  const [queries, setQueries] = useState<Record<QueryKind, string>>({ name: textOf('name'), handle: textOf('handle'), phrase: textOf('phrase') });
  const [sites, setSites] = useState((initial?.sites ?? []).join('\n'));
  const [providers, setProviders] = useState<SearchProvider[]>(initial?.providers ?? []);
  const [interval, setIntervalHours] = useState(String(initial?.intervalHours ?? 24));
  const [problem, setProblem] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const firstArea = useRef<HTMLTextAreaElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const built = queryKinds.flatMap((kind) => lines(queries[kind]).map((text) => ({ text, kind })));
    if (built.length === 0) {
      setProblem(intl.formatMessage({ id: 'watches.form.queriesRequired' }));
      return firstArea.current?.focus();
    }
    if (built.some((q) => q.text.length < 2)) {
      setProblem(intl.formatMessage({ id: 'watches.form.queryShort' }));
      return firstArea.current?.focus();
    }
    setProblem(undefined);
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        queries: built,
        sites: lines(sites),
        ...(providers.length > 0 ? { providers } : {}),
        intervalHours: Number(interval),
      });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate className="form form--wide watch-form" onSubmit={(e) => void submit(e)}>
      {isApiError(error, 'conflict') ? <NotConfigured serverMessage={error.message} /> : error ? <Alert kind="error" title={errorText(error)} /> : null}
      <fieldset className={`choices${problem ? ' choices--invalid' : ''}`} aria-describedby={problem ? `${idBase}-queries-error` : undefined}>
        <legend>
          <FormattedMessage id="watches.form.queries" />
        </legend>
        <p className="field__hint">
          <FormattedMessage id="watches.form.queriesHint" />
        </p>
        {problem ? (
          <p className="field__error" id={`${idBase}-queries-error`}>
            {problem}
          </p>
        ) : null}
        {queryKinds.map((kind, i) => (
          <div key={kind} className="field">
            <label htmlFor={`${idBase}-${kind}`}>
              <FormattedMessage id={`watches.kind.${kind}.label`} />
            </label>
            <p className="field__hint" id={`${idBase}-${kind}-hint`}>
              <FormattedMessage id={`watches.kind.${kind}.hint`} />
            </p>
            <textarea
              ref={i === 0 ? firstArea : undefined}
              id={`${idBase}-${kind}`}
              rows={2}
              aria-describedby={`${idBase}-${kind}-hint`}
              value={queries[kind]}
              onChange={(e) => setQueries((q) => ({ ...q, [kind]: e.target.value }))}
            />
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${idBase}-sites`}>
          <FormattedMessage id="watches.form.sites" />
        </label>
        <p className="field__hint" id={`${idBase}-sites-hint`}>
          <FormattedMessage id="watches.form.sitesHint" />
        </p>
        <textarea id={`${idBase}-sites`} rows={2} aria-describedby={`${idBase}-sites-hint`} value={sites} onChange={(e) => setSites(e.target.value)} />
      </div>
      <fieldset className="choices">
        <legend>
          <FormattedMessage id="watches.form.providers" />
        </legend>
        <p className="field__hint">
          <FormattedMessage id="watches.form.providersHint" />
        </p>
        {searchProviders.map((p) => (
          <label key={p} className="choice">
            <input
              type="checkbox"
              checked={providers.includes(p)}
              onChange={(e) => setProviders((list) => (e.target.checked ? [...list, p] : list.filter((x) => x !== p)))}
            />
            <span>
              <FormattedMessage id={`watches.provider.${p}`} />
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${idBase}-interval`}>
          <FormattedMessage id="watches.form.interval" />
        </label>
        <select id={`${idBase}-interval`} value={interval} onChange={(e) => setIntervalHours(e.target.value)}>
          {[...new Set([...intervals, Number(interval)])]
            .sort((a, b) => a - b)
            .map((h) => (
              <option key={h} value={h}>
                {intl.formatMessage({ id: 'watches.interval' }, { hours: h })}
              </option>
            ))}
        </select>
      </div>
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          <FormattedMessage id={submitLabelId} />
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            <FormattedMessage id="common.cancel" />
          </button>
        ) : null}
      </div>
    </form>
  );
}
