// The browser extension's texts (extension/_locales, chrome.i18n): French is the default and the
// source, English has exactly the same messages with the same $n substitutions, and every
// message the code, the popup page and the manifest name exists. (The browser test runs in
// Debian's Chromium, which speaks en-US only without chromium-l10n: French is checked here.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../extension/', import.meta.url));
type Messages = Record<string, { message: string; description?: string }>;
const catalogue = (lang: string) => JSON.parse(readFileSync(join(root, '_locales', lang, 'messages.json'), 'utf8')) as Messages;
const substitutions = (message: string) => [...new Set(message.match(/\$\d/g) ?? [])].sort();

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('extension catalogues', () => {
  const fr = catalogue('fr');
  const en = catalogue('en');

  it('has French as the default language and the same messages in English', () => {
    expect(JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')).default_locale).toBe('fr');
    expect(readdirSync(join(root, '_locales')).sort()).toEqual(['en', 'fr']);
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const name of Object.keys(fr)) expect(name).toMatch(/^[A-Za-z0-9_@]+$/);
  });

  it('uses the same substitutions in both languages, and no empty message', () => {
    for (const [name, { message }] of Object.entries(fr)) {
      expect(message.trim(), name).not.toBe('');
      expect(substitutions(en[name]?.message ?? ''), name).toEqual(substitutions(message));
    }
  });

  it('writes French with a non-breaking space before « : » and inside guillemets', () => {
    for (const [name, { message }] of Object.entries(fr)) {
      expect(message, name).not.toMatch(/[^\u00a0]:\s|«[^\u00a0]|[^\u00a0]»/);
    }
  });

  it('defines every message the code, the popup page and the manifest name', () => {
    const used = new Set<string>();
    for (const path of [...files(join(root, 'src')), ...files(join(root, 'static')), join(root, 'manifest.json')]) {
      const text = readFileSync(path, 'utf8');
      for (const m of text.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/getMessage\('([A-Za-z0-9_]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/data-i18n(?:-[a-z-]+)?="([A-Za-z0-9_]+)"/g)) used.add(m[1]!);
      for (const m of text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(m[1]!);
    }
    // `step_${record.step}`: one message per capture step (extension/src/shared/state.ts).
    for (const step of ['selecting', 'viewport', 'html', 'mhtml', 'fullpage', 'hashing']) used.add(`step_${step}`);
    expect([...used].filter((name) => !(name in fr)).sort()).toEqual([]);
    expect(used.size).toBeGreaterThan(50);
  });
});
