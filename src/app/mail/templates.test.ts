import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locales } from '../../locales/index.js';
import { isRetryable, mailTemplates, renderMail } from './templates.js';

const appUrl = 'https://rempart.example.org';

function catalogue(locale: string, file: string): Record<string, string> {
  return JSON.parse(readFileSync(new URL(`../../locales/${locale}/${file}`, import.meta.url), 'utf8')) as Record<string, string>;
}

describe('mail templates', () => {
  it('have the same keys in fr-CA and en (mail.json and auth.json)', () => {
    for (const file of ['mail.json', 'auth.json']) {
      expect(Object.keys(catalogue('en', file)).sort()).toEqual(Object.keys(catalogue('fr-CA', file)).sort());
    }
  });

  it('have every message they use, in both languages', () => {
    for (const locale of locales) {
      const keys = catalogue(locale, 'mail.json');
      for (const [name, def] of Object.entries(mailTemplates)) {
        const parts = ['subject', 'body', ...('action' in def ? ['action'] : []), ...(def.after ? ['after'] : [])];
        for (const part of parts) expect(keys[`mail.${name}.${part}`], `${locale} mail.${name}.${part}`).toBeTruthy();
      }
    }
  });

  it('renders the reset mail in the recipient’s language with the link in text and HTML', () => {
    const resetUrl = `${appUrl}/reinitialiser#token=abc<def>`;
    const fr = renderMail('password_reset', 'fr-CA', { validMinutes: 60 }, { appUrl, transient: { resetUrl } });
    expect(fr.subject).toBe('Réinitialisation de votre mot de passe Rempart');
    expect(fr.text).toContain('expire dans 60 minutes');
    expect(fr.text).toContain(resetUrl);
    expect(fr.html).toContain('lang="fr-CA"');
    expect(fr.html).toContain('href="https://rempart.example.org/reinitialiser#token=abc&lt;def&gt;"');
    expect(fr.html).not.toContain('<def>');
    const en = renderMail('password_reset', 'en', { validMinutes: 60 }, { appUrl, transient: { resetUrl } });
    expect(en.subject).toBe('Reset your Rempart password');
    expect(en.text).toContain('expires in 60 minutes');
  });

  it('refuses parameters outside the template’s schema (no free text reaches a mail)', () => {
    expect(() => renderMail('password_changed', 'fr-CA', { summary: 'Publication diffamatoire de M. X' }, { appUrl })).toThrow();
    expect(() =>
      renderMail('password_reset', 'fr-CA', { validMinutes: 'soixante' }, { appUrl, transient: { resetUrl: `${appUrl}/x` } }),
    ).toThrow();
  });

  it('refuses a link that leaves the app and a missing one-time link', () => {
    expect(() =>
      renderMail('password_reset', 'fr-CA', { validMinutes: 60 }, { appUrl, transient: { resetUrl: 'https://evil.example/x' } }),
    ).toThrow(/not a link/);
    expect(() =>
      renderMail('password_reset', 'fr-CA', { validMinutes: 60 }, { appUrl, transient: { resetUrl: `${appUrl}.evil.example/x` } }),
    ).toThrow(/not a link/);
    expect(() => renderMail('password_reset', 'fr-CA', { validMinutes: 60 }, { appUrl })).toThrow(/missing/);
  });

  it('marks templates with one-time links as not retryable', () => {
    expect(isRetryable('password_reset')).toBe(false);
    expect(isRetryable('password_changed')).toBe(true);
    expect(isRetryable('no_such_template')).toBe(false);
  });
});
