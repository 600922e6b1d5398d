// The interface language, saved to the profile (the same switch as in the header).
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { type UiLocale, useLocale } from '../../i18n/locale';
import { Alert } from '../../ui/alert';
import { useErrorText } from '../../ui/api-error';
import { Section } from '../../ui/section';
import { useChangeLanguage } from '../shell/language-switch';

const choices: Array<{ value: UiLocale; label: string; lang: string }> = [
  { value: 'fr-CA', label: 'Français', lang: 'fr-CA' },
  { value: 'en', label: 'English', lang: 'en' },
];

export function LanguageSection() {
  const { locale } = useLocale();
  const change = useChangeLanguage();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  return (
    <Section id="langue" title={<FormattedMessage id="profile.language.title" />}>
      {error ? <Alert kind="error" title={errorText(error)} /> : null}
      <fieldset className="choices">
        <legend>
          <FormattedMessage id="profile.language.legend" />
        </legend>
        {choices.map((choice) => (
          <label key={choice.value} className="choice" lang={choice.lang}>
            <input
              type="radio"
              name="locale"
              value={choice.value}
              checked={locale === choice.value}
              disabled={busy}
              onChange={() => {
                setBusy(true);
                setError(null);
                change(choice.value)
                  .catch(setError)
                  .finally(() => setBusy(false));
              }}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </fieldset>
    </Section>
  );
}
