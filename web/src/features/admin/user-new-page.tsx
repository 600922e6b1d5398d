// /admin/comptes/nouveau[?personne=<id>]: a login for a person of the directory (found by a search
// among those without one), or for a new person created with it. Without a password the person
// sets one with the "forgotten password" e-mail. Roles are then given on the login's page.
import { type FormEvent, useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { MIN_PASSWORD_LENGTH } from '../../api/account';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { TextField } from '../../ui/field';
import { Section } from '../../ui/section';
import { type AdminLocale, adminApi, adminLocales, type Person } from './admin-api';
import { AdminPage } from './admin-page';
import { Checkbox, ChoiceGroup, useFocusInvalid, SelectField } from './fields';
import { useLookups } from './lookups';
import { adminPaths } from './paths';
import { missingPersonFields, PersonFields, personBody, personValues } from './person-page';

function PersonPicker({
  selected,
  onSelect,
  error,
}: {
  selected: Person | undefined;
  onSelect(person: Person | undefined): void;
  error: string | undefined;
}) {
  const intl = useIntl();
  const errorText = useErrorText();
  const { lookups } = useLookups();
  const [text, setText] = useState('');
  const [results, setResults] = useState<Person[] | undefined>(undefined);
  const [total, setTotal] = useState(0);
  const [searchError, setSearchError] = useState<unknown>(null);

  async function search() {
    setSearchError(null);
    try {
      const page = await adminApi.persons({ q: text.trim() || undefined, hasLogin: false, limit: 10 });
      setResults(page.items);
      setTotal(page.total);
    } catch (caught) {
      setSearchError(caught);
    }
  }

  const shown = results ?? [];
  const choices = selected && !shown.some((p) => p.id === selected.id) ? [selected, ...shown] : shown;
  return (
    <div className="stack-small">
      <div className="inline-search">
        <TextField
          id="new-user-person-q"
          type="search"
          label={intl.formatMessage({ id: 'admin.newUser.findPerson' })}
          hint={intl.formatMessage({ id: 'admin.newUser.findPersonHint' })}
          value={text}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            // Enter searches here instead of submitting the whole form.
            if (e.key === 'Enter') {
              e.preventDefault();
              void search();
            }
          }}
        />
        <button type="button" className="button button--secondary" onClick={() => void search()}>
          <FormattedMessage id="admin.persons.searchButton" />
        </button>
      </div>
      {searchError ? <Alert kind="error" title={errorText(searchError)} /> : null}
      <p role="status" className="results-status">
        {results ? (
          results.length === 0 ? (
            <FormattedMessage id="admin.newUser.noPerson" />
          ) : (
            <FormattedMessage id="admin.newUser.found" values={{ shown: results.length, total }} />
          )
        ) : null}
      </p>
      {choices.length > 0 ? (
        <ChoiceGroup id="new-user-person" legend={<FormattedMessage id="admin.newUser.person" />} error={error}>
          {choices.map((p) => (
            <label key={p.id} className="choice choice--card" htmlFor={`new-user-person-${p.id}`}>
              <input
                type="radio"
                id={`new-user-person-${p.id}`}
                name="new-user-person"
                checked={selected?.id === p.id}
                onChange={() => onSelect(p)}
              />
              <span>
                <span className="choice__title">{p.fullName}</span>
                <span className="choice__meta break">{[p.email, lookups?.unitName(p.unitId), p.jobTitle].filter(Boolean).join(' · ')}</span>
              </span>
            </label>
          ))}
        </ChoiceGroup>
      ) : error ? (
        <p className="field__error" id="new-user-person">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export default function UserNewPage() {
  const intl = useIntl();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const presetPersonId = params.get('personne');
  const { lookups } = useLookups();
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [selected, setSelected] = useState<Person | undefined>(undefined);
  const [newPerson, setNewPerson] = useState(() => personValues(undefined));
  const [displayName, setDisplayName] = useState('');
  const [locale, setLocale] = useState<AdminLocale | ''>('');
  const [password, setPassword] = useState('');
  const [staffRole, setStaffRole] = useState(true);
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { ref: form, focusInvalid } = useFocusInvalid();

  useEffect(() => {
    if (!presetPersonId) return;
    adminApi
      .person(presetPersonId)
      .then((p) => setSelected(p))
      .catch(() => undefined);
  }, [presetPersonId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const absent = new Set<string>();
    if (mode === 'existing' && !selected) absent.add('personId');
    if (mode === 'new') for (const f of missingPersonFields(newPerson)) absent.add(f);
    if (password && password.length < MIN_PASSWORD_LENGTH) absent.add('password');
    setMissing(absent);
    if (absent.size > 0) {
      focusInvalid();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const user = await adminApi.createUser({
        ...(mode === 'existing' && selected ? { personId: selected.id } : { person: personBody(newPerson) }),
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        ...(locale ? { locale } : {}),
        ...(password ? { password } : {}),
        ...(staffRole ? { grants: [{ role: 'staff' as const }] } : {}),
      });
      navigate(adminPaths.user(user.id), { state: { created: true } });
    } catch (caught) {
      setError(caught);
      focusInvalid();
    } finally {
      setBusy(false);
    }
  }

  const ownFields = ['personId', 'displayName', 'locale', 'password'];
  const personFieldError = (error as { fields?: { path: string }[] } | null)?.fields?.some((f) => f.path.startsWith('person.')) ?? false;

  return (
    <AdminPage title={intl.formatMessage({ id: 'admin.newUser.title' })} intro={<FormattedMessage id="admin.newUser.intro" />}>
      <p>
        <Link to={adminPaths.users}>
          <FormattedMessage id="admin.user.back" />
        </Link>
      </p>
      <Section id="nouveau-compte" title={<FormattedMessage id="admin.newUser.formTitle" />}>
        {error && !ownFields.some((f) => fieldError(error, f)) && !personFieldError ? (
          <Alert kind="error" title={errorText(error)} />
        ) : null}
        <form ref={form} noValidate className="form" onSubmit={(e) => void submit(e)}>
          <ChoiceGroup id="new-user-mode" legend={<FormattedMessage id="admin.newUser.who" />}>
            <label className="choice" htmlFor="new-user-mode-existing">
              <input
                type="radio"
                id="new-user-mode-existing"
                name="mode"
                checked={mode === 'existing'}
                onChange={() => setMode('existing')}
              />
              <span>
                <FormattedMessage id="admin.newUser.existing" />
              </span>
            </label>
            <label className="choice" htmlFor="new-user-mode-new">
              <input type="radio" id="new-user-mode-new" name="mode" checked={mode === 'new'} onChange={() => setMode('new')} />
              <span>
                <FormattedMessage id="admin.newUser.newPerson" />
              </span>
            </label>
          </ChoiceGroup>
          {mode === 'existing' ? (
            <PersonPicker
              selected={selected}
              onSelect={setSelected}
              error={missing.has('personId') ? intl.formatMessage({ id: 'admin.newUser.choosePerson' }) : fieldError(error, 'personId')}
            />
          ) : (
            <fieldset className="subform">
              <legend>
                <FormattedMessage id="admin.newUser.newPersonLegend" />
              </legend>
              <PersonFields
                prefix="new-user-person"
                values={newPerson}
                onChange={setNewPerson}
                lookups={lookups}
                error={error}
                errorPath={(f) => `person.${f}`}
                missing={missing}
                allowDefaultLocale
              />
            </fieldset>
          )}
          <TextField
            id="new-user-display-name"
            label={intl.formatMessage({ id: 'admin.user.displayName' })}
            hint={intl.formatMessage({ id: 'admin.newUser.displayNameHint' })}
            value={displayName}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => setDisplayName(e.target.value)}
            error={fieldError(error, 'displayName')}
          />
          <SelectField
            id="new-user-locale"
            label={intl.formatMessage({ id: 'admin.user.locale' })}
            value={locale}
            onChange={(e) => setLocale(e.target.value as AdminLocale | '')}
            error={fieldError(error, 'locale')}
          >
            <option value="">{intl.formatMessage({ id: 'admin.newUser.localeOfPerson' })}</option>
            {adminLocales.map((l) => (
              <option key={l} value={l}>
                {intl.formatMessage({ id: `admin.locale.${l}` })}
              </option>
            ))}
          </SelectField>
          <TextField
            id="new-user-password"
            type="password"
            label={intl.formatMessage({ id: 'admin.newUser.password' })}
            hint={intl.formatMessage({ id: 'admin.newUser.passwordHint' }, { min: MIN_PASSWORD_LENGTH })}
            value={password}
            autoComplete="new-password"
            onChange={(e) => setPassword(e.target.value)}
            error={
              missing.has('password')
                ? intl.formatMessage({ id: 'admin.newUser.passwordShort' }, { min: MIN_PASSWORD_LENGTH })
                : fieldError(error, 'password')
            }
          />
          <Checkbox
            id="new-user-staff"
            label={<FormattedMessage id="admin.newUser.staffRole" />}
            hint={<FormattedMessage id="admin.newUser.staffRoleHint" />}
            checked={staffRole}
            onChange={(e) => setStaffRole(e.target.checked)}
          />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              <FormattedMessage id="admin.newUser.create" />
            </button>
          </div>
        </form>
      </Section>
    </AdminPage>
  );
}
