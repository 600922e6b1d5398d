// Loading one case for a page (the case page, the consent screen), and the page shown when the
// API answers 404: the case does not exist OR the reader may not see it — one sentence for both,
// so nothing is revealed.
import { useCallback, useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { Page } from '../shell/page';
import { type CaseDetail, casePaths, casesApi } from './api';

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; detail: CaseDetail }
  | { status: 'missing' }
  | { status: 'failed'; error: unknown };

export function CaseNotFound() {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage({ id: 'cases.notFound.title' })} narrow>
      <p>
        <FormattedMessage id="cases.notFound.body" />
      </p>
      <p>
        <Link to={casePaths.list} className="button">
          <FormattedMessage id="cases.notFound.back" />
        </Link>
      </p>
    </Page>
  );
}

/** Loads one case for a page; `missing` for 404 (not there, or not visible to this reader). */
export function useCaseLoader(id: string) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });

  const reload = useCallback(async (): Promise<CaseDetail | undefined> => {
    try {
      const detail = await casesApi.get(id);
      setState({ status: 'ready', detail });
      return detail;
    } catch (error) {
      if (isApiError(error, 'not_found')) setState({ status: 'missing' });
      else setState((s) => (s.status === 'ready' ? s : { status: 'failed', error }));
      return undefined;
    }
  }, [id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const replace = useCallback((detail: CaseDetail) => setState({ status: 'ready', detail }), []);
  return { state, reload, replace };
}
