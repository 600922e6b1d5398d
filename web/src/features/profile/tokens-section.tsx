// Personal API tokens (for the browser extension, the CLI, integrations). A new token is shown
// once, with a copy button and a warning; afterwards only its label and first characters remain.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { accountApi, type CreatedApiToken } from '../../api/account';
import { useApiData } from '../../api/use-api-data';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { ConfirmButton } from '../../ui/confirm-button';
import { CopyButton } from '../../ui/copy-button';
import { DateTime } from '../../ui/date-time';
import { TextField } from '../../ui/field';
import { Section } from '../../ui/section';

function NewToken({ created, onDone }: { created: CreatedApiToken; onDone(): void }) {
  const box = useRef<HTMLElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <section ref={box} tabIndex={-1} className="secret-box" aria-labelledby="new-token-title">
      <p className="secret-box__title" id="new-token-title">
        <FormattedMessage id="profile.tokens.created.title" values={{ label: created.label }} />
      </p>
      <p className="secret-box__warning">
        <FormattedMessage id="profile.tokens.created.warning" />
      </p>
      <label className="secret-box__label" htmlFor="new-token-value">
        <FormattedMessage id="profile.tokens.created.value" />
      </label>
      <textarea
        id="new-token-value"
        className="secret-box__value"
        readOnly
        rows={2}
        value={created.token}
        onFocus={(e) => e.currentTarget.select()}
        spellCheck={false}
        autoCapitalize="none"
        autoCorrect="off"
      />
      <div className="form__actions form__actions--inline">
        <CopyButton text={created.token} className="button button--primary" />
        <button type="button" className="button button--secondary" onClick={onDone}>
          <FormattedMessage id="profile.tokens.created.done" />
        </button>
      </div>
    </section>
  );
}

export function TokensSection() {
  const intl = useIntl();
  const errorText = useErrorText();
  const tokens = useApiData(accountApi.listTokens);
  const [label, setLabel] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [revoked, setRevoked] = useState(false);
  const labelInput = useRef<HTMLInputElement>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!label.trim()) {
      setMissing(true);
      labelInput.current?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    setRevoked(false);
    try {
      setCreated(await accountApi.createToken({ label: label.trim() }));
      setLabel('');
      await tokens.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(id: string) {
    setBusyId(id);
    setError(null);
    setRevoked(false);
    try {
      await accountApi.revokeToken(id);
      if (created?.id === id) setCreated(null);
      setRevoked(true);
      await tokens.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusyId(null);
    }
  }

  const list = tokens.data;
  return (
    <Section id="jetons" title={<FormattedMessage id="profile.tokens.title" />} intro={<FormattedMessage id="profile.tokens.intro" />}>
      {created ? (
        <NewToken
          created={created}
          onDone={() => {
            setCreated(null);
            labelInput.current?.focus();
          }}
        />
      ) : null}
      {error && !fieldError(error, 'label') ? <Alert kind="error" title={errorText(error)} /> : null}
      <p role="status" className="visually-hidden">
        {revoked ? <FormattedMessage id="profile.tokens.revoked" /> : null}
      </p>
      <form noValidate onSubmit={(e) => void create(e)} className="form">
        <TextField
          ref={labelInput}
          id="token-label"
          name="label"
          maxLength={100}
          autoComplete="off"
          label={intl.formatMessage({ id: 'profile.tokens.label' })}
          hint={intl.formatMessage({ id: 'profile.tokens.labelHint' })}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          error={missing ? intl.formatMessage({ id: 'common.field.required' }) : fieldError(error, 'label')}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            <FormattedMessage id="profile.tokens.create" />
          </button>
        </div>
      </form>

      <h3 className="card__subtitle">
        <FormattedMessage id="profile.tokens.listTitle" />
      </h3>
      {tokens.error && !list ? (
        <Alert kind="error" title={errorText(tokens.error)}>
          <button type="button" className="button button--secondary button--small" onClick={() => void tokens.reload()}>
            <FormattedMessage id="common.retry" />
          </button>
        </Alert>
      ) : !list ? (
        <p className="muted">
          <FormattedMessage id="common.loading" />
        </p>
      ) : list.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="profile.tokens.none" />
        </p>
      ) : (
        <ul className="item-list">
          {list.map((token) => (
            <li key={token.id} className="item-list__item">
              <div className="item-list__main">
                <p className="item-list__title">{token.label}</p>
                <p className="item-list__meta">
                  <code>{token.prefix}…</code>
                </p>
                <p className="item-list__meta">
                  <FormattedMessage id="profile.tokens.createdAt" values={{ when: <DateTime value={token.createdAt} /> }} />
                </p>
                <p className="item-list__meta">
                  {token.lastUsedAt ? (
                    <FormattedMessage id="profile.tokens.lastUsed" values={{ when: <DateTime value={token.lastUsedAt} /> }} />
                  ) : (
                    <FormattedMessage id="profile.tokens.neverUsed" />
                  )}
                </p>
              </div>
              <div className="item-list__actions">
                <ConfirmButton
                  confirmLabel={<FormattedMessage id="profile.tokens.revokeConfirm" />}
                  busy={busyId === token.id}
                  onConfirm={() => revoke(token.id)}
                >
                  <FormattedMessage id="profile.tokens.revoke" />
                </ConfirmButton>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
