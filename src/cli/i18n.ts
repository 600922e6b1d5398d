// The CLI speaks French unless REMPART_LANG or LANG asks for English.
import { type Locale, t } from '../locales/index.js';

export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const tag = (env.REMPART_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '').toLowerCase();
  return tag.startsWith('en') ? 'en' : 'fr-CA';
}

export const cliT = (key: string, params?: Record<string, string | number>) => t(cliLocale(), key, params);
