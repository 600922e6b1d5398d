// /admin/unites: units (schools and services) and associations (unions, managers). Both are
// named things with a kind (and, for units, an optional short code); each list edits in place and
// deletes in two steps. The API refuses (409) to delete one that still has people or roles, and
// its message says how many.
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useApiData } from '../../api/use-api-data';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { ConfirmButton } from '../../ui/confirm-button';
import { TextField } from '../../ui/field';
import { Section } from '../../ui/section';
import { adminApi } from './admin-api';
import { AdminPage } from './admin-page';
import { useFocusInvalid, SelectField } from './fields';
import { LoadState } from './load-state';
import { adminPaths } from './paths';

interface Named {
  id: string;
  name: string;
  kind: string;
  code?: string | null;
  personCount: number;
}

interface Values {
  name: string;
  kind: string;
  code: string;
}

interface EntityConfig {
  /** Catalogue ids: admin.<area>.title, admin.<area>.kind.<kind>… */
  area: 'units' | 'associations';
  idPrefix: string;
  kinds: readonly string[];
  hasCode: boolean;
  /** Directory filter for "see the people". */
  filterParam: 'unite' | 'association';
  list(): Promise<Named[]>;
  create(values: Values): Promise<unknown>;
  update(id: string, values: Values): Promise<unknown>;
  remove(id: string): Promise<unknown>;
}

const unitsConfig: EntityConfig = {
  area: 'units',
  idPrefix: 'unit',
  kinds: ['school', 'service'],
  hasCode: true,
  filterParam: 'unite',
  list: adminApi.units,
  create: (v) => adminApi.createUnit({ name: v.name.trim(), kind: v.kind as 'school' | 'service', code: v.code.trim() || null }),
  update: (id, v) => adminApi.updateUnit(id, { name: v.name.trim(), kind: v.kind as 'school' | 'service', code: v.code.trim() || null }),
  remove: adminApi.deleteUnit,
};

const associationsConfig: EntityConfig = {
  area: 'associations',
  idPrefix: 'association',
  kinds: ['union', 'managers'],
  hasCode: false,
  filterParam: 'association',
  list: adminApi.associations,
  create: (v) => adminApi.createAssociation({ name: v.name.trim(), kind: v.kind as 'union' | 'managers' }),
  update: (id, v) => adminApi.updateAssociation(id, { name: v.name.trim(), kind: v.kind as 'union' | 'managers' }),
  remove: adminApi.deleteAssociation,
};

function EntityForm({
  config,
  formId,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  autoFocus = false,
}: {
  config: EntityConfig;
  formId: string;
  initial: Values;
  submitLabel: ReactNode;
  onSubmit(values: Values): Promise<void>;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [values, setValues] = useState(initial);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { ref: form, focusInvalid } = useFocusInvalid();
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (autoFocus) nameInput.current?.focus();
  }, [autoFocus]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!values.name.trim()) {
      setMissing(true);
      nameInput.current?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
      setValues(initial);
    } catch (caught) {
      setError(caught);
      focusInvalid();
    } finally {
      setBusy(false);
    }
  }

  const p = `admin.${config.area}`;
  return (
    <form ref={form} noValidate className="form" onSubmit={(e) => void submit(e)}>
      {error && !['name', 'kind', 'code'].some((f) => fieldError(error, f)) ? <Alert kind="error" title={errorText(error)} /> : null}
      <TextField
        ref={nameInput}
        id={`${formId}-name`}
        label={intl.formatMessage({ id: `${p}.name` })}
        value={values.name}
        maxLength={200}
        autoComplete="off"
        onChange={(e) => setValues({ ...values, name: e.target.value })}
        error={missing ? intl.formatMessage({ id: 'common.field.required' }) : fieldError(error, 'name')}
        required
      />
      <SelectField
        id={`${formId}-kind`}
        label={intl.formatMessage({ id: `${p}.kind` })}
        value={values.kind}
        onChange={(e) => setValues({ ...values, kind: e.target.value })}
        error={fieldError(error, 'kind')}
      >
        {config.kinds.map((k) => (
          <option key={k} value={k}>
            {intl.formatMessage({ id: `${p}.kind.${k}` })}
          </option>
        ))}
      </SelectField>
      {config.hasCode ? (
        <TextField
          id={`${formId}-code`}
          label={intl.formatMessage({ id: 'admin.units.code' })}
          hint={intl.formatMessage({ id: 'admin.units.codeHint' })}
          value={values.code}
          maxLength={32}
          autoComplete="off"
          onChange={(e) => setValues({ ...values, code: e.target.value })}
          error={fieldError(error, 'code')}
        />
      ) : null}
      <div className="form__actions form__actions--inline">
        <button type="submit" className="button button--primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button--ghost" onClick={onCancel}>
            <FormattedMessage id="common.cancel" />
          </button>
        ) : null}
      </div>
    </form>
  );
}

function EntitySection({ config, sectionId }: { config: EntityConfig; sectionId: string }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const list = useApiData(config.list);
  const [editing, setEditing] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; error: unknown } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const p = `admin.${config.area}`;

  function stopEditing(id: string) {
    setEditing(null);
    window.requestAnimationFrame(() => editButtons.current.get(id)?.focus());
  }

  async function remove(item: Named) {
    setRowError(null);
    setNotice(null);
    try {
      await config.remove(item.id);
      setNotice(intl.formatMessage({ id: `${p}.deleted` }, { name: item.name }));
      await list.reload();
    } catch (caught) {
      setRowError({ id: item.id, error: caught });
    }
  }

  return (
    <Section id={sectionId} title={<FormattedMessage id={`${p}.title`} />} intro={<FormattedMessage id={`${p}.intro`} />}>
      <p role="status" className="form__status">
        {notice}
      </p>
      {!list.data ? (
        <LoadState error={list.error} onRetry={() => void list.reload()} />
      ) : list.data.length === 0 ? (
        <p className="muted">
          <FormattedMessage id={`${p}.none`} />
        </p>
      ) : (
        <ul className="item-list">
          {list.data.map((item) => (
            <li key={item.id} className="item-list__item item-list__item--wide">
              {editing === item.id ? (
                <div className="item-list__main">
                  <p className="item-list__title">
                    <FormattedMessage id={`${p}.editTitle`} values={{ name: item.name }} />
                  </p>
                  <EntityForm
                    config={config}
                    formId={`${config.idPrefix}-edit-${item.id}`}
                    initial={{ name: item.name, kind: item.kind, code: item.code ?? '' }}
                    submitLabel={<FormattedMessage id="common.save" />}
                    autoFocus
                    onSubmit={async (values) => {
                      await config.update(item.id, values);
                      setNotice(intl.formatMessage({ id: 'admin.saved' }));
                      await list.reload();
                      stopEditing(item.id);
                    }}
                    onCancel={() => stopEditing(item.id)}
                  />
                </div>
              ) : (
                <>
                  <div className="item-list__main">
                    <p className="item-list__title">
                      {item.name}
                      {item.code ? <span className="item-list__code">{item.code}</span> : null}
                    </p>
                    <p className="item-list__meta">
                      <FormattedMessage id={`${p}.kind.${item.kind}`} />
                      {' · '}
                      <Link to={`${adminPaths.persons}?${config.filterParam}=${encodeURIComponent(item.id)}`}>
                        <FormattedMessage id="admin.units.persons" values={{ count: item.personCount }} />
                      </Link>
                    </p>
                    {rowError?.id === item.id ? <Alert kind="error" title={errorText(rowError.error)} /> : null}
                  </div>
                  <div className="item-list__actions">
                    <button
                      ref={(el) => {
                        if (el) editButtons.current.set(item.id, el);
                        else editButtons.current.delete(item.id);
                      }}
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => {
                        setRowError(null);
                        setNotice(null);
                        setEditing(item.id);
                      }}
                    >
                      <FormattedMessage id="admin.edit" />
                      <span className="visually-hidden"> {item.name}</span>
                    </button>
                    <ConfirmButton confirmLabel={<FormattedMessage id="admin.deleteConfirm" />} onConfirm={() => remove(item)}>
                      <FormattedMessage id="admin.delete" />
                      <span className="visually-hidden"> {item.name}</span>
                    </ConfirmButton>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="form--boxed">
        <h3 className="form__title">
          <FormattedMessage id={`${p}.create`} />
        </h3>
        <EntityForm
          config={config}
          formId={`${config.idPrefix}-new`}
          initial={{ name: '', kind: config.kinds[0] ?? '', code: '' }}
          submitLabel={<FormattedMessage id={`${p}.createButton`} />}
          onSubmit={async (values) => {
            setRowError(null);
            await config.create(values);
            setNotice(intl.formatMessage({ id: `${p}.created` }, { name: values.name.trim() }));
            await list.reload();
          }}
        />
      </div>
    </Section>
  );
}

export default function UnitsPage() {
  const intl = useIntl();
  return (
    <AdminPage title={intl.formatMessage({ id: 'admin.units.pageTitle' })} intro={<FormattedMessage id="admin.units.pageIntro" />}>
      <div className="stack">
        <EntitySection config={unitsConfig} sectionId="unites" />
        <EntitySection config={associationsConfig} sectionId="associations" />
      </div>
    </AdminPage>
  );
}
