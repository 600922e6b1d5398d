// Display name (PATCH /api/v1/me {displayName}); the e-mail address is managed by the administration.
import { type FormEvent, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { authApi } from '../../api/auth';
import { useMe, useSession } from '../../app/session';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { TextField } from '../../ui/field';
import { Section } from '../../ui/section';

export function IdentitySection() {
  const me = useMe();
  const { refresh } = useSession();
  const intl = useIntl();
  const errorText = useErrorText();
  const [name, setName] = useState(me.displayName);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (!name.trim()) {
      setMissing(true);
      input.current?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      await authApi.updateMe({ displayName: name.trim() });
      // Read the user again rather than trust the PATCH answer for the name (see docs/ui.md).
      const fresh = await refresh();
      if (fresh) setName(fresh.displayName);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="identite" title={<FormattedMessage id="profile.identity.title" />}>
      <dl className="facts">
        <div>
          <dt>
            <FormattedMessage id="profile.identity.email" />
          </dt>
          <dd className="break">
            {me.email}
            <span className="facts__note">
              <FormattedMessage id="profile.identity.emailHint" />
            </span>
          </dd>
        </div>
      </dl>
      {error && !fieldError(error, 'displayName') ? <Alert kind="error" title={errorText(error)} /> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form">
        <TextField
          ref={input}
          id="profile-display-name"
          name="displayName"
          autoComplete="name"
          maxLength={200}
          label={intl.formatMessage({ id: 'profile.identity.displayName' })}
          hint={intl.formatMessage({ id: 'profile.identity.displayNameHint' })}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setSaved(false);
          }}
          error={missing ? intl.formatMessage({ id: 'common.field.required' }) : fieldError(error, 'displayName')}
          required
        />
        <div className="form__actions form__actions--inline">
          <button type="submit" className="button button--primary" disabled={busy}>
            <FormattedMessage id="common.save" />
          </button>
          <span role="status" className="form__status">
            {saved ? <FormattedMessage id="profile.identity.saved" /> : null}
          </span>
        </div>
      </form>
    </Section>
  );
}
