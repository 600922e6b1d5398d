// /admin/fournisseurs/:id — edit one directory entry: name, domains, reporting channels (purpose,
// method, address, who may file, log-in needed, notes, source page, verified), evidence tips,
// typical response, notes; and "Marquer comme revu" (today). Each field given replaces the field
// as a whole; a channel whose address and purpose are unchanged keeps its source and verified flag
// on the server unless new ones are given (docs/takedowns.md "Editing it").
import { type FormEvent, useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { DateTime } from '../../ui/date-time';
import { TextField } from '../../ui/field';
import { Section } from '../../ui/section';
import { AdminPage } from '../admin/admin-page';
import { loadDirectory, type Provider } from '../takedowns/api';
import { type ChannelInput, filers, methods, providerPaths, providersAdminApi, purposes, type UpdateProviderBody } from './api';
import { editedFields, reviewDate } from './dates';

interface ChannelDraft extends ChannelInput {
  key: number;
}

interface Draft {
  name: string;
  domains: string;
  channels: ChannelDraft[];
  evidenceTips: string;
  typicalResponse: string;
  localeNotes: string;
}

let keys = 0;

function draftOf(p: Provider): Draft {
  return {
    name: p.name,
    domains: p.domains.join('\n'),
    channels: p.channels.map((c) => ({ ...c, key: ++keys })),
    evidenceTips: p.evidenceTips.join('\n'),
    typicalResponse: p.typicalResponse ?? '',
    localeNotes: p.localeNotes ?? '',
  };
}

const splitLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const cleanChannel = ({ key: _key, ...c }: ChannelDraft): ChannelInput => ({
  ...c,
  url: c.url.trim(),
  notes: c.notes?.trim() ? c.notes.trim() : null,
  source: c.source?.trim() ? c.source.trim() : null,
});

/** Only the fields that changed (each replaces the whole field). */
function changes(p: Provider, d: Draft): UpdateProviderBody {
  const body: UpdateProviderBody = {};
  if (d.name.trim() !== p.name) body.name = d.name.trim();
  const domains = splitLines(d.domains.toLowerCase());
  if (JSON.stringify(domains) !== JSON.stringify(p.domains)) body.domains = domains;
  const channels = d.channels.map(cleanChannel);
  const before = p.channels.map((c) => ({ ...c }));
  if (JSON.stringify(channels) !== JSON.stringify(before)) body.channels = channels;
  const tips = splitLines(d.evidenceTips);
  if (JSON.stringify(tips) !== JSON.stringify(p.evidenceTips)) body.evidenceTips = tips;
  const typical = d.typicalResponse.trim() || null;
  if (typical !== p.typicalResponse) body.typicalResponse = typical;
  const notes = d.localeNotes.trim() || null;
  if (notes !== p.localeNotes) body.localeNotes = notes;
  return body;
}

function fieldMessage(error: unknown, path: string): string | undefined {
  if (!isApiError(error, 'invalid_input')) return undefined;
  return error.fields.find((f) => f.path === path || f.path.startsWith(`${path}.`))?.message;
}

function AreaField({ id, label, hint, value, onChange, error, rows = 3, lang }: { id: string; label: string; hint?: string; value: string; onChange(v: string): void; error?: string | undefined; rows?: number; lang?: string }) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <textarea id={id} rows={rows} lang={lang} value={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

function ChannelEditor({
  channel,
  index,
  error,
  onChange,
  onRemove,
}: {
  channel: ChannelDraft;
  index: number;
  error: unknown;
  onChange(next: ChannelDraft): void;
  onRemove(): void;
}) {
  const intl = useIntl();
  const base = `channel-${channel.key}`;
  const set = (patch: Partial<ChannelDraft>) => onChange({ ...channel, ...patch });
  const whoError = fieldMessage(error, `channels.${index}.whoMayFile`);
  return (
    <fieldset className="channel-editor">
      <legend>
        <FormattedMessage id="providers.channel.legend" values={{ n: index + 1, purpose: intl.formatMessage({ id: `takedowns.channel.purpose.${channel.purpose}` }) }} />
      </legend>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${base}-purpose`}>
            <FormattedMessage id="providers.channel.purpose" />
          </label>
          <select id={`${base}-purpose`} value={channel.purpose} onChange={(e) => set({ purpose: e.target.value as ChannelDraft['purpose'] })}>
            {purposes.map((p) => (
              <option key={p} value={p}>
                {intl.formatMessage({ id: `takedowns.channel.purpose.${p}` })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${base}-method`}>
            <FormattedMessage id="providers.channel.method" />
          </label>
          <select id={`${base}-method`} value={channel.method} onChange={(e) => set({ method: e.target.value as ChannelDraft['method'] })}>
            {methods.map((m) => (
              <option key={m} value={m}>
                {intl.formatMessage({ id: `takedowns.channel.method.${m}` })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <TextField
        id={`${base}-url`}
        type="url"
        label={intl.formatMessage({ id: 'providers.channel.url' })}
        hint={intl.formatMessage({ id: 'providers.channel.urlHint' })}
        value={channel.url}
        onChange={(e) => set({ url: e.target.value })}
        error={fieldMessage(error, `channels.${index}.url`)}
        spellCheck={false}
      />
      <fieldset className={`choices${whoError ? ' choices--invalid' : ''}`}>
        <legend>
          <FormattedMessage id="providers.channel.who" />
        </legend>
        {whoError ? <p className="field__error">{whoError}</p> : null}
        {filers.map((f) => (
          <label key={f} className="choice">
            <input
              type="checkbox"
              checked={channel.whoMayFile.includes(f)}
              onChange={(e) => set({ whoMayFile: e.target.checked ? [...channel.whoMayFile, f] : channel.whoMayFile.filter((x) => x !== f) })}
            />
            <span>
              <FormattedMessage id={`takedowns.channel.filer.${f}`} />
            </span>
          </label>
        ))}
      </fieldset>
      <label className="choice">
        <input type="checkbox" checked={channel.loginRequired} onChange={(e) => set({ loginRequired: e.target.checked })} />
        <span>
          <FormattedMessage id="providers.channel.login" />
        </span>
      </label>
      <AreaField
        id={`${base}-notes`}
        label={intl.formatMessage({ id: 'providers.channel.notes' })}
        value={channel.notes ?? ''}
        onChange={(v) => set({ notes: v })}
        error={fieldMessage(error, `channels.${index}.notes`)}
      />
      <TextField
        id={`${base}-source`}
        label={intl.formatMessage({ id: 'providers.channel.source' })}
        hint={intl.formatMessage({ id: 'providers.channel.sourceHint' })}
        value={channel.source ?? ''}
        onChange={(e) => set({ source: e.target.value })}
        error={fieldMessage(error, `channels.${index}.source`)}
        spellCheck={false}
      />
      <label className="choice">
        <input type="checkbox" checked={channel.verified ?? false} onChange={(e) => set({ verified: e.target.checked })} />
        <span>
          <FormattedMessage id="providers.channel.verified" />
        </span>
      </label>
      <p>
        <button type="button" className="button button--ghost button--small" onClick={onRemove}>
          <FormattedMessage id="providers.channel.remove" values={{ n: index + 1 }} />
        </button>
      </p>
    </fieldset>
  );
}

function ProviderEditor({ initial }: { initial: Provider }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const [provider, setProvider] = useState(initial);
  const [draft, setDraft] = useState(() => draftOf(initial));
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function send(body: UpdateProviderBody, doneId: string) {
    setBusy(true);
    setError(null);
    setNotice(undefined);
    try {
      const next = await providersAdminApi.update(provider.id, body);
      setProvider(next);
      setDraft(draftOf(next));
      setNotice(intl.formatMessage({ id: doneId }));
    } catch (caught) {
      setError(caught);
      window.setTimeout(() => (document.querySelector('.field--invalid input, .field--invalid textarea, .choices--invalid input') as HTMLElement | null)?.focus(), 0);
    } finally {
      setBusy(false);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const body = changes(provider, draft);
    if (Object.keys(body).length === 0) {
      setNotice(intl.formatMessage({ id: 'providers.edit.nothing' }));
      return;
    }
    await send(body, 'providers.edit.saved');
  }

  return (
    <>
      <div role="status">{notice ? <Alert kind="success" title={notice} /> : null}</div>
      {error && !isApiError(error, 'invalid_input') ? <Alert kind="error" title={errorText(error)} /> : null}
      {isApiError(error, 'invalid_input') ? <Alert kind="error" title={intl.formatMessage({ id: 'providers.edit.invalid' })} /> : null}
      <Section id="revision" title={<FormattedMessage id="providers.review.title" />}>
        <p>
          <FormattedMessage id="providers.list.reviewed" values={{ date: reviewDate(intl, provider.lastReviewed) }} />{' '}
          {provider.stale ? (
            <span className="status-badge status-badge--stale">
              <FormattedMessage id="providers.stale" />
            </span>
          ) : null}
        </p>
        {provider.editedAt ? (
          <p className="muted">
            <FormattedMessage id="providers.review.edited" values={{ when: <DateTime value={provider.editedAt} />, name: provider.editedByName ?? '—', fields: editedFields(intl, provider.localEdits) || '—' }} />
          </p>
        ) : null}
        <p className="field__hint">
          <FormattedMessage id="providers.review.hint" />
        </p>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void send({ markReviewed: true }, 'providers.review.done')}>
          <FormattedMessage id="providers.review.mark" />
        </button>
      </Section>
      <form noValidate onSubmit={(e) => void save(e)}>
        <Section id="fiche" title={<FormattedMessage id="providers.edit.title" />}>
          <div className="form form--wide">
            <TextField id="provider-name" label={intl.formatMessage({ id: 'providers.edit.name' })} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} error={fieldMessage(error, 'name')} />
            <AreaField
              id="provider-domains"
              label={intl.formatMessage({ id: 'providers.edit.domains' })}
              hint={intl.formatMessage({ id: 'providers.edit.domainsHint' })}
              value={draft.domains}
              onChange={(v) => setDraft({ ...draft, domains: v })}
              error={fieldMessage(error, 'domains')}
              rows={4}
            />
          </div>
        </Section>
        <Section id="canaux" title={<FormattedMessage id="providers.channels.title" values={{ count: draft.channels.length }} />} intro={<FormattedMessage id="providers.channels.intro" />}>
          <div className="stack">
            {draft.channels.map((c, i) => (
              <ChannelEditor
                key={c.key}
                channel={c}
                index={i}
                error={error}
                onChange={(next) => setDraft({ ...draft, channels: draft.channels.map((x) => (x.key === c.key ? next : x)) })}
                onRemove={() => setDraft({ ...draft, channels: draft.channels.filter((x) => x.key !== c.key) })}
              />
            ))}
          </div>
          <p>
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                setDraft({
                  ...draft,
                  channels: [...draft.channels, { key: ++keys, purpose: 'harassment', url: '', method: 'web_form', whoMayFile: ['victim'], loginRequired: false, notes: null, source: null, verified: false }],
                })
              }
            >
              <FormattedMessage id="providers.channel.add" />
            </button>
          </p>
        </Section>
        <Section id="notes" title={<FormattedMessage id="providers.notes.title" />}>
          <div className="form form--wide">
            <AreaField
              id="provider-tips"
              label={intl.formatMessage({ id: 'providers.edit.tips' })}
              hint={intl.formatMessage({ id: 'providers.edit.tipsHint' })}
              value={draft.evidenceTips}
              onChange={(v) => setDraft({ ...draft, evidenceTips: v })}
              error={fieldMessage(error, 'evidenceTips')}
              rows={4}
            />
            <AreaField
              id="provider-typical"
              label={intl.formatMessage({ id: 'providers.edit.typical' })}
              value={draft.typicalResponse}
              onChange={(v) => setDraft({ ...draft, typicalResponse: v })}
              error={fieldMessage(error, 'typicalResponse')}
            />
            <AreaField
              id="provider-locale-notes"
              label={intl.formatMessage({ id: 'providers.edit.localeNotes' })}
              value={draft.localeNotes}
              onChange={(v) => setDraft({ ...draft, localeNotes: v })}
              error={fieldMessage(error, 'localeNotes')}
            />
          </div>
        </Section>
        <div className="form__actions provider-save">
          <button type="submit" className="button" disabled={busy}>
            <FormattedMessage id="providers.edit.save" />
          </button>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => setDraft(draftOf(provider))}>
            <FormattedMessage id="providers.edit.reset" />
          </button>
        </div>
      </form>
    </>
  );
}

export default function ProviderPage() {
  const intl = useIntl();
  const errorText = useErrorText();
  const { id = '' } = useParams();
  const [state, setState] = useState<{ provider?: Provider; error?: unknown; missing?: boolean }>({});
  useEffect(() => {
    let live = true;
    loadDirectory().then(
      (d) => {
        if (!live) return;
        const provider = d.providers.find((p) => p.id === id);
        setState(provider ? { provider } : { missing: true });
      },
      (error: unknown) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [id]);
  const name = state.provider ? (state.provider.id === 'web_host' ? intl.formatMessage({ id: 'providers.webHost' }) : state.provider.name) : id;
  return (
    <AdminPage title={intl.formatMessage({ id: 'providers.edit.pageTitle' }, { name })}>
      <p>
        <Link to={providerPaths.list}>
          <FormattedMessage id="providers.back" />
        </Link>
      </p>
      {state.error ? <Alert kind="error" title={errorText(state.error)} /> : null}
      {state.missing ? <Alert kind="error" title={intl.formatMessage({ id: 'providers.missing' })} /> : null}
      {!state.provider && !state.error && !state.missing ? (
        <p role="status">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {state.provider ? <ProviderEditor key={state.provider.id} initial={state.provider} /> : null}
    </AdminPage>
  );
}
