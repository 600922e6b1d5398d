// /admin/fournisseurs — the provider directory (docs/takedowns.md): every platform with its last
// review date, entries not reviewed for more than a year flagged "à réviser", local edits named;
// a link to edit each; a provider the seed does not know can be added; and the organisation's
// reminder delay for unanswered removal requests.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { TextField } from '../../ui/field';
import { Section } from '../../ui/section';
import { AdminPage } from '../admin/admin-page';
import { type Directory, loadDirectory } from '../takedowns/api';
import { providerPaths, providersAdminApi } from './api';
import { editedFields, reviewDate } from './dates';

function ReminderSettings() {
  const intl = useIntl();
  const errorText = useErrorText();
  const [days, setDays] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    providersAdminApi.settings().then(
      (s) => {
        setDays(String(s.reminderDays));
        setLoaded(true);
      },
      (e: unknown) => setError(e),
    );
  }, []);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      const s = await providersAdminApi.updateSettings({ reminderDays: Number(days) });
      setDays(String(s.reminderDays));
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form noValidate className="row-form" onSubmit={(e) => void submit(e)}>
      <TextField
        id="reminder-days"
        type="number"
        inputMode="numeric"
        min={1}
        max={90}
        label={intl.formatMessage({ id: 'providers.reminder.label' })}
        hint={intl.formatMessage({ id: 'providers.reminder.hint' })}
        value={days}
        disabled={!loaded}
        onChange={(e) => setDays(e.target.value)}
        error={fieldError(error, 'reminderDays') ?? (error ? errorText(error) : undefined)}
      />
      <button type="submit" className="button button--secondary" disabled={busy || !loaded}>
        <FormattedMessage id="common.save" />
      </button>
      <span role="status" className="form__status">
        {saved ? <FormattedMessage id="providers.reminder.saved" /> : null}
      </span>
    </form>
  );
}

function CreateForm() {
  const intl = useIntl();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [domains, setDomains] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await providersAdminApi.create({
        id: id.trim(),
        name: name.trim(),
        domains: domains
          .split(/[\s,]+/)
          .map((d) => d.trim())
          .filter(Boolean),
      });
      navigate(providerPaths.provider(created.id));
    } catch (caught) {
      setError(caught);
      first.current?.focus();
    } finally {
      setBusy(false);
    }
  }
  const domainError = isApiError(error, 'invalid_input') ? error.fields.find((f) => f.path.startsWith('domains'))?.message : undefined;
  return (
    <form noValidate className="form" onSubmit={(e) => void submit(e)}>
      {error && !fieldError(error, 'id') && !fieldError(error, 'name') && !domainError ? <Alert kind="error" title={errorText(error)} /> : null}
      <TextField
        ref={first}
        id="provider-new-id"
        label={intl.formatMessage({ id: 'providers.create.id' })}
        hint={intl.formatMessage({ id: 'providers.create.idHint' })}
        value={id}
        onChange={(e) => setId(e.target.value)}
        error={fieldError(error, 'id')}
        autoCapitalize="none"
        spellCheck={false}
      />
      <TextField
        id="provider-new-name"
        label={intl.formatMessage({ id: 'providers.edit.name' })}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fieldError(error, 'name')}
      />
      <TextField
        id="provider-new-domains"
        label={intl.formatMessage({ id: 'providers.edit.domains' })}
        hint={intl.formatMessage({ id: 'providers.create.domainsHint' })}
        value={domains}
        onChange={(e) => setDomains(e.target.value)}
        error={domainError}
        autoCapitalize="none"
        spellCheck={false}
      />
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={busy}>
          <FormattedMessage id="providers.create.submit" />
        </button>
      </div>
    </form>
  );
}

export default function DirectoryPage() {
  const intl = useIntl();
  const errorText = useErrorText();
  const [directory, setDirectory] = useState<Directory | undefined>();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    loadDirectory().then(setDirectory, setError);
  }, []);
  const label = (p: { id: string; name: string }) => (p.id === 'web_host' ? intl.formatMessage({ id: 'providers.webHost' }) : p.name);
  const providers = directory
    ? [...directory.providers].sort((a, b) => Number(b.stale) - Number(a.stale) || label(a).localeCompare(label(b), intl.locale))
    : [];
  const staleCount = providers.filter((p) => p.stale).length;
  return (
    <AdminPage title={intl.formatMessage({ id: 'providers.admin.title' })} intro={<FormattedMessage id="providers.admin.intro" />}>
      {error ? <Alert kind="error" title={errorText(error)} /> : null}
      {!directory && !error ? (
        <p role="status">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {directory ? (
        <Section id="repertoire" title={<FormattedMessage id="providers.list.title" values={{ count: providers.length }} />}>
          {staleCount > 0 ? (
            <Alert kind="warning" title={intl.formatMessage({ id: 'providers.list.staleSummary' }, { count: staleCount })} />
          ) : null}
          <ul className="item-list provider-list">
            {providers.map((p) => (
              <li key={p.id} className="item-list__item" data-provider={p.id}>
                <div className="item-list__main">
                  <p className="item-list__title">
                    <Link to={providerPaths.provider(p.id)}>{label(p)}</Link>{' '}
                    {p.stale ? (
                      <span className="status-badge status-badge--stale">
                        <FormattedMessage id="providers.stale" />
                      </span>
                    ) : null}
                  </p>
                  <p className="item-list__meta">
                    <FormattedMessage id="providers.list.reviewed" values={{ date: reviewDate(intl, p.lastReviewed) }} />
                    {' · '}
                    <FormattedMessage id="providers.list.channels" values={{ count: p.channels.length }} />
                    {' · '}
                    <FormattedMessage id={`providers.source.${p.source}`} />
                    {p.localEdits.length > 0 ? (
                      <>
                        {' · '}
                        <FormattedMessage id="providers.list.edited" values={{ fields: editedFields(intl, p.localEdits) }} />
                      </>
                    ) : null}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section id="ajouter" title={<FormattedMessage id="providers.create.title" />} intro={<FormattedMessage id="providers.create.intro" />}>
        <CreateForm />
      </Section>
      <Section id="rappels" title={<FormattedMessage id="providers.reminder.title" />}>
        <ReminderSettings />
      </Section>
    </AdminPage>
  );
}
