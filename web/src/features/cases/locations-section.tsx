// The places where the harmful content appears (the case's locations): address, site, whether
// it is still online, and — when the evidence server reports it — whether a sealed capture of
// it is kept. Also used by the report's confirmation page.
import { FormattedMessage } from 'react-intl';
import { DateTime } from '../../ui/date-time';
import { Section } from '../../ui/section';
import type { CaseDetail } from './api';
import { useCase } from './case-context';

type Location = CaseDetail['locations'][number];
type Evidence = CaseDetail['evidence'][number];

/** The evidence about one address, best first: sealed, then in progress, then failed. */
export function evidenceFor(url: string, evidence: readonly Evidence[]): Evidence | undefined {
  const mine = evidence.filter((e) => e.sourceUrl === url);
  const rank = (e: Evidence) => (e.status === 'sealed' ? 0 : e.status === 'failed' ? 2 : 1);
  return mine.sort((a, b) => rank(a) - rank(b))[0];
}

export function EvidenceState({ evidence }: { evidence: Evidence | undefined }) {
  if (!evidence) {
    return (
      <span className="evidence-state evidence-state--noted">
        <FormattedMessage id="cases.evidence.noted" />
      </span>
    );
  }
  if (evidence.status === 'sealed') {
    return (
      <span className="evidence-state evidence-state--sealed">
        <span aria-hidden="true">✔ </span>
        <FormattedMessage id="cases.evidence.sealed" />
      </span>
    );
  }
  if (evidence.status === 'failed') {
    return (
      <span className="evidence-state evidence-state--failed">
        <FormattedMessage id="cases.evidence.failed" />
      </span>
    );
  }
  return (
    <span className="evidence-state evidence-state--pending">
      <FormattedMessage id="cases.evidence.pending" />
    </span>
  );
}

export function LocationList({
  locations,
  evidence,
  showStatus = true,
}: {
  locations: readonly Location[];
  evidence: readonly Evidence[];
  showStatus?: boolean;
}) {
  return (
    <ul className="item-list location-list">
      {locations.map((l) => (
        <li key={l.id} className="item-list__item location-list__item">
          <div className="item-list__main">
            <p className="item-list__title location-list__host">{l.host}</p>
            <p className="location-list__url break">
              <a href={l.url} target="_blank" rel="noopener noreferrer nofollow">
                {l.url}
                <span className="visually-hidden">
                  {' '}
                  <FormattedMessage id="cases.locations.newWindow" />
                </span>
              </a>
            </p>
            <p className="item-list__meta">
              {showStatus ? (
                <span className={`status-badge status-badge--location-${l.status}`}>
                  <FormattedMessage id={`cases.location.status.${l.status}`} />
                </span>
              ) : null}{' '}
              <EvidenceState evidence={evidenceFor(l.url, evidence)} />
              {l.lastCheckedAt ? (
                <span className="location-list__checked">
                  <FormattedMessage id="cases.locations.checked" values={{ when: <DateTime value={l.lastCheckedAt} /> }} />
                </span>
              ) : null}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function LocationsSection() {
  const { detail } = useCase();
  return (
    <Section id="liens" title={<FormattedMessage id="cases.locations.title" />}>
      {detail.locations.length === 0 ? (
        <p>
          <FormattedMessage id="cases.locations.none" />
        </p>
      ) : (
        <LocationList locations={detail.locations} evidence={detail.evidence} />
      )}
    </Section>
  );
}
