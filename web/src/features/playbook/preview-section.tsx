// "Valider et prévisualiser": the facts of an imagined case (flags, instigator, consents, number
// of links, roles already in the case) and the tasks the playbook being edited would create for
// it, with due times in the organisation's time zone.
import { FormattedMessage, useIntl } from 'react-intl';
import { TextField } from '../../ui/field';
import { DateTime } from '../../ui/date-time';
import { Checkbox, ChoiceGroup } from '../admin/fields';
import { roleLabel } from './labels';
import { type CaseFlag, type ConsentPurpose, caseFlags, consentPurposes, type PreviewResult, type Vocabulary } from './model';

export interface FactsForm {
  flags: CaseFlag[];
  instigator: 'none' | 'known' | 'student';
  consents: ConsentPurpose[];
  locations: string;
  joinedRoles: string[];
}

export const defaultFacts: FactsForm = {
  flags: [],
  instigator: 'none',
  consents: [],
  locations: '1',
  joinedRoles: ['staff', 'supervisor'],
};

function toggle<T>(list: T[], value: T, on: boolean): T[] {
  return on ? [...list, value] : list.filter((v) => v !== value);
}

export function FactsFields({
  facts,
  onChange,
  vocabulary,
}: {
  facts: FactsForm;
  onChange(facts: FactsForm): void;
  vocabulary: Vocabulary;
}) {
  const intl = useIntl();
  const roles = vocabulary.roles.filter((r) => r !== 'any');
  return (
    <div className="facts-form">
      <ChoiceGroup id="preview-flags" legend={<FormattedMessage id="playbook.preview.flags" />} columns>
        {caseFlags.map((flag) => (
          <Checkbox
            key={flag}
            id={`preview-flag-${flag}`}
            label={intl.formatMessage({ id: `playbook.flag.${flag}` })}
            checked={facts.flags.includes(flag)}
            onChange={(e) => onChange({ ...facts, flags: toggle(facts.flags, flag, e.target.checked) })}
          />
        ))}
      </ChoiceGroup>
      <ChoiceGroup id="preview-instigator" legend={<FormattedMessage id="playbook.preview.instigator" />}>
        {(['none', 'known', 'student'] as const).map((value) => (
          <label key={value} className="choice" htmlFor={`preview-instigator-${value}`}>
            <input
              type="radio"
              id={`preview-instigator-${value}`}
              name="preview-instigator"
              checked={facts.instigator === value}
              onChange={() => onChange({ ...facts, instigator: value })}
            />
            <span>
              <FormattedMessage id={`playbook.preview.instigator.${value}`} />
            </span>
          </label>
        ))}
      </ChoiceGroup>
      <ChoiceGroup id="preview-consents" legend={<FormattedMessage id="playbook.preview.consents" />} columns>
        {consentPurposes.map((purpose) => (
          <Checkbox
            key={purpose}
            id={`preview-consent-${purpose}`}
            label={intl.formatMessage({ id: `playbook.consent.${purpose}` })}
            checked={facts.consents.includes(purpose)}
            onChange={(e) => onChange({ ...facts, consents: toggle(facts.consents, purpose, e.target.checked) })}
          />
        ))}
      </ChoiceGroup>
      <TextField
        id="preview-locations"
        type="number"
        inputMode="numeric"
        min={0}
        max={10}
        className="field--short"
        label={intl.formatMessage({ id: 'playbook.preview.locations' })}
        hint={intl.formatMessage({ id: 'playbook.preview.locationsHint' })}
        value={facts.locations}
        onChange={(e) => onChange({ ...facts, locations: e.target.value })}
      />
      <ChoiceGroup
        id="preview-roles"
        legend={<FormattedMessage id="playbook.preview.joinedRoles" />}
        hint={<FormattedMessage id="playbook.preview.joinedRolesHint" />}
        columns
      >
        {roles.map((role) => (
          <Checkbox
            key={role}
            id={`preview-role-${role}`}
            label={roleLabel(intl, role)}
            checked={facts.joinedRoles.includes(role)}
            onChange={(e) => onChange({ ...facts, joinedRoles: toggle(facts.joinedRoles, role, e.target.checked) })}
          />
        ))}
      </ChoiceGroup>
    </div>
  );
}

export function PreviewTasks({ result }: { result: PreviewResult }) {
  const intl = useIntl();
  if (result.tasks.length === 0) {
    return (
      <p className="muted">
        <FormattedMessage id="playbook.preview.noTask" />
      </p>
    );
  }
  return (
    <ol className="task-preview">
      {result.tasks.map((task, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a per-location step appears once per link; the list is replaced as a whole
        <li key={i} className="task-preview__item">
          <p className="task-preview__title">
            <span className="step-ref">{task.stepKey}</span> {task.title}
            {task.location !== null ? (
              <span className="task-preview__location">
                <FormattedMessage id="playbook.preview.location" values={{ n: task.location }} />
              </span>
            ) : null}
          </p>
          <p className="task-preview__meta">
            {roleLabel(intl, task.role)}
            {' · '}
            <span className={`task-status task-status--${task.status}`}>
              {Object.hasOwn(intl.messages, `playbook.preview.status.${task.status}`)
                ? intl.formatMessage({ id: `playbook.preview.status.${task.status}` })
                : task.status}
            </span>
            {' · '}
            {task.dueAt ? (
              <FormattedMessage id="playbook.preview.due" values={{ when: <DateTime value={task.dueAt} /> }} />
            ) : (
              <FormattedMessage id="playbook.preview.noDue" />
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}
