// Long lists (directory, logins) one page at a time with the API's keyset cursor: the cursors of
// the pages seen are kept so "Previous" works; a new filter starts again at the first page.
// After "Previous" or "Next", focus moves to the results heading so a keyboard user does not
// stay stranded at the bottom of a list that changed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

export interface CursorPage<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

export const PAGE_SIZE = 50;

export function useCursorPages<T>(load: (cursor: string | undefined, signal: AbortSignal) => Promise<CursorPage<T>>, filterKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: filterKey, cursors: [undefined] });
  const cursors = state.key === filterKey ? state.cursors : [undefined];
  const pageIndex = cursors.length - 1;
  const cursor = cursors[pageIndex];
  const [page, setPage] = useState<CursorPage<T> | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const moveFocus = useRef(false);
  const loader = useRef(load);
  loader.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey and attempt trigger a load; the loader is read from its ref
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    loader
      .current(cursor, controller.signal)
      .then((result) => {
        if (controller.signal.aborted) return;
        setPage(result);
        setLoading(false);
        if (moveFocus.current) {
          moveFocus.current = false;
          heading.current?.focus();
        }
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(caught);
        setLoading(false);
      });
    return () => controller.abort();
  }, [filterKey, cursor, attempt]);

  const next = useCallback(() => {
    if (!page?.nextCursor) return;
    moveFocus.current = true;
    const nextCursor = page.nextCursor;
    setState({ key: filterKey, cursors: [...cursors, nextCursor] });
  }, [page, filterKey, cursors]);

  const previous = useCallback(() => {
    if (cursors.length < 2) return;
    moveFocus.current = true;
    setState({ key: filterKey, cursors: cursors.slice(0, -1) });
  }, [filterKey, cursors]);

  const reload = useCallback(() => setAttempt((a) => a + 1), []);

  return { page, pageIndex, loading, error, next, previous, reload, heading };
}

export function Pager({
  page,
  pageIndex,
  loading,
  onPrevious,
  onNext,
}: {
  page: CursorPage<unknown> | undefined;
  pageIndex: number;
  loading: boolean;
  onPrevious(): void;
  onNext(): void;
}) {
  const intl = useIntl();
  if (!page || (pageIndex === 0 && !page.nextCursor)) return null;
  return (
    <nav className="pager" aria-label={intl.formatMessage({ id: 'admin.pager.label' })}>
      <button type="button" className="button button--secondary" disabled={pageIndex === 0 || loading} onClick={onPrevious}>
        <FormattedMessage id="admin.pager.previous" />
      </button>
      <span className="pager__where">
        <FormattedMessage id="admin.pager.page" values={{ page: pageIndex + 1, pages: Math.max(1, Math.ceil(page.total / PAGE_SIZE)) }} />
      </span>
      <button type="button" className="button button--secondary" disabled={!page.nextCursor || loading} onClick={onNext}>
        <FormattedMessage id="admin.pager.next" />
      </button>
    </nav>
  );
}

/** "People 51 to 100 of 2,345", "No match", or "Loading…" — announced politely. */
export function ResultsStatus({
  page,
  pageIndex,
  loading,
  rangeId,
  emptyId,
}: {
  page: CursorPage<unknown> | undefined;
  pageIndex: number;
  loading: boolean;
  rangeId: string;
  emptyId: string;
}) {
  const first = pageIndex * PAGE_SIZE + 1;
  const last = page ? pageIndex * PAGE_SIZE + page.items.length : 0;
  return (
    <p role="status" className="results-status">
      {loading ? (
        <FormattedMessage id="common.loading" />
      ) : page ? (
        page.total === 0 || page.items.length === 0 ? (
          <FormattedMessage id={emptyId} />
        ) : (
          <FormattedMessage id={rangeId} values={{ first, last, total: page.total }} />
        )
      ) : null}
    </p>
  );
}
