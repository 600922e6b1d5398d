// The UI language: fr-CA (the source and the default) or en. Catalogues are JSON files per
// feature under web/src/locales/<locale>/, found with import.meta.glob and loaded on demand;
// English is laid over French so a key missing in English shows French, never a raw id.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setApiLanguage } from '../api/client';

export const uiLocales = ['fr-CA', 'en'] as const;
export type UiLocale = (typeof uiLocales)[number];
export const sourceLocale: UiLocale = 'fr-CA';

export type Messages = Record<string, string>;

const files = import.meta.glob<Messages>('../locales/*/*.json', { import: 'default' });
const cache = new Map<UiLocale, Promise<Messages>>();

async function loadOne(locale: UiLocale): Promise<Messages> {
  const parts = await Promise.all(
    Object.entries(files)
      .filter(([path]) => path.includes(`/locales/${locale}/`))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, load]) => load()),
  );
  return Object.assign({}, ...parts) as Messages;
}

export function loadMessages(locale: UiLocale): Promise<Messages> {
  let pending = cache.get(locale);
  if (!pending) {
    pending =
      locale === sourceLocale
        ? loadOne(locale)
        : Promise.all([loadMessages(sourceLocale), loadOne(locale)]).then(([source, own]) => ({ ...source, ...own }));
    cache.set(locale, pending);
    pending.catch(() => cache.delete(locale));
  }
  return pending;
}

export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === 'string' && (uiLocales as readonly string[]).includes(value);
}

const STORAGE_KEY = 'rempart.locale';

/** The language chosen on this device (before login too); French when nothing was chosen. */
export function storedLocale(): UiLocale {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isUiLocale(value) ? value : sourceLocale;
  } catch {
    return sourceLocale;
  }
}

function storeLocale(locale: UiLocale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}

const CHOSEN_SIGNED_OUT_KEY = 'rempart.locale.chosenSignedOut';

/**
 * A language picked by hand and not yet saved to the profile — on the sign-in pages, or signed
 * in while the save is on its way (a reload or a lost network can cut it) — is carried into the
 * profile when the session is next read, even after a reload; a language merely adopted from a
 * profile is not.
 */
export function markLocaleChoiceUnsaved(): void {
  try {
    window.localStorage.setItem(CHOSEN_SIGNED_OUT_KEY, '1');
  } catch {
    // see storeLocale
  }
}

export function takeLocaleChoiceUnsaved(): boolean {
  try {
    const chosen = window.localStorage.getItem(CHOSEN_SIGNED_OUT_KEY) === '1';
    window.localStorage.removeItem(CHOSEN_SIGNED_OUT_KEY);
    return chosen;
  } catch {
    return false;
  }
}

interface LocaleContextValue {
  locale: UiLocale;
  messages: Messages | undefined;
  /** Switches the UI (after its catalogue is loaded) and remembers the choice on this device. */
  setLocale(locale: UiLocale): Promise<void>;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ locale: UiLocale; messages: Messages | undefined }>(() => {
    const locale = storedLocale();
    // Before any child's first request (children's effects run before this component's).
    setApiLanguage(locale);
    return { locale, messages: undefined };
  });

  // The first catalogue only, once; later switches go through setLocale.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once on mount
  useEffect(() => {
    let live = true;
    const initial = state.locale;
    loadMessages(initial).then(
      (messages) => {
        if (live) setState((s) => (s.locale === initial && !s.messages ? { locale: initial, messages } : s));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    document.documentElement.lang = state.locale;
  }, [state.locale]);

  const setLocale = useCallback(async (locale: UiLocale) => {
    storeLocale(locale);
    const messages = await loadMessages(locale);
    setApiLanguage(locale);
    setState({ locale, messages });
  }, []);

  const value = useMemo(() => ({ locale: state.locale, messages: state.messages, setLocale }), [state, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale outside LocaleProvider');
  return value;
}
