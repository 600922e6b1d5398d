// Asks for a reset link. The answer is the same whether or not the address has an account, so
// the page cannot be used to find out who works here.
import { type FormEvent, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import { accountApi } from '../../api/account';
import { paths } from '../../app/paths';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { TextField } from '../../ui/field';
import { Page } from '../shell/page';

export default function ForgotPasswordPage() {
  const intl = useIntl();
  const errorText = useErrorText();
  const location = useLocation();
  const initial = (location.state as { email?: unknown } | null)?.email;
  const [email, setEmail] = useState(typeof initial === 'string' ? initial : '');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const done = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) {
      setMissing(true);
      input.current?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      await accountApi.requestPasswordReset({ email: email.trim() });
      setSent(true);
      requestAnimationFrame(() => done.current?.focus());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={intl.formatMessage({ id: 'auth.forgot.title' })} narrow>
      <div className="card">
        {sent ? (
          <div ref={done} tabIndex={-1}>
            <Alert kind="success" title={intl.formatMessage({ id: 'auth.forgot.sent.title' })}>
              <p>
                <FormattedMessage id="auth.forgot.sent.body" values={{ email: <strong>{email.trim()}</strong> }} />
              </p>
            </Alert>
          </div>
        ) : (
          <>
            <p className="card__lead">
              <FormattedMessage id="auth.forgot.intro" />
            </p>
            {error ? <Alert kind="error" title={errorText(error)} /> : null}
            <form noValidate onSubmit={(e) => void submit(e)} className="form">
              <TextField
                ref={input}
                id="forgot-email"
                name="email"
                type="email"
                label={intl.formatMessage({ id: 'auth.login.email' })}
                autoComplete="username"
                inputMode="email"
                autoCapitalize="none"
                spellCheck={false}
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                error={missing ? intl.formatMessage({ id: 'common.field.required' }) : fieldError(error, 'email')}
                required
              />
              <div className="form__actions">
                <button type="submit" className="button button--primary button--block" disabled={busy}>
                  <FormattedMessage id="auth.forgot.submit" />
                </button>
              </div>
            </form>
          </>
        )}
        <p className="form__aside">
          <Link to={paths.login}>
            <FormattedMessage id="auth.backToLogin" />
          </Link>
        </p>
      </div>
    </Page>
  );
}
