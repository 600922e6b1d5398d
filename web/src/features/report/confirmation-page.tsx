// After sending (/signaler/envoye/:id): a calm page. The reference, "your direction is notified"
// (step 4.1.2, done by the system at intake), the links being kept with, when the evidence
// service reports them, their capture status (updated by reading the case every 2 s for a
// minute), and what to do now.
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { CopyButton } from '../../ui/copy-button';
import { type CaseDetail, casePaths, casesApi } from '../cases/api';
import { CaseNotFound } from '../cases/case-loader';
import { evidenceFor, LocationList } from '../cases/locations-section';
import { Page } from '../shell/page';
import { WhatNow } from './what-now';

const POLL_EVERY_MS = 2000;
const POLL_FOR_MS = 60_000;

/** Whether a capture may still change: something queued or capturing, or a link without one yet. */
function stillPreserving(detail: CaseDetail): boolean {
  if (detail.evidence.length === 0) return false;
  if (detail.evidence.some((e) => e.status !== 'sealed' && e.status !== 'failed')) return true;
  return detail.locations.some((l) => !evidenceFor(l.url, detail.evidence));
}

function Confirmation({ id, initial }: { id: string; initial: CaseDetail | undefined }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [detail, setDetail] = useState<CaseDetail | undefined>(initial);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // Read once (fresh copy), then every 2 s for a minute while captures may still change. The
  // first read also tells whether evidence is reported at all.
  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const started = Date.now();
    const tick = async () => {
      try {
        const fresh = await casesApi.get(id);
        if (stopped) return;
        setDetail(fresh);
        setError(null);
        if (
          (stillPreserving(fresh) || (fresh.locations.length > 0 && fresh.evidence.length === 0 && Date.now() - started < 10_000)) &&
          Date.now() - started < POLL_FOR_MS
        ) {
          timer = window.setTimeout(() => void tick(), POLL_EVERY_MS);
        }
      } catch (caught) {
        if (stopped) return;
        if (isApiError(caught, 'not_found')) setMissing(true);
        else {
          setError(caught);
          if (Date.now() - started < POLL_FOR_MS) timer = window.setTimeout(() => void tick(), POLL_EVERY_MS);
        }
      }
    };
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [id]);

  if (missing) return <CaseNotFound />;
  const supervisors =
    detail?.participants.filter((p) => p.role === 'supervisor' || (p.role === 'general_direction' && p.reason === 'replaces_supervisor')) ??
    [];
  const notified = detail?.tasks.some((t) => t.stepKey === '4.1.2' && t.status === 'done') ?? false;

  return (
    <Page title={intl.formatMessage({ id: 'report.done.title' })} narrow>
      {!detail ? (
        error ? (
          <Alert kind="error" title={errorText(error)} />
        ) : (
          <p role="status">
            <FormattedMessage id="common.loading" />
          </p>
        )
      ) : (
        <>
          <section className="card card--calm report-done" aria-labelledby="report-done-reference">
            <h2 id="report-done-reference" className="card__title">
              <FormattedMessage id="report.done.referenceTitle" />
            </h2>
            <p className="report-done__reference">
              <span className="reference">{detail.reference}</span>{' '}
              <CopyButton text={detail.reference} className="button button--ghost button--small" />
            </p>
            <p className="report-done__notified">
              <span className="report-done__check" aria-hidden="true">
                ✔
              </span>{' '}
              {supervisors.length > 0 ? (
                <FormattedMessage
                  id="report.done.notifiedNamed"
                  values={{ names: intl.formatList(supervisors.map((s) => s.displayName)), count: supervisors.length }}
                />
              ) : (
                <FormattedMessage id={notified ? 'report.done.notified' : 'report.done.notifiedSoon'} />
              )}
            </p>
            <p>
              <FormattedMessage id="report.done.next" />
            </p>
            <p className="report-done__actions">
              <Link to={casePaths.case(detail.id)} className="button">
                <FormattedMessage id="report.done.openCase" />
              </Link>
            </p>
          </section>

          <section className="card" aria-labelledby="report-done-links">
            <h2 id="report-done-links" className="card__title">
              <FormattedMessage id="report.done.linksTitle" values={{ count: detail.locations.length }} />
            </h2>
            {detail.locations.length > 0 ? (
              <>
                <p className="card__lead">
                  <FormattedMessage id="report.done.linksIntro" />
                </p>
                <div aria-live="polite">
                  <LocationList locations={detail.locations} evidence={detail.evidence} showStatus={false} />
                </div>
              </>
            ) : (
              <p>
                <FormattedMessage id="report.done.noLinks" />
              </p>
            )}
          </section>

          <WhatNow caseId={detail.id} serious={detail.flags.illegalOrSerious} />
        </>
      )}
    </Page>
  );
}

export default function ConfirmationPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const state = location.state as { created?: CaseDetail } | null;
  const initial = state?.created?.id === id ? state.created : undefined;
  return <Confirmation key={id} id={id} initial={initial} />;
}
