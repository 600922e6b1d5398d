// A location's removal re-checks: its status (online / removed / unknown) with the last check
// time, "Vérifier maintenant" (queued; followed until the result is in), and the history of checks
// with each one's outcome and the rule that decided it (docs/watches.md "Re-checks").
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import type { CaseDetail } from '../cases/api';
import { type LocationChecks, takedownsApi } from './api';
import { LocationStatusBadge } from './badges';
import { useRecheck } from './hooks';

type Location = CaseDetail['locations'][number];

export function RecheckButton({
  locationId,
  host,
  onFinished,
}: {
  locationId: string;
  host: string;
  onFinished(): void | Promise<unknown>;
}) {
  const intl = useIntl();
  const errorText = useErrorText();
  const { state, run } = useRecheck(locationId, onFinished);
  return (
    <div className="recheck">
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={state.phase === 'running'}
        aria-label={intl.formatMessage({ id: 'takedowns.recheck.buttonFor' }, { host })}
        onClick={() => void run()}
      >
        <FormattedMessage id="takedowns.recheck.button" />
      </button>
      <p className="recheck__status" role="status">
        {state.phase === 'running' ? <FormattedMessage id="takedowns.recheck.running" /> : null}
        {state.phase === 'waiting' ? <FormattedMessage id="takedowns.recheck.waiting" /> : null}
        {state.phase === 'done' ? (
          <FormattedMessage
            id="takedowns.recheck.done"
            values={{ outcome: intl.formatMessage({ id: `takedowns.location.status.${state.check.outcome}` }), reason: state.check.explanation }}
          />
        ) : null}
      </p>
      {state.phase === 'failed' ? (
        <p className="field__error" role="alert">
          {errorText(state.error)}
        </p>
      ) : null}
    </div>
  );
}

function CheckHistory({ locationId }: { locationId: string }) {
  const errorText = useErrorText();
  const [state, setState] = useState<{ data?: LocationChecks; error?: unknown; loading: boolean }>({ loading: false });
  async function load() {
    setState((s) => ({ ...s, loading: true }));
    try {
      setState({ data: await takedownsApi.checks(locationId), loading: false });
    } catch (error) {
      setState({ error, loading: false });
    }
  }
  return (
    <details
      className="check-history"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open) void load();
      }}
    >
      <summary>
        <FormattedMessage id="takedowns.checks.title" />
      </summary>
      {state.loading && !state.data ? (
        <p role="status">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {state.error ? <p className="field__error">{errorText(state.error)}</p> : null}
      {state.data ? (
        state.data.checks.length === 0 ? (
          <p>
            <FormattedMessage id="takedowns.checks.none" />
          </p>
        ) : (
          <>
            <ol className="check-list">
              {state.data.checks.map((c) => (
                <li key={c.id} className="check-list__item">
                  <p className="check-list__head">
                    <LocationStatusBadge status={c.outcome} /> <DateTime value={c.at} />{' '}
                    <span className="muted">
                      <FormattedMessage id={`takedowns.checks.trigger.${c.trigger}`} />
                    </span>
                  </p>
                  <p className="check-list__why">{c.explanation}</p>
                  <p className="check-list__meta">
                    {c.httpStatus !== null ? <FormattedMessage id="takedowns.checks.http" values={{ status: c.httpStatus }} /> : null}
                    {c.evidence.matchedMarker ? (
                      <>
                        {' · '}
                        <FormattedMessage id="takedowns.checks.marker" values={{ marker: c.evidence.matchedMarker }} />
                      </>
                    ) : null}
                    {c.evidence.bodySha256 ? (
                      <>
                        {' · '}
                        <FormattedMessage id="takedowns.checks.body" values={{ hash: `${c.evidence.bodySha256.slice(0, 12)}…` }} />
                      </>
                    ) : null}
                  </p>
                  {c.finalUrl && c.evidence.redirects.length > 0 ? (
                    <p className="check-list__meta break">
                      <FormattedMessage id="takedowns.checks.finalUrl" values={{ url: c.finalUrl }} />
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>
            {state.data.nextCheckAt ? (
              <p className="muted">
                <FormattedMessage id="takedowns.checks.next" values={{ when: <DateTime value={state.data.nextCheckAt} /> }} />
              </p>
            ) : null}
          </>
        )
      ) : null}
    </details>
  );
}

export function LocationChecksPanel({ location, canAct, onChanged }: { location: Location; canAct: boolean; onChanged(): Promise<unknown> }) {
  // Re-mount the history after a new check so it is read again when opened.
  const [round, setRound] = useState(0);
  return (
    <div className="location-check">
      <p className="location-check__state">
        <LocationStatusBadge status={location.status} />{' '}
        {location.lastCheckedAt ? (
          <FormattedMessage id="takedowns.checks.last" values={{ when: <DateTime value={location.lastCheckedAt} /> }} />
        ) : (
          <FormattedMessage id={location.status === 'removed' ? 'takedowns.checks.confirmedOnly' : 'takedowns.checks.never'} />
        )}
      </p>
      {canAct ? (
        <RecheckButton
          locationId={location.id}
          host={location.host}
          onFinished={async () => {
            setRound((r) => r + 1);
            await onChanged();
          }}
        />
      ) : null}
      <CheckHistory key={round} locationId={location.id} />
    </div>
  );
}
