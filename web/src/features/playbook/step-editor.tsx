// One step of the playbook editor: a heading button that folds and unfolds it, move up / down,
// and its fields — key, role, titles and guidance in both languages, the due rule (a number of
// hours or business days, weekly, at intake, none), the condition (facts joined by and / or,
// each possibly negated, or an expression typed by hand), completion, escalation chain (ordered),
// dependencies, per-location and optional. Problems found by the API show next to their field.
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ConfirmButton } from '../../ui/confirm-button';
import { TextField } from '../../ui/field';
import { Checkbox, ChoiceGroup, SelectField, TextAreaField } from '../admin/fields';
import { completionLabel, dueLabel, escalationLabel, factLabel, roleLabel } from './labels';
import {
  builderText,
  type ConditionForm,
  type DueKind,
  messagesFor,
  newUid,
  parseFlatCondition,
  type Problem,
  type StepForm,
  type Vocabulary,
} from './model';

const dueKinds: readonly DueKind[] = ['delay', 'weekly', 'at_intake', 'none'];
const MAX_ESCALATION = 6;

function ConditionEditor({
  base,
  condition,
  facts,
  error,
  onChange,
}: {
  base: string;
  condition: ConditionForm;
  facts: string[];
  error: string | undefined;
  onChange(condition: ConditionForm): void;
}) {
  const intl = useIntl();
  const [cannotSimplify, setCannotSimplify] = useState(false);
  const choosable = facts.filter((f) => f !== 'always');

  function setMode(mode: 'builder' | 'advanced') {
    if (mode === condition.mode) return;
    if (mode === 'advanced') {
      setCannotSimplify(false);
      onChange({ ...condition, mode, text: builderText(condition.join, condition.terms) });
      return;
    }
    const flat = parseFlatCondition(condition.text);
    if (!flat) {
      setCannotSimplify(true);
      return;
    }
    setCannotSimplify(false);
    onChange({ ...condition, mode, ...flat });
  }

  const setTerms = (terms: ConditionForm['terms']) => onChange({ ...condition, terms });

  return (
    <ChoiceGroup
      id={`${base}-condition`}
      legend={<FormattedMessage id="playbook.condition.legend" />}
      hint={<FormattedMessage id="playbook.condition.hint" />}
      error={condition.mode === 'builder' ? error : undefined}
      className="condition"
    >
      <div className="segmented" role="radiogroup" aria-label={intl.formatMessage({ id: 'playbook.condition.mode' })}>
        {(['builder', 'advanced'] as const).map((mode) => (
          <label key={mode} className="choice" htmlFor={`${base}-condition-mode-${mode}`}>
            <input
              type="radio"
              id={`${base}-condition-mode-${mode}`}
              name={`${base}-condition-mode`}
              checked={condition.mode === mode}
              onChange={() => setMode(mode)}
            />
            <span>
              <FormattedMessage id={`playbook.condition.mode.${mode}`} />
            </span>
          </label>
        ))}
      </div>
      {cannotSimplify ? (
        <p className="warning-text" role="status">
          <FormattedMessage id="playbook.condition.tooComplex" />
        </p>
      ) : null}
      {condition.mode === 'advanced' ? (
        <TextField
          id={`${base}-condition-text`}
          label={intl.formatMessage({ id: 'playbook.condition.text' })}
          hint={
            <>
              <FormattedMessage id="playbook.condition.textHint" /> <code className="break">{facts.join(', ')}</code>
            </>
          }
          value={condition.text}
          maxLength={500}
          spellCheck={false}
          autoComplete="off"
          className="mono-input"
          onChange={(e) => onChange({ ...condition, text: e.target.value })}
          error={error}
        />
      ) : (
        <div className="condition__builder">
          {condition.terms.length === 0 ? (
            <p className="muted">
              <FormattedMessage id="playbook.condition.always" />
            </p>
          ) : null}
          {condition.terms.length > 1 ? (
            <SelectField
              id={`${base}-condition-join`}
              label={intl.formatMessage({ id: 'playbook.condition.join' })}
              value={condition.join}
              onChange={(e) => onChange({ ...condition, join: e.target.value as 'and' | 'or' })}
            >
              <option value="and">{intl.formatMessage({ id: 'playbook.condition.join.and' })}</option>
              <option value="or">{intl.formatMessage({ id: 'playbook.condition.join.or' })}</option>
            </SelectField>
          ) : null}
          <ol className="term-list">
            {condition.terms.map((term, i) => {
              const options = choosable.includes(term.fact) ? choosable : [term.fact, ...choosable];
              return (
                <li key={term.uid} className="term">
                  <SelectField
                    id={`${base}-term-${term.uid}`}
                    label={intl.formatMessage({ id: 'playbook.condition.term' }, { n: i + 1 })}
                    value={term.fact}
                    onChange={(e) => setTerms(condition.terms.map((t) => (t.uid === term.uid ? { ...t, fact: e.target.value } : t)))}
                  >
                    {options.map((f) => (
                      <option key={f} value={f}>
                        {factLabel(intl, f)}
                      </option>
                    ))}
                  </SelectField>
                  <div className="term__tools">
                    <Checkbox
                      id={`${base}-term-${term.uid}-not`}
                      label={<FormattedMessage id="playbook.condition.not" />}
                      checked={term.not}
                      onChange={(e) => setTerms(condition.terms.map((t) => (t.uid === term.uid ? { ...t, not: e.target.checked } : t)))}
                    />
                    <button
                      type="button"
                      className="button button--ghost button--small"
                      onClick={() => setTerms(condition.terms.filter((t) => t.uid !== term.uid))}
                    >
                      <FormattedMessage id="playbook.condition.removeTerm" values={{ n: i + 1 }} />
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
          <p>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setTerms([...condition.terms, { uid: newUid(), not: false, fact: choosable[0] ?? 'always' }])}
            >
              <FormattedMessage id="playbook.condition.addTerm" />
            </button>
          </p>
          <p className="condition__expression">
            <FormattedMessage id="playbook.condition.expression" />{' '}
            <code className="break">{builderText(condition.join, condition.terms)}</code>
          </p>
        </div>
      )}
    </ChoiceGroup>
  );
}

export function StepEditor({
  step,
  index,
  count,
  steps,
  vocabulary,
  problems,
  expanded,
  onToggle,
  onChange,
  onMove,
  onRemove,
}: {
  step: StepForm;
  index: number;
  count: number;
  steps: StepForm[];
  vocabulary: Vocabulary;
  problems: Problem[];
  expanded: boolean;
  onToggle(): void;
  onChange(patch: Partial<StepForm>): void;
  onMove(direction: -1 | 1): void;
  onRemove(): void;
}) {
  const intl = useIntl();
  const base = `step-${step.uid}`;
  const err = (field: string) => messagesFor(problems, step.uid, field);
  const stepProblems = problems.filter((p) => p.stepUid === step.uid);
  const title = step.titleFr.trim() || intl.formatMessage({ id: 'playbook.step.untitled' });
  const keyLabel = step.key.trim() || '—';
  const roles = vocabulary.roles.includes(step.role) ? vocabulary.roles : [step.role, ...vocabulary.roles];
  const completions = vocabulary.completions.includes(step.completion)
    ? vocabulary.completions
    : [step.completion, ...vocabulary.completions];
  const others = steps.filter((s) => s.uid !== step.uid && s.key.trim());
  const unknownDeps = step.dependsOn.filter((d) => !others.some((o) => o.key.trim() === d));

  const setDue = (patch: Partial<StepForm['due']>) => onChange({ due: { ...step.due, ...patch } });
  const dueError = err('due');

  return (
    <li className={`step${stepProblems.length > 0 ? ' step--invalid' : ''}`}>
      <div className="step__head">
        <h3 className="step__title">
          <button
            type="button"
            id={`${base}-toggle`}
            className="step__toggle"
            aria-expanded={expanded}
            aria-controls={`${base}-body`}
            onClick={onToggle}
          >
            <span className="step__key">{keyLabel}</span>
            <span className="step__name">{title}</span>
            <span className="step__meta">
              {roleLabel(intl, step.role)} · {dueLabel(intl, step.due)}
              {step.optional ? <> · {intl.formatMessage({ id: 'playbook.step.optionalShort' })}</> : null}
            </span>
            {stepProblems.length > 0 ? (
              <span className="step__problems">
                <FormattedMessage id="playbook.step.problems" values={{ count: stepProblems.length }} />
              </span>
            ) : null}
          </button>
        </h3>
        <div className="step__tools">
          <button type="button" className="button button--ghost button--small" disabled={index === 0} onClick={() => onMove(-1)}>
            <FormattedMessage id="playbook.step.up" />
            <span className="visually-hidden"> {keyLabel}</span>
          </button>
          <button type="button" className="button button--ghost button--small" disabled={index === count - 1} onClick={() => onMove(1)}>
            <FormattedMessage id="playbook.step.down" />
            <span className="visually-hidden"> {keyLabel}</span>
          </button>
        </div>
      </div>
      {expanded ? (
        <div id={`${base}-body`} className="step__body">
          <div className="form-row">
            <TextField
              id={`${base}-key`}
              label={intl.formatMessage({ id: 'playbook.field.key' })}
              hint={intl.formatMessage({ id: 'playbook.field.keyHint' })}
              value={step.key}
              maxLength={20}
              autoComplete="off"
              spellCheck={false}
              inputMode="decimal"
              onChange={(e) => onChange({ key: e.target.value })}
              error={err('key')}
            />
            <SelectField
              id={`${base}-role`}
              label={intl.formatMessage({ id: 'playbook.field.role' })}
              value={step.role}
              onChange={(e) => onChange({ role: e.target.value })}
              error={err('role')}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(intl, r)}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="form-row">
            <TextField
              id={`${base}-title-fr`}
              lang="fr-CA"
              label={intl.formatMessage({ id: 'playbook.field.titleFr' })}
              value={step.titleFr}
              maxLength={2000}
              onChange={(e) => onChange({ titleFr: e.target.value })}
              error={err('title.fr-CA') ?? (err('title') && !err('title.en') ? err('title') : undefined)}
            />
            <TextField
              id={`${base}-title-en`}
              lang="en"
              label={intl.formatMessage({ id: 'playbook.field.titleEn' })}
              value={step.titleEn}
              maxLength={2000}
              onChange={(e) => onChange({ titleEn: e.target.value })}
              error={err('title.en')}
            />
          </div>
          <div className="form-row">
            <TextAreaField
              id={`${base}-guidance-fr`}
              lang="fr-CA"
              label={intl.formatMessage({ id: 'playbook.field.guidanceFr' })}
              value={step.guidanceFr}
              maxLength={2000}
              rows={4}
              onChange={(e) => onChange({ guidanceFr: e.target.value })}
              error={err('guidance.fr-CA')}
            />
            <TextAreaField
              id={`${base}-guidance-en`}
              lang="en"
              label={intl.formatMessage({ id: 'playbook.field.guidanceEn' })}
              value={step.guidanceEn}
              maxLength={2000}
              rows={4}
              onChange={(e) => onChange({ guidanceEn: e.target.value })}
              error={err('guidance.en')}
            />
          </div>

          <fieldset className="choices due-rule">
            <legend>
              <FormattedMessage id="playbook.due.legend" />
            </legend>
            <p className="field__hint">
              <FormattedMessage id="playbook.due.hint" />
            </p>
            <div className="form-row form-row--three">
              <SelectField
                id={`${base}-due-kind`}
                label={intl.formatMessage({ id: 'playbook.due.kind' })}
                value={step.due.kind}
                onChange={(e) => setDue({ kind: e.target.value as DueKind })}
                error={step.due.kind === 'delay' ? undefined : dueError}
              >
                {dueKinds.map((k) => (
                  <option key={k} value={k}>
                    {intl.formatMessage({ id: `playbook.due.kind.${k}` })}
                  </option>
                ))}
              </SelectField>
              {step.due.kind === 'delay' ? (
                <>
                  <TextField
                    id={`${base}-due-amount`}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    step={1}
                    label={intl.formatMessage({ id: 'playbook.due.amount' })}
                    value={step.due.amount}
                    onChange={(e) => setDue({ amount: e.target.value })}
                    error={dueError}
                  />
                  <SelectField
                    id={`${base}-due-unit`}
                    label={intl.formatMessage({ id: 'playbook.due.unit' })}
                    value={step.due.unit}
                    onChange={(e) => setDue({ unit: e.target.value as 'h' | 'bd' })}
                  >
                    <option value="h">{intl.formatMessage({ id: 'playbook.due.unit.h' })}</option>
                    <option value="bd">{intl.formatMessage({ id: 'playbook.due.unit.bd' })}</option>
                  </SelectField>
                </>
              ) : null}
            </div>
          </fieldset>

          <ConditionEditor
            base={base}
            condition={step.condition}
            facts={vocabulary.facts}
            error={err('appliesWhen')}
            onChange={(condition) => onChange({ condition })}
          />

          <SelectField
            id={`${base}-completion`}
            label={intl.formatMessage({ id: 'playbook.field.completion' })}
            hint={intl.formatMessage({ id: 'playbook.field.completionHint' })}
            value={step.completion}
            onChange={(e) => onChange({ completion: e.target.value })}
            error={err('completion')}
          >
            {completions.map((c) => (
              <option key={c} value={c}>
                {completionLabel(intl, c)}
              </option>
            ))}
          </SelectField>

          <ChoiceGroup
            id={`${base}-escalation`}
            legend={<FormattedMessage id="playbook.escalation.legend" />}
            hint={<FormattedMessage id="playbook.escalation.hint" />}
            error={err('escalation')}
          >
            {step.escalation.length === 0 ? (
              <p className="muted">
                <FormattedMessage id="playbook.escalation.none" />
              </p>
            ) : (
              <ol className="escalation-list">
                {step.escalation.map((level, j) => {
                  const targets = vocabulary.escalationTargets.includes(level.target)
                    ? vocabulary.escalationTargets
                    : [level.target, ...vocabulary.escalationTargets];
                  return (
                    <li key={level.uid} className="escalation-list__item">
                      <SelectField
                        id={`${base}-escalation-${j}`}
                        label={intl.formatMessage({ id: 'playbook.escalation.level' }, { n: j + 1 })}
                        value={level.target}
                        onChange={(e) =>
                          onChange({ escalation: step.escalation.map((l) => (l.uid === level.uid ? { ...l, target: e.target.value } : l)) })
                        }
                      >
                        {targets.map((t) => (
                          <option key={t} value={t}>
                            {escalationLabel(intl, t)}
                          </option>
                        ))}
                      </SelectField>
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        onClick={() => onChange({ escalation: step.escalation.filter((l) => l.uid !== level.uid) })}
                      >
                        <FormattedMessage id="playbook.escalation.remove" values={{ n: j + 1 }} />
                      </button>
                    </li>
                  );
                })}
              </ol>
            )}
            {step.escalation.length < MAX_ESCALATION ? (
              <p>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() =>
                    onChange({ escalation: [...step.escalation, { uid: newUid(), target: vocabulary.escalationTargets[0] ?? 'assignee' }] })
                  }
                >
                  <FormattedMessage id="playbook.escalation.add" />
                </button>
              </p>
            ) : null}
          </ChoiceGroup>

          <ChoiceGroup
            id={`${base}-depends`}
            legend={<FormattedMessage id="playbook.depends.legend" />}
            hint={<FormattedMessage id="playbook.depends.hint" />}
            error={err('dependsOn')}
            columns
          >
            {others.length === 0 && unknownDeps.length === 0 ? (
              <p className="muted">
                <FormattedMessage id="playbook.depends.none" />
              </p>
            ) : null}
            {others.map((o) => {
              const key = o.key.trim();
              return (
                <Checkbox
                  key={o.uid}
                  id={`${base}-depends-${o.uid}`}
                  label={
                    <>
                      <span className="step-ref">{key}</span> {o.titleFr}
                    </>
                  }
                  checked={step.dependsOn.includes(key)}
                  onChange={(e) =>
                    onChange({ dependsOn: e.target.checked ? [...step.dependsOn, key] : step.dependsOn.filter((d) => d !== key) })
                  }
                />
              );
            })}
            {unknownDeps.map((d) => (
              <Checkbox
                key={`unknown-${d}`}
                id={`${base}-depends-unknown-${d}`}
                label={<FormattedMessage id="playbook.depends.unknown" values={{ key: d }} />}
                checked
                onChange={() => onChange({ dependsOn: step.dependsOn.filter((x) => x !== d) })}
              />
            ))}
          </ChoiceGroup>

          <ChoiceGroup id={`${base}-options`} legend={<FormattedMessage id="playbook.options.legend" />}>
            <Checkbox
              id={`${base}-per-location`}
              label={<FormattedMessage id="playbook.field.perLocation" />}
              hint={<FormattedMessage id="playbook.field.perLocationHint" />}
              checked={step.perLocation}
              onChange={(e) => onChange({ perLocation: e.target.checked })}
            />
            <Checkbox
              id={`${base}-optional`}
              label={<FormattedMessage id="playbook.field.optional" />}
              hint={<FormattedMessage id="playbook.field.optionalHint" />}
              checked={step.optional}
              onChange={(e) => onChange({ optional: e.target.checked })}
            />
          </ChoiceGroup>

          <div className="step__danger">
            <ConfirmButton
              confirmLabel={<FormattedMessage id="playbook.step.removeConfirm" values={{ key: keyLabel }} />}
              onConfirm={onRemove}
            >
              <FormattedMessage id="playbook.step.remove" values={{ key: keyLabel }} />
            </ConfirmButton>
          </div>
        </div>
      ) : null}
    </li>
  );
}
