// /admin/personnel/nouvelle and /admin/personnel/:id: one entry of the staff directory. Creating
// leads to the new entry's page; deleting (two steps) back to the directory. A person whose login
// is active cannot be deleted (409, the API says so).
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { ConfirmButton } from '../../ui/confirm-button';
import { DateTime } from '../../ui/date-time';
import { TextField } from '../../ui/field';
import { Section } from '../../ui/section';
import { type AdminLocale, adminApi, adminLocales, type Person } from './admin-api';
import { AdminPage } from './admin-page';
import { useFocusInvalid, SelectField } from './fields';
import { LoadState } from './load-state';
import { type Lookups, useLookups } from './lookups';
import { adminPaths } from './paths';

export interface PersonValues {
  fullName: string;
  email: string;
  unitId: string;
  jobTitle: string;
  associationId: string;
  employeeNumber: string;
  /** '' = the organisation's default language (new persons only). */
  preferredLocale: AdminLocale | '';
}

export function personValues(person: Person | undefined): PersonValues {
  return {
    fullName: person?.fullName ?? '',
    email: person?.email ?? '',
    unitId: person?.unitId ?? '',
    jobTitle: person?.jobTitle ?? '',
    associationId: person?.associationId ?? '',
    employeeNumber: person?.employeeNumber ?? '',
    preferredLocale: person?.preferredLocale ?? '',
  };
}

/** The request body: empty selects and employee number become null (cleared). */
export function personBody(v: PersonValues) {
  return {
    fullName: v.fullName.trim(),
    email: v.email.trim(),
    unitId: v.unitId || null,
    jobTitle: v.jobTitle.trim(),
    associationId: v.associationId || null,
    employeeNumber: v.employeeNumber.trim() || null,
    ...(v.preferredLocale ? { preferredLocale: v.preferredLocale } : {}),
  };
}

/**
 * The fields of a directory entry, also used by the login form for a new person. `prefix` keeps
 * ids unique; `errorPath` maps a field to the API's path (`person.email` in the login form).
 */
export function PersonFields({
  prefix,
  values,
  onChange,
  lookups,
  error,
  errorPath = (f) => f,
  missing,
  allowDefaultLocale = false,
}: {
  prefix: string;
  /** Offer "the organisation's language" (creating a person). */
  allowDefaultLocale?: boolean;
  values: PersonValues;
  onChange(values: PersonValues): void;
  lookups: Lookups | undefined;
  error: unknown;
  errorPath?: (field: string) => string;
  missing: ReadonlySet<string>;
}) {
  const intl = useIntl();
  const required = intl.formatMessage({ id: 'common.field.required' });
  const err = (field: string) => (missing.has(field) ? required : fieldError(error, errorPath(field)));
  const set = (patch: Partial<PersonValues>) => onChange({ ...values, ...patch });
  return (
    <>
      <TextField
        id={`${prefix}-full-name`}
        label={intl.formatMessage({ id: 'admin.person.fullName' })}
        value={values.fullName}
        maxLength={200}
        autoComplete="off"
        onChange={(e) => set({ fullName: e.target.value })}
        error={err('fullName')}
        required
      />
      <TextField
        id={`${prefix}-email`}
        type="email"
        label={intl.formatMessage({ id: 'admin.person.email' })}
        value={values.email}
        maxLength={320}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => set({ email: e.target.value })}
        error={err('email')}
        required
      />
      <SelectField
        id={`${prefix}-unit`}
        label={intl.formatMessage({ id: 'admin.person.unit' })}
        value={values.unitId}
        onChange={(e) => set({ unitId: e.target.value })}
        error={err('unitId')}
      >
        <option value="">{intl.formatMessage({ id: 'admin.person.noUnit' })}</option>
        {lookups?.units.map((u) => (
          <option key={u.id} value={u.id}>
            {lookups.unitName(u.id)}
          </option>
        ))}
      </SelectField>
      <TextField
        id={`${prefix}-job-title`}
        label={intl.formatMessage({ id: 'admin.person.jobTitle' })}
        value={values.jobTitle}
        maxLength={200}
        autoComplete="off"
        onChange={(e) => set({ jobTitle: e.target.value })}
        error={err('jobTitle')}
      />
      <SelectField
        id={`${prefix}-association`}
        label={intl.formatMessage({ id: 'admin.person.association' })}
        value={values.associationId}
        onChange={(e) => set({ associationId: e.target.value })}
        error={err('associationId')}
      >
        <option value="">{intl.formatMessage({ id: 'admin.person.noAssociation' })}</option>
        {lookups?.associations.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </SelectField>
      <TextField
        id={`${prefix}-employee-number`}
        label={intl.formatMessage({ id: 'admin.person.employeeNumber' })}
        hint={intl.formatMessage({ id: 'admin.person.employeeNumberHint' })}
        value={values.employeeNumber}
        maxLength={64}
        autoComplete="off"
        onChange={(e) => set({ employeeNumber: e.target.value })}
        error={err('employeeNumber')}
      />
      <SelectField
        id={`${prefix}-locale`}
        label={intl.formatMessage({ id: 'admin.person.locale' })}
        value={values.preferredLocale}
        onChange={(e) => set({ preferredLocale: e.target.value as AdminLocale | '' })}
        error={err('preferredLocale')}
      >
        {values.preferredLocale === '' || allowDefaultLocale ? (
          <option value="">{intl.formatMessage({ id: 'admin.person.localeDefault' })}</option>
        ) : null}
        {adminLocales.map((l) => (
          <option key={l} value={l}>
            {intl.formatMessage({ id: `admin.locale.${l}` })}
          </option>
        ))}
      </SelectField>
    </>
  );
}

export function missingPersonFields(v: PersonValues): Set<string> {
  const missing = new Set<string>();
  if (!v.fullName.trim()) missing.add('fullName');
  if (!v.email.trim()) missing.add('email');
  return missing;
}

const personFieldNames = ['fullName', 'email', 'unitId', 'jobTitle', 'associationId', 'employeeNumber', 'preferredLocale'];

function PersonForm({ person, lookups }: { person: Person | undefined; lookups: Lookups | undefined }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [values, setValues] = useState(() => personValues(person));
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const { ref: form, focusInvalid } = useFocusInvalid();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const absent = missingPersonFields(values);
    setMissing(absent);
    if (absent.size > 0) {
      focusInvalid();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (person) {
        const updated = await adminApi.updatePerson(person.id, personBody(values));
        setValues(personValues(updated));
        setSaved(true);
      } else {
        const createdPerson = await adminApi.createPerson(personBody(values));
        navigate(adminPaths.person(createdPerson.id), { state: { created: true } });
      }
    } catch (caught) {
      setError(caught);
      focusInvalid();
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!person) return;
    setDeleteError(null);
    try {
      await adminApi.deletePerson(person.id);
      navigate(adminPaths.persons, { state: { notice: intl.formatMessage({ id: 'admin.person.deleted' }, { name: person.fullName }) } });
    } catch (caught) {
      setDeleteError(caught);
    }
  }

  return (
    <div className="stack">
      {created ? <Alert kind="success" title={<FormattedMessage id="admin.person.created" />} /> : null}
      <Section id="fiche" title={<FormattedMessage id="admin.person.formTitle" />}>
        {error && !personFieldNames.some((f) => fieldError(error, f)) ? <Alert kind="error" title={errorText(error)} /> : null}
        <form ref={form} noValidate className="form" onSubmit={(e) => void submit(e)}>
          <PersonFields
            prefix="person"
            values={values}
            onChange={(v) => {
              setValues(v);
              setSaved(false);
            }}
            lookups={lookups}
            error={error}
            missing={missing}
            allowDefaultLocale={!person}
          />
          <div className="form__actions form__actions--inline">
            <button type="submit" className="button button--primary" disabled={busy}>
              <FormattedMessage id={person ? 'common.save' : 'admin.person.createButton'} />
            </button>
            <span role="status" className="form__status">
              {saved ? <FormattedMessage id="admin.saved" /> : null}
            </span>
          </div>
        </form>
      </Section>
      {person ? (
        <>
          <Section id="compte" title={<FormattedMessage id="admin.person.login.title" />}>
            {person.userId ? (
              <p>
                <FormattedMessage id="admin.person.login.yes" />{' '}
                <Link to={adminPaths.user(person.userId)}>
                  <FormattedMessage id="admin.person.login.open" />
                </Link>
              </p>
            ) : (
              <>
                <p>
                  <FormattedMessage id="admin.person.login.no" />
                </p>
                <p>
                  <Link to={`${adminPaths.newUser}?personne=${encodeURIComponent(person.id)}`} className="button button--secondary">
                    <FormattedMessage id="admin.person.login.create" />
                  </Link>
                </p>
              </>
            )}
            <p className="muted">
              <FormattedMessage id="admin.person.updatedAt" values={{ when: <DateTime value={person.updatedAt} /> }} />
            </p>
          </Section>
          <Section
            id="supprimer"
            title={<FormattedMessage id="admin.person.delete.title" />}
            intro={<FormattedMessage id="admin.person.delete.intro" />}
          >
            {deleteError ? <Alert kind="error" title={errorText(deleteError)} /> : null}
            <ConfirmButton confirmLabel={<FormattedMessage id="admin.person.delete.confirm" />} onConfirm={remove}>
              <FormattedMessage id="admin.person.delete.button" />
            </ConfirmButton>
          </Section>
        </>
      ) : null}
    </div>
  );
}

/** Keyed by the id: /nouvelle → /:id (after creating) or one person to another is a fresh screen. */
export default function PersonPage() {
  const { id } = useParams();
  return <PersonScreen key={id ?? 'new'} id={id} />;
}

function PersonScreen({ id }: { id: string | undefined }) {
  const intl = useIntl();
  const { lookups } = useLookups();
  const isNew = !id;
  const data = useApiData(() => (id ? adminApi.person(id) : Promise.resolve(undefined)));
  const notFound = isApiError(data.error, 'not_found') || isApiError(data.error, 'invalid_input');
  const title = isNew
    ? intl.formatMessage({ id: 'admin.person.newTitle' })
    : (data.data?.fullName ?? intl.formatMessage({ id: 'admin.person.title' }));
  return (
    <AdminPage title={title}>
      <p>
        <Link to={adminPaths.persons}>
          <FormattedMessage id="admin.person.back" />
        </Link>
      </p>
      {isNew ? (
        <PersonForm person={undefined} lookups={lookups} />
      ) : notFound ? (
        <Alert kind="error" title={<FormattedMessage id="admin.person.notFound" />} />
      ) : !data.data ? (
        <LoadState error={data.error} onRetry={() => void data.reload()} />
      ) : (
        <PersonForm key={data.data.id} person={data.data} lookups={lookups} />
      )}
    </AdminPage>
  );
}
