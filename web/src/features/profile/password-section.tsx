// Change password: the current one (a re-check of who is at the keyboard), then the new one twice.
import { type FormEvent, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { accountApi } from '../../api/account';
import { isApiError } from '../../api/client';
import { Alert } from '../../ui/alert';
import { fieldError, useErrorText } from '../../ui/api-error';
import { TextField } from '../../ui/field';
import { Section } from '../../ui/section';
import { checkNewPassword, NewPasswordFields, type NewPasswordProblem } from '../auth/new-password-fields';

export function PasswordSection() {
  const intl = useIntl();
  const errorText = useErrorText();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState({ password: '', confirmation: '' });
  const [problems, setProblems] = useState<NewPasswordProblem[]>([]);
  const [currentMissing, setCurrentMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const currentInput = useRef<HTMLInputElement>(null);
  const newInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const found = checkNewPassword(next);
    setProblems(found);
    setCurrentMissing(!current);
    if (!current || found.length > 0) {
      (!current ? currentInput : found.some((p) => p.startsWith('password.')) ? newInput : confirmInput).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await accountApi.changePassword({ currentPassword: current, newPassword: next.password });
      setCurrent('');
      setNext({ password: '', confirmation: '' });
      setDone(true);
    } catch (caught) {
      setError(caught);
      if (isApiError(caught, 'reauthentication_failed')) {
        setCurrent('');
        currentInput.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  }

  const currentError = currentMissing
    ? intl.formatMessage({ id: 'common.field.required' })
    : isApiError(error, 'reauthentication_failed')
      ? errorText(error)
      : fieldError(error, 'currentPassword');
  const newError =
    fieldError(error, 'newPassword') ?? (isApiError(error, 'invalid_input') && !error.fields.length ? errorText(error) : undefined);
  const formError = error && !currentError && !newError ? errorText(error) : undefined;

  return (
    <Section id="mot-de-passe" title={<FormattedMessage id="profile.password.title" />}>
      {done ? <Alert kind="success" title={intl.formatMessage({ id: 'profile.password.done' })} /> : null}
      {formError ? <Alert kind="error" title={formError} /> : null}
      <form noValidate onSubmit={(e) => void submit(e)} className="form">
        <TextField
          ref={currentInput}
          id="profile-current-password"
          name="current-password"
          type="password"
          autoComplete="current-password"
          label={intl.formatMessage({ id: 'profile.password.current' })}
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={currentError}
          required
        />
        <NewPasswordFields
          idPrefix="profile"
          value={next}
          onChange={setNext}
          problems={problems}
          serverError={newError}
          passwordRef={newInput}
          confirmationRef={confirmInput}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            <FormattedMessage id="profile.password.submit" />
          </button>
        </div>
      </form>
    </Section>
  );
}
