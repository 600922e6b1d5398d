// /dossiers/:id/retraits/:requestId — one removal request, from draft to its end: what it is
// (provider, ground, channel, who files), the warnings (consent, evidence, a victim-only channel,
// a mandate to attach…), the addresses it cites, the generated text in French and English with
// "Copier", "Marquer comme envoyée", what the provider did next, follow-ups, the report package
// and the mandate letter, and the help organisations for its ground.
import { useCallback, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import { Section } from '../../ui/section';
import type { CaseDetail } from '../cases/api';
import { CaseNotFound, useCaseLoader } from '../cases/case-loader';
import { Page } from '../shell/page';
import { isLink, mayActOnTakedowns, requestProviderName, type Takedown, takedownPaths, takedownsApi, type UpdateTakedownBody } from './api';
import { LocationStatusBadge, TakedownStatusBadge } from './badges';
import { ConsentRequired } from './consent-notice';
import { HelpList } from './help-section';
import { MandatePanel, PackageLinks } from './package-mandate';
import { Followups, OutcomeForm, ReferenceForm, SubmitForm } from './request-forms';
import { TextTabs } from './text-tabs';

function Facts({ request }: { request: Takedown }) {
  const intl = useIntl();
  return (
    <dl className="facts">
      <div>
        <dt>
          <FormattedMessage id="takedowns.request.status" />
        </dt>
        <dd>
          <TakedownStatusBadge status={request.status} />
        </dd>
      </div>
      <div>
        <dt>
          <FormattedMessage id="takedowns.request.provider" />
        </dt>
        <dd>{requestProviderName(intl, request)}</dd>
      </div>
      <div>
        <dt>
          <FormattedMessage id="takedowns.request.ground" />
        </dt>
        <dd>
          <FormattedMessage id={`takedowns.ground.${request.ground}`} />
        </dd>
      </div>
      <div>
        <dt>
          <FormattedMessage id="takedowns.request.channel" />
        </dt>
        <dd className="break">
          {request.channelMethod ? (
            <span className="facts__note">
              <FormattedMessage id={`takedowns.channel.method.${request.channelMethod}`} />
            </span>
          ) : null}
          {isLink(request.channel) ? (
            <a href={request.channel} target="_blank" rel="noopener noreferrer">
              {request.channel}
              <span className="visually-hidden">
                {' '}
                <FormattedMessage id="takedowns.newWindow" />
              </span>
            </a>
          ) : (
            (request.channel ?? '—')
          )}
        </dd>
      </div>
      <div>
        <dt>
          <FormattedMessage id="takedowns.request.filer" />
        </dt>
        <dd>
          <FormattedMessage id={`takedowns.filer.${request.filer}`} />
        </dd>
      </div>
      <div>
        <dt>
          <FormattedMessage id="takedowns.request.prepared" />
        </dt>
        <dd>
          <FormattedMessage
            id="takedowns.request.byOn"
            values={{ name: request.createdByName ?? '—', when: <DateTime value={request.createdAt} /> }}
          />
        </dd>
      </div>
      {request.submittedAt ? (
        <div>
          <dt>
            <FormattedMessage id="takedowns.request.submitted" />
          </dt>
          <dd>
            <FormattedMessage
              id="takedowns.request.byOn"
              values={{ name: request.submittedByName ?? '—', when: <DateTime value={request.submittedAt} /> }}
            />
          </dd>
        </div>
      ) : null}
      {request.referenceNumber ? (
        <div>
          <dt>
            <FormattedMessage id="takedowns.request.reference" />
          </dt>
          <dd className="break">{request.referenceNumber}</dd>
        </div>
      ) : null}
      {request.nextReminderAt && (request.status === 'submitted' || request.status === 'acknowledged' || request.consent.active) ? (
        <div>
          <dt>
            <FormattedMessage id="takedowns.request.reminder" />
          </dt>
          <dd>
            <DateTime value={request.nextReminderAt} />
          </dd>
        </div>
      ) : null}
      {request.closedAt ? (
        <div>
          <dt>
            <FormattedMessage id="takedowns.request.closed" />
          </dt>
          <dd>
            <DateTime value={request.closedAt} />
            {request.removalBasis ? (
              <span className="facts__note">
                <FormattedMessage id={`takedowns.request.basis.${request.removalBasis}`} />
              </span>
            ) : null}
            {request.confirmationNote ? <span className="facts__note">« {request.confirmationNote} »</span> : null}
          </dd>
        </div>
      ) : null}
      {request.overrideReason ? (
        <div>
          <dt>
            <FormattedMessage id="takedowns.request.override" />
          </dt>
          <dd>{request.overrideReason}</dd>
        </div>
      ) : null}
      <div>
        <dt>
          <FormattedMessage id="takedowns.request.consent" />
        </dt>
        <dd>
          {request.consent.active ? (
            <FormattedMessage
              id="takedowns.request.consentYes"
              values={{ when: request.consent.recordedAt ? <DateTime value={request.consent.recordedAt} /> : '—' }}
            />
          ) : (
            <span className="warning-text">{intl.formatMessage({ id: 'takedowns.request.consentNo' })}</span>
          )}
        </dd>
      </div>
    </dl>
  );
}

function Warnings({ request, detail }: { request: Takedown; detail: CaseDetail }) {
  const others = request.warnings.filter((w) => w.code !== 'consent_missing');
  const consentMissing = request.warnings.some((w) => w.code === 'consent_missing');
  if (request.status !== 'draft') return null;
  return (
    <>
      {consentMissing && mayActOnTakedowns(detail.viewer) ? <ConsentRequired detail={detail} /> : null}
      {others.length > 0 ? (
        <Alert kind="warning" title={<FormattedMessage id="takedowns.warnings.title" values={{ count: others.length }} />}>
          <ul className="plain-list warnings">
            {others.map((w) => (
              <li key={`${w.code}-${w.locationId ?? ''}`} data-warning={w.code}>
                {w.message}
                {w.code === 'evidence_missing' ? (
                  <>
                    {' '}
                    <Link to={`/dossiers/${encodeURIComponent(detail.id)}#preuves`}>
                      <FormattedMessage id="takedowns.warnings.toEvidence" />
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </>
  );
}

function Locations({ request }: { request: Takedown }) {
  return (
    <ol className="cited-locations">
      {request.locations.map((l) => (
        <li key={l.id} className="cited-location">
          <p className="cited-location__url break">
            <a href={l.url} target="_blank" rel="noopener noreferrer nofollow">
              {l.url}
              <span className="visually-hidden">
                {' '}
                <FormattedMessage id="takedowns.newWindow" />
              </span>
            </a>
          </p>
          <p className="cited-location__meta">
            <LocationStatusBadge status={l.status} />{' '}
            {l.lastCheckedAt ? (
              <FormattedMessage id="takedowns.checks.last" values={{ when: <DateTime value={l.lastCheckedAt} /> }} />
            ) : (
              <FormattedMessage id="takedowns.checks.never" />
            )}
          </p>
          {l.evidence.length === 0 ? (
            <p className="warning-text">
              <FormattedMessage id="takedowns.cited.noEvidence" />
            </p>
          ) : (
            l.evidence.map((e) => (
              <p key={e.evidenceId} className="cited-location__meta">
                <span aria-hidden="true">✔ </span>
                <FormattedMessage
                  id="takedowns.cited.evidence"
                  values={{ when: <DateTime value={e.capturedAt} />, count: e.artefacts.length }}
                />
                <span className="cited-location__hash break">
                  <FormattedMessage id="takedowns.cited.manifest" values={{ hash: <code>{e.manifestSha256}</code> }} />
                </span>
              </p>
            ))
          )}
        </li>
      ))}
    </ol>
  );
}

/** Channel and who files, while a draft. */
function DraftSettings({ request, patch }: { request: Takedown; patch(body: UpdateTakedownBody): Promise<boolean> }) {
  const intl = useIntl();
  const [busy, setBusy] = useState(false);
  const base = `draft-${request.id}`;
  async function change(body: UpdateTakedownBody) {
    setBusy(true);
    try {
      await patch(body);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="field">
      <label htmlFor={`${base}-filer`}>
        <FormattedMessage id="takedowns.request.filer" />
      </label>
      <p className="field__hint" id={`${base}-filer-hint`}>
        <FormattedMessage id={`takedowns.filer.${request.filer}.hint`} />
      </p>
      <select
        id={`${base}-filer`}
        aria-describedby={`${base}-filer-hint`}
        value={request.filer}
        disabled={busy}
        onChange={(e) => void change({ filer: e.target.value as Takedown['filer'] })}
      >
        <option value="board">{intl.formatMessage({ id: 'takedowns.filer.board' })}</option>
        <option value="staff_member">{intl.formatMessage({ id: 'takedowns.filer.staff_member' })}</option>
      </select>
    </div>
  );
}

function RequestView({ detail, initial }: { detail: CaseDetail; initial: Takedown }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [request, setRequest] = useState(initial);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error' | 'info'; text: string } | null>(null);
  const canAct = request.viewer.canAct;
  const canFile = request.viewer.canFile;
  // After a move the form that was used is gone: focus goes to the message saying what happened.
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  const closedCase = detail.status === 'closed';

  const reload = useCallback(async () => {
    setRequest(await takedownsApi.get(request.id));
  }, [request.id]);

  /** PATCH that throws (for forms that show errors themselves); applies the answer. */
  const patchOrThrow = useCallback(
    async (body: UpdateTakedownBody) => {
      try {
        const next = await takedownsApi.update(request.id, body);
        setRequest(next);
        if (body.status) {
          setNotice({
            kind: 'success',
            text: intl.formatMessage({ id: 'takedowns.request.moved' }, { status: intl.formatMessage({ id: `takedowns.status.${next.status}` }) }),
          });
        }
        return next;
      } catch (error) {
        if (isApiError(error, 'stale_version')) {
          await reload();
          setNotice({ kind: 'info', text: intl.formatMessage({ id: 'takedowns.request.stale' }) });
        }
        throw error;
      }
    },
    [request.id, intl, reload],
  );

  /** PATCH whose error is shown at the top of the page. */
  const patchQuiet = useCallback(
    async (body: UpdateTakedownBody) => {
      try {
        await patchOrThrow(body);
        return true;
      } catch (error) {
        if (!isApiError(error, 'stale_version')) setNotice({ kind: 'error', text: errorText(error) });
        return false;
      }
    },
    [patchOrThrow, errorText],
  );

  const draft = request.status === 'draft';
  const waiting = request.status === 'submitted' || request.status === 'acknowledged';

  return (
    <>
      <div ref={noticeRef} tabIndex={-1} className="request-notice">
        {notice ? <Alert kind={notice.kind} title={notice.text} /> : null}
      </div>
      <Section id="demande" title={<FormattedMessage id="takedowns.request.summary" />}>
        <Facts request={request} />
      </Section>
      <Warnings request={request} detail={detail} />
      <Section id="adresses" title={<FormattedMessage id="takedowns.request.locations" values={{ count: request.locations.length }} />}>
        <Locations request={request} />
      </Section>
      <Section id="texte" title={<FormattedMessage id="takedowns.text.title" />} intro={<FormattedMessage id="takedowns.text.intro" />}>
        {request.sentText ? (
          <div className="sent-text">
            <h3 className="card__subtitle">
              <FormattedMessage id="takedowns.text.sent" />
            </h3>
            <div className="takedown-text" lang={request.textLocale}>
              {request.sentText}
            </div>
          </div>
        ) : null}
        {request.sentText ? (
          // Once sent, the generated texts are for reference only: folded under the text sent.
          <details className="generated-texts">
            <summary>
              <FormattedMessage id="takedowns.text.generated" />
            </summary>
            <TextTabs key={request.version} request={request} canEdit={false} onPatch={patchQuiet} />
          </details>
        ) : (
          <TextTabs key={request.version} request={request} canEdit={draft && canAct && !closedCase} onPatch={patchQuiet} />
        )}
        {draft && canAct && !closedCase ? <DraftSettings request={request} patch={patchQuiet} /> : null}
      </Section>
      {canAct && !closedCase && (draft || waiting) ? (
        <Section id="envoi" title={<FormattedMessage id={draft ? 'takedowns.submit.title' : 'takedowns.outcome.section'} />}>
          {draft ? <SubmitForm key={request.version} request={request} detail={detail} patch={patchOrThrow} /> : null}
          {waiting ? (
            <>
              <OutcomeForm request={request} patch={patchOrThrow} onRechecked={reload} />
              <h3 className="card__subtitle">
                <FormattedMessage id="takedowns.reference.title" />
              </h3>
              <ReferenceForm key={request.referenceNumber ?? ''} request={request} patch={patchOrThrow} />
            </>
          ) : null}
        </Section>
      ) : null}
      <Section id="suivi" title={<FormattedMessage id="takedowns.followup.title" />}>
        <Followups
          request={request}
          canAct={canAct && !closedCase}
          onAdd={async (body) => {
            const next = await takedownsApi.addFollowup(request.id, body);
            setRequest(next);
            return next;
          }}
        />
      </Section>
      {canFile ? (
        <Section id="trousse" title={<FormattedMessage id="takedowns.package.title" />} intro={<FormattedMessage id="takedowns.package.intro" />}>
          <PackageLinks request={request} />
          <h3 className="card__subtitle">
            <FormattedMessage id="takedowns.mandate.title" />
          </h3>
          <MandatePanel request={request} onUploaded={setRequest} />
        </Section>
      ) : null}
      <Section id="aide-demande" title={<FormattedMessage id="takedowns.help.forGround" />}>
        <HelpList caseId={detail.id} ground={request.ground} />
      </Section>
    </>
  );
}

function RequestPage({ caseId, requestId }: { caseId: string; requestId: string }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const { state } = useCaseLoader(caseId);
  const [request, setRequest] = useState<{ data?: Takedown; error?: unknown }>({});
  useEffect(() => {
    let live = true;
    takedownsApi.get(requestId).then(
      (data) => live && setRequest({ data }),
      (error: unknown) => live && setRequest({ error }),
    );
    return () => {
      live = false;
    };
  }, [requestId]);

  if (state.status === 'missing' || isApiError(request.error, 'not_found')) return <CaseNotFound />;
  const detail = state.status === 'ready' ? state.detail : undefined;
  const data = request.data && request.data.caseId === caseId ? request.data : undefined;
  const title = data
    ? intl.formatMessage(
        { id: 'takedowns.request.title' },
        { provider: requestProviderName(intl, data), ground: intl.formatMessage({ id: `takedowns.ground.${data.ground}` }) },
      )
    : intl.formatMessage({ id: 'takedowns.request.loadingTitle' });
  return (
    <Page title={title} intro={detail ? <FormattedMessage id="takedowns.request.intro" values={{ reference: detail.reference }} /> : undefined}>
      {detail ? (
        <p>
          <Link to={takedownPaths.panel(detail.id)}>
            <FormattedMessage id="takedowns.backToCase" values={{ reference: detail.reference }} />
          </Link>
        </p>
      ) : null}
      {state.status === 'failed' ? <Alert kind="error" title={errorText(state.error)} /> : null}
      {request.error ? <Alert kind="error" title={errorText(request.error)} /> : null}
      {!detail || (!data && !request.error) ? (
        state.status !== 'failed' && !request.error ? (
          <p role="status">
            <FormattedMessage id="common.loading" />
          </p>
        ) : null
      ) : null}
      {detail && data ? <RequestView detail={detail} initial={data} /> : null}
    </Page>
  );
}

export default function RequestRoute() {
  const { id = '', requestId = '' } = useParams();
  return <RequestPage key={`${id}/${requestId}`} caseId={id} requestId={requestId} />;
}
