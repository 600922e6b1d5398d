// "Dossiers": the cases the reader may see (GET /api/v1/cases — the server filters by
// participation), newest first, with a status filter, a search and "Plus" for the next page.
// The filter and the search live in the address (?statut=…&q=…) so Back returns to them.
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { Page } from '../shell/page';
import { type CaseStatus, type CaseSummary, casePaths, caseStatuses, casesApi } from './api';
import { CaseStatusBadge } from './badges';
import { DueTime } from './due-time';
import { useNow } from './time';

const PAGE_SIZE = 25;

function isStatus(value: string | null): value is CaseStatus {
  return value !== null && (caseStatuses as readonly string[]).includes(value);
}

function CaseRow({ item, now }: { item: CaseSummary; now: Date }) {
  return (
    <li className="case-row">
      <div className="case-row__head">
        <Link to={casePaths.case(item.id)} className="case-row__ref">
          {item.reference}
        </Link>
        <CaseStatusBadge status={item.status} />
      </div>
      <p className="case-row__who">
        <span className="case-row__person">{item.affectedPersonName}</span>
        {item.unitName ? <span className="case-row__unit">{item.unitName}</span> : null}
      </p>
      <p className="case-row__summary">{item.summary}</p>
      <p className="case-row__tasks">
        <span>
          <FormattedMessage id="cases.list.openTasks" values={{ count: item.openTasks }} />
        </span>
        {item.overdueTasks > 0 ? (
          <span className="case-row__overdue">
            <span aria-hidden="true">⚠ </span>
            <FormattedMessage id="cases.list.overdueTasks" values={{ count: item.overdueTasks }} />
          </span>
        ) : null}
      </p>
      {item.nextDueAt && item.status !== 'closed' ? (
        <p className="case-row__next">
          <span className="case-row__label">
            <FormattedMessage id="cases.list.nextDue" />
          </span>{' '}
          <DueTime dueAt={item.nextDueAt} now={now} />
        </p>
      ) : null}
    </li>
  );
}

export default function CasesPage() {
  const intl = useIntl();
  const errorText = useErrorText();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('statut');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);

  const load = useCallback(
    async (after?: string) => {
      const mine = ++generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await casesApi.list({ status, q: q || undefined, cursor: after, limit: PAGE_SIZE });
        if (mine !== generation.current) return;
        setItems((old) => (after ? [...old, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (caught) {
        if (mine === generation.current) setError(caught);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [status, q],
  );

  useEffect(() => {
    setItems([]);
    void load();
  }, [load]);

  useEffect(() => setSearch(q), [q]);

  // After "Plus", keyboard users continue from the first case of the new page.
  useEffect(() => {
    if (focusIndex === null || loading) return;
    const link = document.querySelectorAll<HTMLAnchorElement>('.case-list .case-row__ref')[focusIndex];
    link?.focus();
    setFocusIndex(null);
  }, [focusIndex, loading]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams(params);
    if (search.trim()) next.set('q', search.trim());
    else next.delete('q');
    setParams(next);
  }

  function changeStatus(value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set('statut', value);
    else next.delete('statut');
    setParams(next);
  }

  const filtered = Boolean(status || q);
  return (
    <Page title={intl.formatMessage({ id: 'cases.list.title' })} intro={<FormattedMessage id="cases.list.intro" />}>
      <form className="case-filters" onSubmit={submit} aria-label={intl.formatMessage({ id: 'cases.list.filters' })}>
        <div className="field">
          <label htmlFor="cases-status">
            <FormattedMessage id="cases.list.status" />
          </label>
          <select id="cases-status" value={status ?? ''} onChange={(e) => changeStatus(e.target.value)}>
            <option value="">{intl.formatMessage({ id: 'cases.list.allStatuses' })}</option>
            {caseStatuses.map((s) => (
              <option key={s} value={s}>
                {intl.formatMessage({ id: `cases.status.${s}` })}
              </option>
            ))}
          </select>
        </div>
        <div className="field case-filters__search">
          <label htmlFor="cases-q">
            <FormattedMessage id="cases.list.search" />
          </label>
          <p className="field__hint" id="cases-q-hint">
            <FormattedMessage id="cases.list.searchHint" />
          </p>
          <div className="case-filters__row">
            <input
              id="cases-q"
              type="search"
              value={search}
              maxLength={200}
              aria-describedby="cases-q-hint"
              onChange={(e) => setSearch(e.target.value)}
            />
            <button type="submit" className="button">
              <FormattedMessage id="cases.list.searchButton" />
            </button>
          </div>
        </div>
      </form>

      {error ? (
        <Alert kind="error" title={errorText(error)}>
          <button type="button" className="button button--secondary" onClick={() => void load(cursor ?? undefined)}>
            <FormattedMessage id="common.retry" />
          </button>
        </Alert>
      ) : null}

      <p role="status" className="case-list__count">
        {loading && items.length === 0 ? (
          <FormattedMessage id="common.loading" />
        ) : !error ? (
          <FormattedMessage
            id={filtered ? 'cases.list.countFiltered' : 'cases.list.count'}
            values={{ count: items.length, more: cursor ? 'yes' : 'no' }}
          />
        ) : null}
      </p>

      {!loading && !error && items.length === 0 ? (
        <div className="card card--soft">
          <p>
            <FormattedMessage id={filtered ? 'cases.list.noneFiltered' : 'cases.list.none'} />
          </p>
        </div>
      ) : null}

      {items.length > 0 ? (
        <ul className="case-list">
          {items.map((item) => (
            <CaseRow key={item.id} item={item} now={now} />
          ))}
        </ul>
      ) : null}

      {cursor ? (
        <p className="case-list__more">
          <button
            type="button"
            className="button button--secondary"
            disabled={loading}
            onClick={() => {
              setFocusIndex(items.length);
              void load(cursor);
            }}
          >
            <FormattedMessage id="cases.list.more" />
          </button>
        </p>
      ) : null}
    </Page>
  );
}
