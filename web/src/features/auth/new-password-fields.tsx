// "New password" and its confirmation, shared by the reset page and the profile. Checks length
// and match here for a quick answer; the server applies the same policy and has the last word.
import type { Ref } from 'react';
import { useIntl } from 'react-intl';
import { MIN_PASSWORD_LENGTH } from '../../api/account';
import { TextField } from '../../ui/field';

export interface NewPasswordValue {
  password: string;
  confirmation: string;
}

export type NewPasswordProblem = 'password.required' | 'password.tooShort' | 'confirmation.required' | 'confirmation.mismatch';

export function checkNewPassword(value: NewPasswordValue): NewPasswordProblem[] {
  const problems: NewPasswordProblem[] = [];
  if (!value.password) problems.push('password.required');
  else if ([...value.password].length < MIN_PASSWORD_LENGTH) problems.push('password.tooShort');
  if (!value.confirmation) problems.push('confirmation.required');
  else if (value.password && value.confirmation !== value.password) problems.push('confirmation.mismatch');
  return problems;
}

export function NewPasswordFields({
  idPrefix,
  value,
  onChange,
  problems,
  serverError,
  passwordRef,
  confirmationRef,
}: {
  idPrefix: string;
  value: NewPasswordValue;
  onChange(value: NewPasswordValue): void;
  problems: readonly NewPasswordProblem[];
  serverError?: string | undefined;
  passwordRef?: Ref<HTMLInputElement>;
  confirmationRef?: Ref<HTMLInputElement>;
}) {
  const intl = useIntl();
  const passwordProblem = problems.find((p) => p.startsWith('password.'));
  const confirmationProblem = problems.find((p) => p.startsWith('confirmation.'));
  const message = (problem: NewPasswordProblem | undefined) => {
    switch (problem) {
      case 'password.required':
      case 'confirmation.required':
        return intl.formatMessage({ id: 'common.field.required' });
      case 'password.tooShort':
        return intl.formatMessage({ id: 'auth.newPassword.tooShort' }, { min: MIN_PASSWORD_LENGTH });
      case 'confirmation.mismatch':
        return intl.formatMessage({ id: 'auth.newPassword.mismatch' });
      default:
        return undefined;
    }
  };
  return (
    <>
      <TextField
        ref={passwordRef}
        id={`${idPrefix}-new-password`}
        name="new-password"
        type="password"
        autoComplete="new-password"
        label={intl.formatMessage({ id: 'auth.newPassword.label' })}
        hint={intl.formatMessage({ id: 'auth.newPassword.hint' }, { min: MIN_PASSWORD_LENGTH })}
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.target.value })}
        error={message(passwordProblem) ?? serverError}
        required
      />
      <TextField
        ref={confirmationRef}
        id={`${idPrefix}-confirm-password`}
        name="confirm-password"
        type="password"
        autoComplete="new-password"
        label={intl.formatMessage({ id: 'auth.newPassword.confirm' })}
        value={value.confirmation}
        onChange={(e) => onChange({ ...value, confirmation: e.target.value })}
        error={message(confirmationProblem)}
        required
      />
    </>
  );
}
