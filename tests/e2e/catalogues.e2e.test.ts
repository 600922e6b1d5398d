// The UI catalogues (web/src/locales): fr-CA is the source, en has exactly the same ids, the
// messages parse as ICU, and every id the code names exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { roles } from '../../src/domain/auth/roles.js';

const web = fileURLToPath(new URL('../../web/src/', import.meta.url));

function catalogue(locale: string): Record<string, string> {
  const dir = join(web, 'locales', locale);
  const out: Record<string, string> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    for (const [key, value] of Object.entries(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, string>)) {
      expect(out[key], `${locale}/${file}: ${key} defined twice`).toBeUndefined();
      out[key] = value;
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

describe('UI catalogues', () => {
  const fr = catalogue('fr-CA');
  const en = catalogue('en');

  it('has the same ids in English as in French (the source)', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it('has messages that parse as ICU and use the same arguments in both languages', () => {
    const argumentsOf = (message: string, locale: string) => {
      const names = new Set<string>();
      const walk = (nodes: unknown[]) => {
        for (const node of nodes as Array<{ value?: unknown; options?: Record<string, { value: unknown[] }> }>) {
          if (typeof node.value === 'string' && 'type' in node && (node as { type: number }).type !== 0) names.add(node.value);
          for (const option of Object.values(node.options ?? {})) walk(option.value);
        }
      };
      walk(new IntlMessageFormat(message, locale).getAst());
      return [...names].sort();
    };
    for (const [id, message] of Object.entries(fr)) {
      expect(argumentsOf(en[id] ?? '', 'en'), id).toEqual(argumentsOf(message, 'fr-CA'));
    }
  });

  it('defines every id the code names, and a name and a description for every role', () => {
    const prefixes = new Set(Object.keys(fr).map((id) => id.split('.')[0]));
    const used = new Set<string>();
    for (const file of sourceFiles(web)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/['"`]([a-z][A-Za-z]*(?:\.[A-Za-z0-9_]+)+)['"`]/g)) {
        const id = match[1]!;
        if (prefixes.has(id.split('.')[0]!) && !/\.(tsx?|json|css|svg)$/.test(id)) used.add(id);
      }
    }
    for (const role of roles) used.add(`role.${role}`).add(`role.${role}.description`);
    const missing = [...used].filter((id) => !(id in fr)).sort();
    expect(missing).toEqual([]);
  });
});
