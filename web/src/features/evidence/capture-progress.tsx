// The steps of a server capture, live: loading → scrolling → screenshot → pdf → archive →
// sealing. Done steps are ticked, the current one is marked (aria-current="step") and named in a
// polite live region, so a screen reader hears the capture move on without being flooded.
import { FormattedMessage, useIntl } from 'react-intl';
import { type CaptureStep, captureSteps, type Evidence } from './api';

export function CaptureProgress({ evidence }: { evidence: Evidence }) {
  const intl = useIntl();
  const current = captureSteps.indexOf(evidence.progress as CaptureStep);
  // Capturing without a known step yet: the page is being loaded.
  const index = evidence.status === 'queued' ? -1 : current === -1 ? 0 : current;
  const step = captureSteps[index];
  return (
    <div className="capture-progress">
      <p className="capture-progress__now" role="status">
        {step ? (
          <FormattedMessage
            id="evidence.progress.now"
            values={{
              n: index + 1,
              total: captureSteps.length,
              step: intl.formatMessage({ id: `evidence.progress.step.${step}` }),
            }}
          />
        ) : (
          <FormattedMessage id="evidence.progress.queued" />
        )}
      </p>
      {evidence.status === 'queued' && evidence.error ? (
        <p className="capture-progress__retry">
          <FormattedMessage id="evidence.progress.retrying" values={{ reason: evidence.error.message }} />
        </p>
      ) : null}
      <ol className="capture-steps" aria-label={intl.formatMessage({ id: 'evidence.progress.label' })}>
        {captureSteps.map((s, i) => {
          const state = i < index ? 'done' : i === index ? 'current' : 'todo';
          return (
            <li
              key={s}
              className={`capture-steps__step capture-steps__step--${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="capture-steps__mark" aria-hidden="true" />
              <span>
                <FormattedMessage id={`evidence.progress.step.${s}`} />
                {state === 'done' ? (
                  <span className="visually-hidden">
                    {' '}
                    <FormattedMessage id="evidence.progress.stepDone" />
                  </span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
