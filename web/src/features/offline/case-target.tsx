// « Où ajouter ? » in the report form: a new report (the default) or an existing case of the
// person (GET /api/v1/cases lists only what they may see). Shown only when they have a case and
// the list could be read; offline, a report always goes to a new case.
import { useEffect, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type CaseSummary, casesApi } from '../cases/api';

export type CaseTargetValue = { kind: 'new' } | { kind: 'existing'; caseId: string; reference: string };

const EXCERPT = 60;

export function CaseTarget({
  value,
  onChange,
  disabled = false,
}: {
  value: CaseTargetValue;
  onChange(value: CaseTargetValue): void;
  disabled?: boolean;
}) {
  const intl = useIntl();
  const uid = useId();
  const [cases, setCases] = useState<CaseSummary[]>([]);

  useEffect(() => {
    let stopped = false;
    casesApi
      .list({ limit: 50 })
      .then((list) => {
        if (!stopped) setCases(list.items.filter((c) => c.status !== 'closed'));
      })
      .catch(() => undefined);
    return () => {
      stopped = true;
    };
  }, []);

  if (cases.length === 0) return null;
  const selected = value.kind === 'existing' ? value.caseId : (cases[0]?.id ?? '');
  const choose = (id: string) => {
    const found = cases.find((c) => c.id === id);
    if (found) onChange({ kind: 'existing', caseId: found.id, reference: found.reference });
  };

  return (
    <fieldset className="choices case-target">
      <legend>
        <FormattedMessage id="app.target.legend" />
      </legend>
      <label className="choice">
        <input
          type="radio"
          name="case-target"
          checked={value.kind === 'new'}
          onChange={() => onChange({ kind: 'new' })}
          disabled={disabled}
        />
        <span>
          <FormattedMessage id="app.target.new" />
        </span>
      </label>
      <label className="choice">
        <input type="radio" name="case-target" checked={value.kind === 'existing'} onChange={() => choose(selected)} disabled={disabled} />
        <span>
          <FormattedMessage id="app.target.existing" />
        </span>
      </label>
      {value.kind === 'existing' ? (
        <div className="field case-target__case">
          <label htmlFor={`${uid}-case`}>
            <FormattedMessage id="app.target.caseLabel" />
          </label>
          <select id={`${uid}-case`} value={selected} onChange={(e) => choose(e.target.value)} disabled={disabled}>
            {cases.map((c) => (
              <option key={c.id} value={c.id}>
                {intl.formatMessage(
                  { id: 'app.target.caseOption' },
                  { reference: c.reference, summary: c.summary.length > EXCERPT ? `${c.summary.slice(0, EXCERPT)}…` : c.summary },
                )}
              </option>
            ))}
          </select>
          <p className="field__hint">
            <FormattedMessage id="app.target.existingHint" />
          </p>
        </div>
      ) : null}
    </fieldset>
  );
}
