// /reinitialiser#token=…: the link from the reset e-mail. The token travels in the fragment so it
// never reaches a server log or a Referer header; it is read once, then removed from the address
// bar and the history entry.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { accountApi } from '../../api/account';
import { isApiError } from '../../api/client';
import { paths } from '../../app/paths';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { Page } from '../shell/page';
import { checkNewPassword, NewPasswordFields, type NewPasswordProblem, type NewPasswordValue } from './new-password-fields';

function tokenFromFragment(): string | undefined {
  const token = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
  return token && token.length > 0 ? token : undefined;
}

export default function ResetPasswordPage() {
  const intl = useIntl();
  const errorText = useErrorText();
  const [token] = useState(tokenFromFragment);
  useEffect(() => {
    // Out of the address bar, the history and any screenshot of the page.
    if (window.location.hash) window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
  }, []);
  const [value, setValue] = useState<NewPasswordValue>({ password: '', confirmation: '' });
  const [problems, setProblems] = useState<NewPasswordProblem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);
  const confirmationInput = useRef<HTMLInputElement>(null);
  const doneBox = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!token) return;
    const found = checkNewPassword(value);
    setProblems(found);
    if (found.length > 0) {
      (found.some((p) => p.startsWith('password.')) ? passwordInput : confirmationInput).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await accountApi.resetPassword({ token, password: value.password });
      setDone(true);
      requestAnimationFrame(() => doneBox.current?.focus());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const linkInvalid = !token || isApiError(error, 'invalid_token');

  return (
    <Page title={intl.formatMessage({ id: 'auth.reset.title' })} narrow>
      <div className="card">
        {done ? (
          <div ref={doneBox} tabIndex={-1}>
            <Alert kind="success" title={intl.formatMessage({ id: 'auth.reset.done.title' })}>
              <p>
                <FormattedMessage id="auth.reset.done.body" />
              </p>
            </Alert>
            <p>
              <Link to={paths.login} className="button button--primary button--block">
                <FormattedMessage id="auth.reset.done.login" />
              </Link>
            </p>
          </div>
        ) : linkInvalid ? (
          <>
            <Alert kind="error" title={token ? errorText(error) : intl.formatMessage({ id: 'auth.reset.noToken' })} />
            <p>
              <Link to={paths.forgotPassword} className="button button--primary button--block">
                <FormattedMessage id="auth.reset.requestAgain" />
              </Link>
            </p>
          </>
        ) : (
          <>
            <p className="card__lead">
              <FormattedMessage id="auth.reset.intro" />
            </p>
            {error && !fieldError(error, 'password') ? <Alert kind="error" title={errorText(error)} /> : null}
            <form noValidate onSubmit={(e) => void submit(e)} className="form">
              <NewPasswordFields
                idPrefix="reset"
                value={value}
                onChange={setValue}
                problems={problems}
                serverError={fieldError(error, 'password') ?? (isApiError(error, 'invalid_input') ? errorText(error) : undefined)}
                passwordRef={passwordInput}
                confirmationRef={confirmationInput}
              />
              <div className="form__actions">
                <button type="submit" className="button button--primary button--block" disabled={busy}>
                  <FormattedMessage id="auth.reset.submit" />
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
