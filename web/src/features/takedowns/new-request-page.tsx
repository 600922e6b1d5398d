// /dossiers/:id/retraits/nouvelle — prepare a removal request (a draft): the addresses (of one
// provider), the provider, the ground in plain words, the channel from the provider's directory
// entry, and who files it. POST /cases/{id}/takedowns; the draft opens in the request editor.
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { CaseNotFound, useCaseLoader } from '../cases/case-loader';
import type { CaseDetail } from '../cases/api';
import { EvidenceState, evidenceFor } from '../cases/locations-section';
import { Page } from '../shell/page';
import {
  type Directory,
  type Ground,
  grounds,
  mayActOnTakedowns,
  providerOf,
  takedownConsentOf,
  takedownPaths,
  takedownsApi,
  WEB_HOST,
} from './api';
import { ChannelFacts, ProviderName } from './channels';
import { ConsentRequired } from './consent-notice';
import { useDirectory } from './hooks';

type Filer = 'auto' | 'board' | 'staff_member';

function NewRequestForm({ detail, directory }: { detail: CaseDetail; directory: Directory }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const first = params.get('adresse');
  const [selected, setSelected] = useState<string[]>(() => (first && detail.locations.some((l) => l.id === first) ? [first] : []));
  const [providerChoice, setProviderChoice] = useState<string | null>(null);
  const [ground, setGround] = useState<Ground | ''>('');
  const [channel, setChannel] = useState<string>('');
  const [filer, setFiler] = useState<Filer>('auto');
  const [problems, setProblems] = useState<{ locations?: string; ground?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const locationsRef = useRef<HTMLInputElement>(null);
  const groundRef = useRef<HTMLInputElement>(null);

  const chosen = detail.locations.filter((l) => selected.includes(l.id));
  const locationProviders = [...new Set(chosen.map((l) => l.providerId ?? WEB_HOST))];
  const providerId = providerChoice ?? locationProviders[0] ?? '';
  const provider = providerOf(directory, providerId);
  const providers = useMemo(
    () => [...directory.providers].sort((a, b) => (a.id === WEB_HOST ? 1 : b.id === WEB_HOST ? -1 : a.name.localeCompare(b.name, intl.locale))),
    [directory, intl.locale],
  );
  const channels = (provider?.channels ?? [])
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => c.purpose !== 'account_recovery')
    .sort((a, b) => Number(b.c.purpose === ground) - Number(a.c.purpose === ground));

  function toggle(id: string, on: boolean) {
    setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
    setProblems((p) => ({ ...p, locations: undefined }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof problems = {};
    if (chosen.length === 0) next.locations = intl.formatMessage({ id: 'takedowns.new.locationsRequired' });
    else if (locationProviders.length > 1) next.locations = intl.formatMessage({ id: 'takedowns.new.sameProvider' });
    if (!ground) next.ground = intl.formatMessage({ id: 'takedowns.new.groundRequired' });
    setProblems(next);
    if (next.locations) return locationsRef.current?.focus();
    if (next.ground || !ground) return groundRef.current?.focus();
    setBusy(true);
    setError(null);
    try {
      const created = await takedownsApi.create(detail.id, {
        locationIds: chosen.map((l) => l.id),
        providerId,
        ground,
        ...(channel ? { channel } : {}),
        ...(filer !== 'auto' ? { filer } : {}),
      });
      navigate(takedownPaths.request(detail.id, created.id));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form noValidate className="form form--wide takedown-new" onSubmit={(e) => void submit(e)}>
      {error ? <Alert kind="error" title={errorText(error)} /> : null}
      <fieldset className={`choices${problems.locations ? ' choices--invalid' : ''}`} aria-describedby={problems.locations ? 'new-locations-error' : undefined}>
        <legend>
          <FormattedMessage id="takedowns.new.locations" />
        </legend>
        <p className="field__hint">
          <FormattedMessage id="takedowns.new.locationsHint" />
        </p>
        {problems.locations ? (
          <p className="field__error" id="new-locations-error">
            {problems.locations}
          </p>
        ) : null}
        {detail.locations.map((l, i) => (
          <label key={l.id} className="choice choice--card">
            <input
              ref={i === 0 ? locationsRef : undefined}
              type="checkbox"
              checked={selected.includes(l.id)}
              onChange={(e) => toggle(l.id, e.target.checked)}
            />
            <span className="choice__text">
              <span className="choice__title">
                <ProviderName provider={providerOf(directory, l.providerId)} providerId={l.providerId} /> — {l.host}
              </span>
              <span className="choice__meta break">{l.url}</span>
              <span className="choice__meta">
                <EvidenceState evidence={evidenceFor(l.url, detail.evidence)} />
              </span>
            </span>
          </label>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor="new-provider">
          <FormattedMessage id="takedowns.new.provider" />
        </label>
        <p className="field__hint" id="new-provider-hint">
          <FormattedMessage id="takedowns.new.providerHint" />
        </p>
        <select
          id="new-provider"
          aria-describedby="new-provider-hint"
          value={providerId}
          onChange={(e) => {
            setProviderChoice(e.target.value);
            setChannel('');
          }}
        >
          {providerId === '' ? <option value="">{intl.formatMessage({ id: 'takedowns.new.providerFirst' })}</option> : null}
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id === WEB_HOST ? intl.formatMessage({ id: 'takedowns.provider.webHost' }) : p.name}
            </option>
          ))}
        </select>
      </div>

      <fieldset className={`choices${problems.ground ? ' choices--invalid' : ''}`} aria-describedby={problems.ground ? 'new-ground-error' : undefined}>
        <legend>
          <FormattedMessage id="takedowns.new.ground" />
        </legend>
        {problems.ground ? (
          <p className="field__error" id="new-ground-error">
            {problems.ground}
          </p>
        ) : null}
        {grounds.map((g, i) => (
          <label key={g} className="choice choice--card">
            <input
              ref={i === 0 ? groundRef : undefined}
              type="radio"
              name="new-ground"
              value={g}
              checked={ground === g}
              onChange={() => {
                setGround(g);
                setProblems((p) => ({ ...p, ground: undefined }));
              }}
            />
            <span className="choice__text">
              <span className="choice__title">
                <FormattedMessage id={`takedowns.ground.${g}`} />
              </span>
              <span className="choice__meta">
                <FormattedMessage id={`takedowns.ground.${g}.hint`} />
              </span>
            </span>
          </label>
        ))}
      </fieldset>

      {provider ? (
        <fieldset className="choices">
          <legend>
            <FormattedMessage id="takedowns.new.channel" />
          </legend>
          <label className="choice choice--card">
            <input type="radio" name="new-channel" value="" checked={channel === ''} onChange={() => setChannel('')} />
            <span className="choice__text">
              <span className="choice__title">
                <FormattedMessage id="takedowns.new.channelDefault" />
              </span>
              <span className="choice__meta">
                <FormattedMessage id="takedowns.new.channelDefaultHint" />
              </span>
            </span>
          </label>
          {channels.map(({ c, index }) => (
            <label key={`${index}-${c.url}`} className="choice choice--card">
              <input type="radio" name="new-channel" value={c.url} checked={channel === c.url} onChange={() => setChannel(c.url)} />
              <span className="choice__text">
                <span className="choice__title">
                  <FormattedMessage id={`takedowns.channel.purpose.${c.purpose}`} />
                  {c.purpose === ground ? (
                    <>
                      {' '}
                      <span className="tag tag--inline">
                        <FormattedMessage id="takedowns.new.channelMatches" />
                      </span>
                    </>
                  ) : null}
                </span>
                <span className="choice__meta">
                  <ChannelFacts channel={c} inLabel />
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}

      <fieldset className="choices">
        <legend>
          <FormattedMessage id="takedowns.new.filer" />
        </legend>
        {(['auto', 'board', 'staff_member'] as const).map((f) => (
          <label key={f} className="choice choice--card">
            <input type="radio" name="new-filer" value={f} checked={filer === f} onChange={() => setFiler(f)} />
            <span className="choice__text">
              <span className="choice__title">
                <FormattedMessage id={`takedowns.filer.${f}`} />
              </span>
              <span className="choice__meta">
                <FormattedMessage id={`takedowns.filer.${f}.hint`} />
              </span>
            </span>
          </label>
        ))}
      </fieldset>

      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          <FormattedMessage id="takedowns.new.submit" />
        </button>
        <Link className="button button--secondary" to={takedownPaths.panel(detail.id)}>
          <FormattedMessage id="common.cancel" />
        </Link>
      </div>
    </form>
  );
}

function NewRequestPage({ id }: { id: string }) {
  const intl = useIntl();
  const errorText = useErrorText();
  const { state } = useCaseLoader(id);
  const { directory, error } = useDirectory();
  if (state.status === 'missing') return <CaseNotFound />;
  const detail = state.status === 'ready' ? state.detail : undefined;
  return (
    <Page
      title={intl.formatMessage({ id: 'takedowns.new.title' })}
      intro={detail ? <FormattedMessage id="takedowns.new.intro" values={{ reference: detail.reference }} /> : undefined}
    >
      {detail ? (
        <p>
          <Link to={takedownPaths.panel(detail.id)}>
            <FormattedMessage id="takedowns.backToCase" values={{ reference: detail.reference }} />
          </Link>
        </p>
      ) : null}
      {(state.status === 'loading' || (!directory && !error)) && state.status !== 'failed' ? (
        <p role="status">
          <FormattedMessage id="common.loading" />
        </p>
      ) : null}
      {state.status === 'failed' ? <Alert kind="error" title={errorText(state.error)} /> : null}
      {error ? <Alert kind="error" title={errorText(error)} /> : null}
      {detail && directory ? (
        mayActOnTakedowns(detail.viewer) ? (
          <>
            {takedownConsentOf(detail)?.granted ? null : <ConsentRequired detail={detail} />}
            {detail.locations.length === 0 ? (
              <p>
                <FormattedMessage id="takedowns.section.noLocation" />
              </p>
            ) : (
              <NewRequestForm detail={detail} directory={directory} />
            )}
          </>
        ) : (
          <Alert kind="info" title={intl.formatMessage({ id: 'takedowns.notAllowed' })} />
        )
      ) : null}
    </Page>
  );
}

export default function NewRequestRoute() {
  const { id = '' } = useParams();
  return <NewRequestPage key={id} id={id} />;
}
