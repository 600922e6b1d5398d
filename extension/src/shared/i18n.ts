// Texts from _locales/<lang>/messages.json through chrome.i18n (French by default, English when
// the browser speaks English). The server's own error messages come in the same language: every
// request sends the matching Accept-Language.

export function t(key: string, ...substitutions: string[]): string {
  return chrome.i18n.getMessage(key, substitutions) || key;
}

/** The UI language as Rempart names it (fr-CA, en), for Accept-Language. */
export function apiLanguage(): 'fr-CA' | 'en' {
  return chrome.i18n.getUILanguage().toLowerCase().startsWith('en') ? 'en' : 'fr-CA';
}

/** Fills every [data-i18n] element's text and [data-i18n-<attr>] attribute under `root`. */
export function localise(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n ?? '');
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-aria-label]'))
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel ?? ''));
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-placeholder]'))
    el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder ?? ''));
}
