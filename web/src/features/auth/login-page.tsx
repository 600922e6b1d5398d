// Sign-in: e-mail and password, then, when the API answers `totp_required`, a second step for
// the authenticator code or a recovery code. On success the session is reloaded and the user goes
// back to the page they asked for (?retour=, same-site paths only).
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, Navigate, useSearchParams } from 'react-router';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { paths, safeReturnPath } from '../../app/paths';
import { useSession } from '../../app/session';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { TextField } from '../../ui/field';
import { Page } from '../shell/page';

type Step = 'credentials' | 'second-factor';

export default function LoginPage() {
  const intl = useIntl();
  const session = useSession();
  const errorText = useErrorText();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('retour')) ?? paths.home;

  const [step, setStep] = useState<Step>('credentials');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  // Set when the step changes; the next render's effect puts focus in that step's field.
  const focusNext = useRef<'totp' | 'password' | null>(null);

  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target) (target === 'totp' ? codeInput : passwordInput).current?.focus();
  });

  if (session.state.status === 'authenticated') return <Navigate to={returnTo} replace />;

  const required = intl.formatMessage({ id: 'common.field.required' });
  const notice = session.state.status === 'anonymous' ? session.state.reason : 'none';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const empty = new Set<string>();
    if (step === 'credentials') {
      if (!email.trim()) empty.add('email');
      if (!password) empty.add('password');
    } else if (!code.trim()) empty.add('totp');
    setMissing(empty);
    if (empty.size > 0) {
      setError(null);
      (empty.has('email') ? emailInput : empty.has('password') ? passwordInput : codeInput).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await authApi.login({ email: email.trim(), password, ...(step === 'second-factor' ? { totp: code.trim() } : {}) });
      // The session state change renders <Navigate> above.
      await session.refresh();
    } catch (caught) {
      if (isApiError(caught, 'totp_required')) {
        focusNext.current = 'totp';
        setStep('second-factor');
        setCode('');
      } else {
        setError(caught);
        if (step === 'second-factor') setCode('');
        else if (isApiError(caught, 'invalid_credentials')) setPassword('');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={intl.formatMessage({ id: 'auth.login.title' })} narrow>
      {notice === 'signed_out' ? <Alert kind="success" title={intl.formatMessage({ id: 'auth.login.signedOut' })} /> : null}
      {notice === 'expired' ? <Alert kind="info" title={intl.formatMessage({ id: 'auth.login.expired' })} /> : null}
      <div className="card">
        {step === 'credentials' ? (
          <p className="card__lead">
            <FormattedMessage id="auth.login.intro" />
          </p>
        ) : (
          <>
            <h2 className="card__title">
              <FormattedMessage id="auth.login.secondFactor.title" />
            </h2>
            <p className="card__lead">
              <FormattedMessage id="auth.login.secondFactor.intro" />
            </p>
          </>
        )}
        {error ? <Alert kind="error" title={errorText(error)} /> : null}
        <form noValidate onSubmit={(e) => void submit(e)} className="form">
          {step === 'credentials' ? (
            <>
              <TextField
                ref={emailInput}
                id="login-email"
                name="email"
                type="email"
                label={intl.formatMessage({ id: 'auth.login.email' })}
                autoComplete="username"
                inputMode="email"
                autoCapitalize="none"
                spellCheck={false}
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                error={missing.has('email') ? required : fieldError(error, 'email')}
                required
              />
              <TextField
                ref={passwordInput}
                id="login-password"
                name="password"
                type="password"
                label={intl.formatMessage({ id: 'auth.login.password' })}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                error={missing.has('password') ? required : fieldError(error, 'password')}
                required
              />
              <div className="form__actions">
                <button type="submit" className="button button--primary button--block" disabled={busy}>
                  <FormattedMessage id={busy ? 'auth.login.submitting' : 'auth.login.submit'} />
                </button>
              </div>
              <p className="form__aside">
                <Link to={paths.forgotPassword} state={{ email }}>
                  <FormattedMessage id="auth.login.forgot" />
                </Link>
              </p>
            </>
          ) : (
            <>
              <TextField
                ref={codeInput}
                id="login-totp"
                name="totp"
                type="text"
                label={intl.formatMessage({ id: 'auth.login.secondFactor.code' })}
                hint={intl.formatMessage({ id: 'auth.login.secondFactor.hint' })}
                autoComplete="one-time-code"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={32}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                error={missing.has('totp') ? required : fieldError(error, 'totp')}
                required
              />
              <div className="form__actions">
                <button type="submit" className="button button--primary button--block" disabled={busy}>
                  <FormattedMessage id={busy ? 'auth.login.submitting' : 'auth.login.secondFactor.submit'} />
                </button>
                <button
                  type="button"
                  className="button button--secondary button--block"
                  onClick={() => {
                    focusNext.current = 'password';
                    setStep('credentials');
                    setError(null);
                    setMissing(new Set());
                    setPassword('');
                  }}
                >
                  <FormattedMessage id="auth.login.secondFactor.back" />
                </button>
              </div>
            </>
          )}
        </form>
      </div>
    </Page>
  );
}
