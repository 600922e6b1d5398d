// Who is signed in. GET /api/v1/me on start; any API answer `unauthenticated` (session expired
// or revoked elsewhere) drops to signed-out, and `totp_enrolment_required` marks the user so the
// frame sends them to second-factor enrolment (src/http/plugins/auth.ts).
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { authApi, type Me } from '../api/auth';
import { isApiError, onApiError } from '../api/client';
import { forgetDevice, offlineMe, rememberMe } from '../features/offline/device';
import { isUiLocale, markLocaleChoiceUnsaved, takeLocaleChoiceUnsaved, useLocale } from '../i18n/locale';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable' }
  | { status: 'anonymous'; reason: 'none' | 'expired' | 'signed_out' }
  | { status: 'authenticated'; me: Me };

interface SessionContextValue {
  state: SessionState;
  /** Reloads the current user (after login, a profile change, TOTP enrolment…). */
  refresh(): Promise<Me | undefined>;
  /** Replaces the current user with a fresh copy the API returned (PATCH /me). */
  setMe(me: Me): void;
  signOut(): Promise<void>;
  /** Remembers that the language was chosen by hand while signed out, to keep it at login. */
  noteLanguageChosen(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const { locale, setLocale } = useLocale();
  const localeRef = useRef(locale);
  localeRef.current = locale;

  const adopt = useCallback(
    async (me: Me) => {
      // A language picked by hand and not saved yet (on the sign-in page, or a save cut by a
      // reload) wins and is saved to the profile; otherwise the profile's language is used on
      // this device too.
      const chosen = takeLocaleChoiceUnsaved();
      if (chosen && me.locale !== localeRef.current && isUiLocale(localeRef.current)) {
        try {
          me = await authApi.updateMe({ locale: localeRef.current });
        } catch {
          // Keep the device's choice for now; the profile keeps its own.
        }
      } else if (me.locale !== localeRef.current) {
        await setLocale(me.locale).catch(() => undefined);
      }
      setState({ status: 'authenticated', me });
      // An encrypted copy, so the installed app opens without network (erased at sign-out).
      void rememberMe(me);
    },
    [setLocale],
  );

  const refresh = useCallback(async () => {
    try {
      const me = await authApi.me();
      await adopt(me);
      return me;
    } catch (error) {
      if (isApiError(error, 'unauthenticated'))
        setState((s) =>
          s.status === 'authenticated' ? { status: 'anonymous', reason: 'expired' } : { status: 'anonymous', reason: 'none' },
        );
      else if (isApiError(error, 'network') || isApiError(error, 'unexpected') || isApiError(error, 'internal')) {
        // No network: the last person signed in on this device, so offline reports can be written.
        const known = isApiError(error, 'network') ? await offlineMe() : undefined;
        const next: SessionState = known ? { status: 'authenticated', me: known } : { status: 'unreachable' };
        setState((s) => (s.status === 'loading' || s.status === 'unreachable' ? next : s));
      }
      return undefined;
    }
  }, [adopt]);

  useEffect(() => {
    void refresh();
    // Back online (the app may have opened offline): check the session again.
    const online = () => void refresh();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [refresh]);

  useEffect(
    () =>
      onApiError((error, req) => {
        if (error.code === 'unauthenticated' && !req.path.startsWith('/api/v1/auth/')) {
          setState((s) => (s.status === 'authenticated' ? { status: 'anonymous', reason: 'expired' } : s));
        } else if (error.code === 'totp_enrolment_required') {
          setState((s) =>
            s.status === 'authenticated' && !s.me.mustEnrolTotp ? { status: 'authenticated', me: { ...s.me, mustEnrolTotp: true } } : s,
          );
        }
      }),
    [],
  );

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } catch (error) {
      // Unreachable server: the cookie may still be valid, so say so rather than pretend.
      if (isApiError(error, 'network')) throw error;
    }
    // Reports waiting on this device, shared files and the copy of the profile go with the session.
    await forgetDevice().catch(() => undefined);
    setState({ status: 'anonymous', reason: 'signed_out' });
  }, []);

  const setMe = useCallback((me: Me) => setState({ status: 'authenticated', me }), []);
  const noteLanguageChosen = useCallback(() => markLocaleChoiceUnsaved(), []);

  const value = useMemo(
    () => ({ state, refresh, setMe, signOut, noteLanguageChosen }),
    [state, refresh, setMe, signOut, noteLanguageChosen],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for pages inside the authenticated frame. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useMe without a signed-in user');
  return state.me;
}
