// The form of one record type, to add a record or correct one (a correction is a new version:
// PATCH with the version read; 409 stale_version when someone saved in between — the panel then
// reads the record again and this form keeps what was typed). Required fields are checked here
// first; the server's own messages (`fields`, paths `data.<name>`) are shown on their field.
// Date-times are typed in the organisation's time zone.
import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { instigatorKinds } from '../cases/api';
import { audiences, type CreateRecordInput, meansList, type RecordJson, type RecordType, recordsApi } from './api';
import { isoToWallTime, todayIn, wallTimeToIso, zoneName } from './zoned-time';

type Values = Record<string, string | boolean>;

interface FieldDef {
  name: string;
  kind: 'text' | 'textarea' | 'datetime' | 'date' | 'select' | 'checkbox' | 'lines';
  required?: boolean;
  max?: number;
  options?: readonly string[];
  /** Catalogue group of the options' labels (`records.<group>.<option>`). */
  optionIds?: string;
}

const fieldsOf: Record<RecordType, FieldDef[]> = {
  meeting: [
    { name: 'occurredAt', kind: 'datetime', required: true },
    { name: 'attendees', kind: 'lines' },
    { name: 'eapReminderGiven', kind: 'checkbox' },
    { name: 'outcome', kind: 'textarea', max: 20_000 },
    { name: 'location', kind: 'text', max: 500 },
    { name: 'withInstigator', kind: 'select' },
  ],
  instigator: [
    { name: 'kind', kind: 'select', required: true, options: instigatorKinds, optionIds: 'instigatorKind' },
    { name: 'name', kind: 'text', max: 200 },
    { name: 'relation', kind: 'text', max: 200 },
  ],
  parent_contact: [
    { name: 'occurredAt', kind: 'datetime', required: true },
    { name: 'means', kind: 'select', required: true, options: meansList, optionIds: 'means' },
    { name: 'summary', kind: 'textarea', required: true, max: 20_000 },
  ],
  police_report: [
    { name: 'service', kind: 'text', required: true, max: 200 },
    { name: 'fileNumber', kind: 'text', max: 100 },
    { name: 'officer', kind: 'text', max: 200 },
    { name: 'reportedAt', kind: 'date', required: true },
  ],
  legal_consultation: [
    { name: 'counsel', kind: 'text', required: true, max: 200 },
    { name: 'occurredAt', kind: 'datetime', required: true },
    { name: 'summary', kind: 'textarea', required: true, max: 20_000 },
  ],
  communication_draft: [
    { name: 'audience', kind: 'select', required: true, options: audiences, optionIds: 'audience' },
    { name: 'title', kind: 'text', required: true, max: 300 },
    { name: 'body', kind: 'textarea', required: true, max: 50_000 },
  ],
  note: [{ name: 'text', kind: 'textarea', required: true, max: 20_000 }],
};

function initialValues(type: RecordType, record: RecordJson | undefined, timeZone: string | undefined): Values {
  const data = (record?.data ?? {}) as Record<string, unknown>;
  const values: Values = {};
  for (const f of fieldsOf[type]) {
    const v = data[f.name];
    if (f.kind === 'checkbox') values[f.name] = v === true;
    else if (f.kind === 'lines') values[f.name] = Array.isArray(v) ? v.join('\n') : '';
    else if (f.kind === 'datetime')
      values[f.name] = typeof v === 'string' ? isoToWallTime(v, timeZone) : isoToWallTime(new Date(), timeZone);
    else if (f.kind === 'date') values[f.name] = typeof v === 'string' ? v : todayIn(timeZone);
    else if (f.kind === 'select' && f.options && typeof v !== 'string') values[f.name] = f.options[0] ?? '';
    else values[f.name] = typeof v === 'string' ? v : '';
  }
  return values;
}

/** The form's values → the record's data (optional fields left out when empty). */
function toData(type: RecordType, values: Values, timeZone: string | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const f of fieldsOf[type]) {
    const v = values[f.name];
    if (f.kind === 'checkbox') data[f.name] = v === true;
    else if (f.kind === 'lines')
      data[f.name] = String(v ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    else if (f.kind === 'datetime') {
      const iso = wallTimeToIso(String(v ?? ''), timeZone);
      if (iso) data[f.name] = iso;
    } else {
      const text = String(v ?? '').trim();
      if (text || f.name === 'outcome') data[f.name] = text;
    }
  }
  return data;
}

export function RecordForm({
  caseId,
  type,
  record,
  instigators,
  onSaved,
  onStale,
  onCancel,
}: {
  caseId: string;
  type: RecordType;
  /** The record corrected (its current version); absent to add one. */
  record?: RecordJson | undefined;
  /** Instigator records of the case, for a meeting with one of them (step 4.2.3). */
  instigators: readonly RecordJson[];
  onSaved(record: RecordJson): void | Promise<void>;
  /** Someone saved the record in between: read it again (this form keeps its values). */
  onStale(): void | Promise<void>;
  onCancel(): void;
}) {
  const intl = useIntl();
  const errorText = useErrorText();
  const uid = useId();
  const timeZone = intl.timeZone;
  const [values, setValues] = useState<Values>(() => initialValues(type, record, timeZone));
  const [isPrivate, setPrivate] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const id = (name: string) => `${uid}-${name}`;
  const fields = fieldsOf[type].filter((f) => f.name !== 'withInstigator' || instigators.length > 0 || values.withInstigator);

  function set(name: string, value: string | boolean) {
    setValues((old) => ({ ...old, [name]: value }));
  }

  function focusField(name: string) {
    window.setTimeout(() => form.current?.querySelector<HTMLElement>(`#${CSS.escape(id(name))}`)?.focus(), 0);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const empty = fields.filter((f) => f.required && !String(values[f.name] ?? '').trim()).map((f) => f.name);
    setMissing(empty);
    if (empty[0]) {
      focusField(empty[0]);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const data = toData(type, values, timeZone);
      const saved = record
        ? await recordsApi.update(record.id, data, record.version)
        : await recordsApi.create(caseId, { type, data, ...(type === 'note' && isPrivate ? { private: true } : {}) } as CreateRecordInput);
      await onSaved(saved);
    } catch (caught) {
      setError(caught);
      if (isApiError(caught, 'stale_version')) await onStale();
      else if (isApiError(caught, 'invalid_input')) {
        const first = fields.find((f) => fieldMessage(caught, f.name));
        if (first) focusField(first.name);
      }
    } finally {
      setBusy(false);
    }
  }

  function fieldMessage(err: unknown, name: string): string | undefined {
    if (!isApiError(err, 'invalid_input')) return undefined;
    return err.fields.find((f) => f.path === `data.${name}` || f.path.startsWith(`data.${name}.`))?.message;
  }

  const fieldError = (name: string) =>
    missing.includes(name) ? intl.formatMessage({ id: 'common.field.required' }) : fieldMessage(error, name);
  const hasFieldErrors = fields.some((f) => fieldError(f.name));
  const zone = zoneName(timeZone, intl.locale);

  function renderField(f: FieldDef): ReactNode {
    const err = fieldError(f.name);
    const label = (
      <>
        <FormattedMessage id={`records.field.${type}.${f.name}`} />
        {!f.required && f.kind !== 'checkbox' ? (
          <span className="field__optional">
            {' '}
            <FormattedMessage id="records.field.optional" />
          </span>
        ) : null}
      </>
    );
    const hintId = `${id(f.name)}-hint`;
    const errorId = `${id(f.name)}-error`;
    const hint =
      f.kind === 'datetime' ? (
        <FormattedMessage id="records.field.timeZoneHint" values={{ zone }} />
      ) : f.kind === 'lines' ? (
        <FormattedMessage id="records.field.linesHint" />
      ) : null;
    const describedBy = [hint ? hintId : '', err ? errorId : ''].filter(Boolean).join(' ') || undefined;
    const common = {
      id: id(f.name),
      'aria-invalid': err ? true : undefined,
      'aria-describedby': describedBy,
    } as const;
    const value = String(values[f.name] ?? '');

    if (f.kind === 'checkbox') {
      return (
        <div key={f.name} className={`field${err ? ' field--invalid' : ''}`}>
          <label className="choice choice--card">
            <input type="checkbox" {...common} checked={values[f.name] === true} onChange={(e) => set(f.name, e.target.checked)} />
            <span>
              <span className="choice__title">{label}</span>
              <span className="choice__meta">
                <FormattedMessage id={`records.field.${type}.${f.name}.hint`} />
              </span>
            </span>
          </label>
          {err ? (
            <p className="field__error" id={errorId}>
              {err}
            </p>
          ) : null}
        </div>
      );
    }

    let control: ReactNode;
    if (f.kind === 'textarea' || f.kind === 'lines') {
      control = (
        <textarea
          {...common}
          rows={f.kind === 'lines' ? 3 : f.name === 'body' ? 10 : 4}
          maxLength={f.max}
          value={value}
          onChange={(e) => set(f.name, e.target.value)}
        />
      );
    } else if (f.kind === 'select') {
      const options = f.name === 'withInstigator' ? null : (f.options ?? []);
      control = (
        <select {...common} value={value} onChange={(e) => set(f.name, e.target.value)}>
          {options
            ? options.map((o) => (
                <option key={o} value={o}>
                  {intl.formatMessage({ id: `records.${f.optionIds}.${o}` })}
                </option>
              ))
            : [
                <option key="" value="">
                  {intl.formatMessage({ id: 'records.field.meeting.withInstigator.none' })}
                </option>,
                ...instigators.map((r) => (
                  <option key={r.id} value={r.id}>
                    {instigatorLabel(r, intl.formatMessage)}
                  </option>
                )),
              ]}
        </select>
      );
    } else {
      control = (
        <input
          {...common}
          type={f.kind === 'datetime' ? 'datetime-local' : f.kind === 'date' ? 'date' : 'text'}
          maxLength={f.max}
          value={value}
          onChange={(e) => set(f.name, e.target.value)}
        />
      );
    }
    return (
      <div key={f.name} className={`field${err ? ' field--invalid' : ''}`}>
        <label htmlFor={id(f.name)}>{label}</label>
        {hint ? (
          <p className="field__hint" id={hintId}>
            {hint}
          </p>
        ) : null}
        {err ? (
          <p className="field__error" id={errorId}>
            {err}
          </p>
        ) : null}
        {control}
      </div>
    );
  }

  const stale = isApiError(error, 'stale_version');
  return (
    <form ref={form} noValidate className="form record-form" onSubmit={(e) => void submit(e)}>
      {error && (stale || !hasFieldErrors) ? (
        <Alert kind={stale ? 'warning' : 'error'} title={stale ? intl.formatMessage({ id: 'records.stale' }) : errorText(error)} />
      ) : null}
      {fields.map(renderField)}
      {type === 'note' && !record ? (
        <label className="choice choice--card">
          <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} />
          <span>
            <span className="choice__title">
              <FormattedMessage id="records.field.note.private" />
            </span>
            <span className="choice__meta">
              <FormattedMessage id="records.field.note.private.hint" />
            </span>
          </span>
        </label>
      ) : null}
      <div className="form__actions form__actions--inline">
        <button type="submit" className="button" disabled={busy}>
          <FormattedMessage id={record ? 'records.form.saveVersion' : 'records.form.add'} />
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          <FormattedMessage id="common.cancel" />
        </button>
      </div>
    </form>
  );
}

export function instigatorLabel(r: RecordJson, format: (d: { id: string }) => string): string {
  if (r.type !== 'instigator') return '';
  const kind = format({ id: `records.instigatorKind.${r.data.kind}` });
  return [kind, r.data.name, r.data.relation].filter(Boolean).join(' — ');
}
