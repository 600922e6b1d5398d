// The case page (/dossiers/:id — the address the e-mails link to): header with status and its
// actions, then the sections of sections.ts (facts, flags, tasks by role, links, participants).
// A case the reader may not see answers 404, exactly like one that does not exist: the page
// says both in one sentence and reveals nothing else.
import { useMemo } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useParams } from 'react-router';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { Page } from '../shell/page';
import { CaseContext, type CaseContextValue } from './case-context';
import { CaseHeader } from './case-header';
import { CaseNotFound, useCaseLoader } from './case-loader';
import { caseSections } from './sections';
import { useNow } from './time';

function CasePage({ id }: { id: string }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const now = useNow();
  const { state, reload, replace } = useCaseLoader(id);

  const value = useMemo<CaseContextValue | null>(
    () => (state.status === 'ready' ? { detail: state.detail, reload, replace, now } : null),
    [state, reload, replace, now],
  );

  if (state.status === 'missing') return <CaseNotFound />;
  const title =
    state.status === 'ready'
      ? intl.formatMessage({ id: 'cases.page.title' }, { reference: state.detail.reference })
      : intl.formatMessage({ id: 'cases.page.loadingTitle' });

  return (
    <Page title={title}>
      {state.status === 'loading' ? (
        <p role="status">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {state.status === 'failed' ? (
        <Alert kind="error" title={errorText(state.error)}>
          <button type="button" className="button button--secondary" onClick={() => void reload()}>
            <FormattedMessage id="common.retry" />
          </button>
        </Alert>
      ) : null}
      {value ? (
        <CaseContext.Provider value={value}>
          <CaseHeader />
          <nav className="toc" aria-label={intl.formatMessage({ id: 'cases.toc' })}>
            <ul>
              {caseSections
                .filter((s) => !s.visible || s.visible(value.detail))
                .map((s) => (
                  <li key={s.id}>
                    <a
                      href={`#${s.id}`}
                      onClick={(event) => {
                        // Focus the section heading too, so the next Tab continues from there.
                        const heading = document.getElementById(`${s.id}-title`);
                        if (!heading) return;
                        event.preventDefault();
                        heading.setAttribute('tabindex', '-1');
                        heading.focus();
                        heading.scrollIntoView({ block: 'start' });
                      }}
                    >
                      <FormattedMessage id={s.labelId} />
                    </a>
                  </li>
                ))}
            </ul>
          </nav>
          <div className="stack case-sections">
            {caseSections
              .filter((s) => !s.visible || s.visible(value.detail))
              .map((s) => (
                <s.Component key={s.id} />
              ))}
          </div>
        </CaseContext.Provider>
      ) : null}
    </Page>
  );
}

export default function CasePageRoute() {
  const { id = '' } = useParams();
  return <CasePage key={id} id={id} />;
}
