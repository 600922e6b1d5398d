// The search providers this server is configured for (DESIGN.md §6: SEARXNG_URL,
// BRAVE_SEARCH_API_KEY). A provider whose variable is unset does not exist for watches.
import type { SearchProvider } from '../../app/watches/ports.js';
import type { Config } from '../../config.js';
import { createBraveProvider } from './brave.js';
import { createSearxngProvider } from './searxng.js';

export function searchProvidersFromConfig(config: Pick<Config, 'searxngUrl' | 'braveSearchApiKey' | 'braveSearchUrl'>): SearchProvider[] {
  const providers: SearchProvider[] = [];
  if (config.searxngUrl) providers.push(createSearxngProvider({ baseUrl: config.searxngUrl }));
  if (config.braveSearchApiKey) providers.push(createBraveProvider({ apiKey: config.braveSearchApiKey, url: config.braveSearchUrl }));
  return providers;
}
