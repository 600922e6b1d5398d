// What applies to the situation, in plain words (the case's flags). Changing one re-plans the
// tasks; the section then says which steps appeared and which were retired.
import { useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { Section } from '../../ui/section';
import { type FlagName, flagNames, casesApi, type Task } from './api';
import { useCase } from './case-context';
import { diffTasks } from './task-diff';

function StepList({ tasks }: { tasks: Task[] }) {
  return (
    <ul className="step-list">
      {tasks.map((t) => (
        <li key={t.id}>
          <span className="step-key">{t.stepKey}</span> {t.title}
        </li>
      ))}
    </ul>
  );
}

export function FlagsSection() {
  const { detail, replace, reload } = useCase();
  const intl = useIntl();
  const errorText = useErrorText();
  const [busy, setBusy] = useState<FlagName | null>(null);
  // The box follows the tap at once, while the change is on its way.
  const [shown, setShown] = useState<Partial<Record<FlagName, boolean>>>({});
  const [error, setError] = useState<unknown>(null);
  const [change, setChange] = useState<{ flag: FlagName; on: boolean; appeared: Task[]; retired: Task[] } | null>(null);
  const result = useRef<HTMLDivElement>(null);
  const editable = detail.viewer.canEditFacts && detail.status !== 'closed';

  async function toggle(flag: FlagName, on: boolean) {
    setBusy(flag);
    setShown((old) => ({ ...old, [flag]: on }));
    setError(null);
    setChange(null);
    const before = detail.tasks;
    try {
      const updated = await casesApi.update(detail.id, { flags: { [flag]: on }, version: detail.version });
      replace(updated);
      setChange({ flag, on, ...diffTasks(before, updated.tasks) });
    } catch (caught) {
      setError(caught);
      if (isApiError(caught, 'stale_version')) await reload();
    } finally {
      // From here on the case (replaced or reloaded) says what is checked.
      setShown({});
      setBusy(null);
    }
  }

  return (
    <Section id="situation" title={<FormattedMessage id="cases.flags.title" />} intro={<FormattedMessage id="cases.flags.intro" />}>
      {error ? (
        <Alert kind="error" title={isApiError(error, 'stale_version') ? intl.formatMessage({ id: 'cases.stale' }) : errorText(error)} />
      ) : null}
      {editable ? (
        <fieldset className="choices flag-toggles">
          <legend className="visually-hidden">
            <FormattedMessage id="cases.flags.title" />
          </legend>
          {flagNames.map((flag) => (
            <label key={flag} className="choice choice--toggle">
              <input
                type="checkbox"
                checked={shown[flag] ?? detail.flags[flag]}
                disabled={busy !== null}
                onChange={(e) => void toggle(flag, e.target.checked)}
              />
              <span>
                <FormattedMessage id={`cases.flag.${flag}`} />
              </span>
            </label>
          ))}
        </fieldset>
      ) : (
        <ul className="flag-list">
          {flagNames.map((flag) => (
            <li key={flag} className={detail.flags[flag] ? 'flag-list__item flag-list__item--on' : 'flag-list__item'}>
              <span className={`state ${detail.flags[flag] ? 'state--on' : 'state--off'}`}>
                <FormattedMessage id={detail.flags[flag] ? 'cases.flags.yes' : 'cases.flags.no'} />
              </span>{' '}
              <FormattedMessage id={`cases.flag.${flag}`} />
            </li>
          ))}
        </ul>
      )}
      <div ref={result} role="status" className="flag-change">
        {change ? (
          <div className="alert alert--info">
            <p className="alert__title">
              <FormattedMessage
                id={change.on ? 'cases.flags.changedOn' : 'cases.flags.changedOff'}
                values={{ flag: intl.formatMessage({ id: `cases.flag.${change.flag}` }) }}
              />
            </p>
            <div className="alert__body">
              {change.appeared.length === 0 && change.retired.length === 0 ? (
                <p>
                  <FormattedMessage id="cases.flags.noStepChange" />
                </p>
              ) : null}
              {change.appeared.length > 0 ? (
                <>
                  <p>
                    <FormattedMessage id="cases.flags.appeared" values={{ count: change.appeared.length }} />
                  </p>
                  <StepList tasks={change.appeared} />
                </>
              ) : null}
              {change.retired.length > 0 ? (
                <>
                  <p>
                    <FormattedMessage id="cases.flags.retired" values={{ count: change.retired.length }} />
                  </p>
                  <StepList tasks={change.retired} />
                </>
              ) : null}
            </div>
          </div>
        ) : null}
      </div>
    </Section>
  );
}
