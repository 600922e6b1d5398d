// Providers, outermost first: the UI language (needed before the first request, which carries
// Accept-Language), the session, react-intl (its time zone is the organisation's once known),
// then the router.
import { type ReactNode, useEffect, useState } from 'react';
import { IntlProvider } from 'react-intl';
import { RouterProvider } from 'react-router';
import { registerServiceWorker } from '../features/offline/device';
import { LocaleProvider, sourceLocale, useLocale } from '../i18n/locale';
import { createRouter } from './router';
import { SessionProvider, useSession } from './session';

function IntlFromSession({ children }: { children: ReactNode }) {
  const { locale, messages } = useLocale();
  const { state } = useSession();
  if (!messages) return null;
  const timeZone = state.status === 'authenticated' ? state.me.organisation.timeZone : undefined;
  return (
    <IntlProvider
      locale={locale}
      messages={messages}
      defaultLocale={sourceLocale}
      {...(timeZone ? { timeZone } : {})}
      onError={(error) => {
        // Missing ids are caught by the catalogue test; say so in development only.
        if (import.meta.env.DEV) console.warn(error.message);
      }}
    >
      {children}
    </IntlProvider>
  );
}

export function App() {
  const [router] = useState(createRouter);
  // The installable phone app's service worker (production builds only): docs/phone-app.md.
  useEffect(registerServiceWorker, []);
  return (
    <LocaleProvider>
      <SessionProvider>
        <IntlFromSession>
          <RouterProvider router={router} />
        </IntlFromSession>
      </SessionProvider>
    </LocaleProvider>
  );
}
