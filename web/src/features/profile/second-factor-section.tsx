// Second factor: its state, a way to turn it on (the enrolment page), and to turn it off with the
// password and a current code (so a borrowed, unlocked session cannot remove it).
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { accountApi } from '../../api/account';
import { paths } from '../../app/paths';
import { useMe, useSession } from '../../app/session';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { TextField } from '../../ui/field';
import { Section } from '../../ui/section';

export function SecondFactorSection() {
  const me = useMe();
  const { refresh } = useSession();
  const intl = useIntl();
  const errorText = useErrorText();
  const [disabling, setDisabling] = useState(false);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [justDisabled, setJustDisabled] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const empty = new Set<string>();
    if (!password) empty.add('password');
    if (!code.trim()) empty.add('code');
    setMissing(empty);
    if (empty.size > 0) {
      document.getElementById(empty.has('password') ? 'totp-off-password' : 'totp-off-code')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await accountApi.disableTotp({ password, code: code.trim() });
      setDisabling(false);
      setPassword('');
      setCode('');
      setJustDisabled(true);
      await refresh();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const required = intl.formatMessage({ id: 'common.field.required' });

  return (
    <Section id="double-authentification" title={<FormattedMessage id="profile.totp.title" />}>
      {justDisabled ? <Alert kind="info" title={intl.formatMessage({ id: 'profile.totp.disabled' })} /> : null}
      {me.totpEnabled ? (
        <>
          <p className="state state--on">
            <FormattedMessage id="profile.totp.on" />
          </p>
          {!disabling ? (
            <button type="button" className="button button--secondary" onClick={() => setDisabling(true)}>
              <FormattedMessage id="profile.totp.disable" />
            </button>
          ) : (
            <form noValidate onSubmit={(e) => void submit(e)} className="form">
              <p>
                <FormattedMessage id="profile.totp.disableIntro" />
              </p>
              {/* A refused re-check names what was wrong (password or code) in its message. */}
              {error && !fieldError(error, 'password') && !fieldError(error, 'code') ? (
                <Alert kind="error" title={errorText(error)} />
              ) : null}
              <TextField
                id="totp-off-password"
                type="password"
                autoComplete="current-password"
                label={intl.formatMessage({ id: 'profile.password.current' })}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                error={missing.has('password') ? required : fieldError(error, 'password')}
                required
              />
              <TextField
                id="totp-off-code"
                autoComplete="one-time-code"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={32}
                label={intl.formatMessage({ id: 'profile.totp.code' })}
                hint={intl.formatMessage({ id: 'profile.totp.codeHint' })}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                error={missing.has('code') ? required : fieldError(error, 'code')}
                required
              />
              <div className="form__actions form__actions--inline">
                <button type="submit" className="button button--danger" disabled={busy}>
                  <FormattedMessage id="profile.totp.disableConfirm" />
                </button>
                <button
                  type="button"
                  className="button button--ghost"
                  onClick={() => {
                    setDisabling(false);
                    setError(null);
                    setMissing(new Set());
                  }}
                >
                  <FormattedMessage id="common.cancel" />
                </button>
              </div>
            </form>
          )}
        </>
      ) : (
        <>
          <p className="state state--off">
            <FormattedMessage id="profile.totp.off" />
          </p>
          <p>
            <FormattedMessage id="profile.totp.why" />
          </p>
          <Link to={paths.totpEnrolment} className="button button--primary">
            <FormattedMessage id="profile.totp.enable" />
          </Link>
        </>
      )}
    </Section>
  );
}
