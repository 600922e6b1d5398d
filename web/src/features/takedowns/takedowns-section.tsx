// "Retrait des contenus" on the case page (steps 4.3.2, 4.3.3): one panel per location — its
// provider (recognised from the URL by the server; a site the directory does not know is a "web
// host", with its abuse contact), whether the content is still online with the last re-check and
// "Vérifier maintenant", its removal requests, its per-location steps, and "Préparer une demande
// de retrait" for IT, the supervisor and general direction. The affected person reads the same and
// is led to the takedown consent screen.
import { useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import { Section } from '../../ui/section';
import type { CaseDetail } from '../cases/api';
import { TaskStatusBadge } from '../cases/badges';
import { useCase } from '../cases/case-context';
import { EvidenceState, evidenceFor } from '../cases/locations-section';
import { AbuseContactPanel } from './abuse-contact';
import {
  type Directory,
  mayActOnTakedowns,
  providerOf,
  requestProviderName,
  type Takedown,
  takedownConsentOf,
  takedownPaths,
  WEB_HOST,
} from './api';
import { TakedownStatusBadge } from './badges';
import { ChannelList, ProviderName } from './channels';
import { ConsentRequired } from './consent-notice';
import { useCaseTakedowns, useDirectory } from './hooks';
import { LocationChecksPanel } from './location-checks';

type Location = CaseDetail['locations'][number];

function RequestRow({ request, caseId }: { request: Takedown; caseId: string }) {
  const intl = useIntl();
  return (
    <li className="request-row">
      <Link to={takedownPaths.request(caseId, request.id)} className="request-row__link">
        <FormattedMessage
          id="takedowns.request.linkLabel"
          values={{ provider: requestProviderName(intl, request), ground: intl.formatMessage({ id: `takedowns.ground.${request.ground}` }) }}
        />
      </Link>{' '}
      <TakedownStatusBadge status={request.status} />
      <span className="request-row__when">
        {request.submittedAt ? (
          <FormattedMessage id="takedowns.request.sentOn" values={{ when: <DateTime value={request.submittedAt} /> }} />
        ) : (
          <FormattedMessage id="takedowns.request.preparedOn" values={{ when: <DateTime value={request.createdAt} /> }} />
        )}
      </span>
    </li>
  );
}

function LocationSteps({ detail, location }: { detail: CaseDetail; location: Location }) {
  const steps = detail.tasks
    .filter((t) => t.locationId === location.id && t.stepKey.startsWith('4.3.'))
    .sort((a, b) => a.stepKey.localeCompare(b.stepKey, 'en', { numeric: true }));
  if (steps.length === 0) return null;
  return (
    <ul className="location-steps">
      {steps.map((t) => (
        <li key={t.id} className="location-steps__item" data-step={t.stepKey}>
          <span className="step-key">{t.stepKey}</span> <span className="location-steps__title">{t.title}</span>{' '}
          <TaskStatusBadge status={t.status} />
        </li>
      ))}
    </ul>
  );
}

function LocationPanel({
  detail,
  location,
  directory,
  requests,
  requestsKnown,
  canAct,
  onChanged,
}: {
  detail: CaseDetail;
  location: Location;
  directory: Directory | undefined;
  requests: Takedown[];
  requestsKnown: boolean;
  canAct: boolean;
  onChanged(): Promise<unknown>;
}) {
  const provider = providerOf(directory, location.providerId);
  const isWebHost = (location.providerId ?? WEB_HOST) === WEB_HOST;
  const closed = detail.status === 'closed';
  const titleId = `retrait-${location.id}`;
  return (
    <li className="takedown-location" data-location={location.id}>
      <h3 className="takedown-location__title" id={titleId}>
        <span className="takedown-location__provider">
          {directory ? <ProviderName provider={provider} providerId={location.providerId} /> : <FormattedMessage id="common.loading" />}
        </span>
        <span className="takedown-location__host">{location.host}</span>
      </h3>
      <p className="takedown-location__url break">
        <a href={location.url} target="_blank" rel="noopener noreferrer nofollow">
          {location.url}
          <span className="visually-hidden">
            {' '}
            <FormattedMessage id="takedowns.newWindow" />
          </span>
        </a>
      </p>
      <p className="takedown-location__recognised muted">
        <FormattedMessage id={isWebHost ? 'takedowns.provider.notRecognised' : 'takedowns.provider.recognised'} values={{ host: location.host }} />
        {provider?.stale ? (
          <>
            {' '}
            <span className="warning-text">
              <FormattedMessage id="takedowns.provider.stale" />
            </span>
          </>
        ) : null}
      </p>
      <div className="takedown-location__grid">
        <div className="takedown-location__block">
          <p className="takedown-location__label">
            <FormattedMessage id="takedowns.location.evidence" />
          </p>
          <EvidenceState evidence={evidenceFor(location.url, detail.evidence)} />
        </div>
        <div className="takedown-location__block">
          <p className="takedown-location__label">
            <FormattedMessage id="takedowns.location.online" />
          </p>
          <LocationChecksPanel location={location} canAct={canAct && !closed} onChanged={onChanged} />
        </div>
      </div>
      <LocationSteps detail={detail} location={location} />
      {isWebHost ? <AbuseContactPanel locationId={location.id} host={location.host} canAct={canAct && !closed} /> : null}
      {provider && !isWebHost ? (
        <details className="takedown-location__channels">
          <summary>
            <FormattedMessage id="takedowns.channel.howTo" values={{ provider: provider.name }} />
          </summary>
          <ChannelList provider={provider} />
        </details>
      ) : null}
      {requestsKnown ? (
        <div className="takedown-location__requests">
          <h4 className="takedown-location__subtitle">
            <FormattedMessage id="takedowns.location.requests" />
          </h4>
          {requests.length === 0 ? (
            <p className="muted">
              <FormattedMessage id="takedowns.location.noRequest" />
            </p>
          ) : (
            <ul className="request-rows">
              {requests.map((r) => (
                <RequestRow key={r.id} request={r} caseId={detail.id} />
              ))}
            </ul>
          )}
        </div>
      ) : null}
      {canAct && !closed ? (
        <p className="takedown-location__actions">
          <Link className="button" to={takedownPaths.newRequest(detail.id, location.id)}>
            <FormattedMessage id="takedowns.location.prepare" />
            <span className="visually-hidden">
              {' '}
              <FormattedMessage id="takedowns.location.prepareFor" values={{ host: location.host }} />
            </span>
          </Link>
        </p>
      ) : null}
    </li>
  );
}

/** The affected person: their answer, and the way to the consent screen. */
function MyConsent({ detail, drafts }: { detail: CaseDetail; drafts: number }) {
  const consent = takedownConsentOf(detail);
  return (
    <div className={`card card--soft my-consent${consent?.granted ? '' : ' my-consent--waiting'}`}>
      <h3 className="my-consent__title">
        <FormattedMessage id="takedowns.myConsent.title" />
      </h3>
      <p>
        {consent ? (
          <FormattedMessage
            id={consent.granted ? 'takedowns.myConsent.yes' : 'takedowns.myConsent.no'}
            values={{ when: <DateTime value={consent.recordedAt} /> }}
          />
        ) : (
          <FormattedMessage id="takedowns.myConsent.none" />
        )}
      </p>
      {!consent?.granted && drafts > 0 ? (
        <p className="my-consent__drafts">
          <FormattedMessage id="takedowns.myConsent.drafts" values={{ count: drafts }} />
        </p>
      ) : null}
      <p>
        <Link className="button" to={takedownPaths.consent(detail.id)}>
          <FormattedMessage id={consent?.granted ? 'takedowns.myConsent.change' : 'takedowns.myConsent.answer'} />
        </Link>
      </p>
    </div>
  );
}

export function TakedownsSection() {
  const intl = useIntl();
  const errorText = useErrorText();
  const { detail, reload } = useCase();
  const canAct = mayActOnTakedowns(detail.viewer);
  const { directory, error: directoryError } = useDirectory();
  const takedowns = useCaseTakedowns(detail.id, true);
  const consent = takedownConsentOf(detail);
  const requestsFor = (locationId: string) => (takedowns.items ?? []).filter((t) => t.locations.some((l) => l.id === locationId));
  const drafts = (takedowns.items ?? []).filter((t) => t.status === 'draft').length;

  // Coming back from a request (…#retraits): the case loads after the browser looked for the anchor.
  const { hash } = useLocation();
  useEffect(() => {
    if (hash === '#retraits') document.getElementById('retraits')?.scrollIntoView({ block: 'start' });
  }, [hash]);

  async function refresh() {
    await Promise.all([reload(), takedowns.reload()]);
  }

  return (
    <Section id="retraits" title={<FormattedMessage id="takedowns.section.title" />} intro={<FormattedMessage id="takedowns.section.intro" />}>
      {detail.viewer.access === 'affected' ? <MyConsent detail={detail} drafts={drafts} /> : null}
      {canAct && !consent?.granted && detail.status !== 'closed' ? <ConsentRequired detail={detail} /> : null}
      {directoryError ? <Alert kind="error" title={errorText(directoryError)} /> : null}
      {takedowns.error ? <Alert kind="error" title={errorText(takedowns.error)} /> : null}
      {detail.locations.length === 0 ? (
        <p>
          <FormattedMessage id="takedowns.section.noLocation" />
        </p>
      ) : (
        <ul className="takedown-locations" aria-label={intl.formatMessage({ id: 'takedowns.section.listLabel' })}>
          {detail.locations.map((l) => (
            <LocationPanel
              key={l.id}
              detail={detail}
              location={l}
              directory={directory}
              requests={requestsFor(l.id)}
              requestsKnown={takedowns.items !== undefined && !takedowns.forbidden}
              canAct={canAct}
              onChanged={refresh}
            />
          ))}
        </ul>
      )}
    </Section>
  );
}
