// The other language, named in that language ("English" / "Français", marked with lang= so a
// screen reader pronounces it right), as on canada.ca. Signed in, the choice is
// saved to the profile (PATCH /api/v1/me); signed out, on this device (localStorage) and carried
// into the profile at the next sign-in.
import { useState } from 'react';
import { authApi } from '../../api/auth';
import { useSession } from '../../app/session';
import { takeLocaleChoiceUnsaved, type UiLocale, useLocale } from '../../i18n/locale';

const names: Record<UiLocale, { label: string; lang: string }> = {
  'fr-CA': { label: 'Français', lang: 'fr-CA' },
  en: { label: 'English', lang: 'en' },
};

export function useChangeLanguage(): (locale: UiLocale) => Promise<void> {
  const { setLocale } = useLocale();
  const session = useSession();
  return async (locale: UiLocale) => {
    await setLocale(locale);
    // Noted first: if the save below is cut (a reload, the network), the next load completes it.
    session.noteLanguageChosen();
    if (session.state.status === 'authenticated' && session.state.me.locale !== locale) {
      session.setMe(await authApi.updateMe({ locale }));
      takeLocaleChoiceUnsaved();
    }
  };
}

export function LanguageSwitch({ className }: { className?: string }) {
  const { locale } = useLocale();
  const change = useChangeLanguage();
  const [busy, setBusy] = useState(false);
  const other: UiLocale = locale === 'fr-CA' ? 'en' : 'fr-CA';
  const target = names[other];
  return (
    <button
      type="button"
      className={className ?? 'button button--ghost'}
      lang={target.lang}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        change(other)
          .catch(() => undefined)
          .finally(() => setBusy(false));
      }}
    >
      {target.label}
    </button>
  );
}
