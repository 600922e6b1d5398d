// Which search providers the server is configured for (DESIGN.md §6). A watch may name a
// provider that is not (yet) configured; runs skip it and the UI says how to configure it.
import type { Config } from '../../config.js';
import type { SearchProviderId } from '../../domain/watches/watch-rules.js';

export function configuredProviders(config: Pick<Config, 'searxngUrl' | 'braveSearchApiKey'>): SearchProviderId[] {
  const ids: SearchProviderId[] = [];
  if (config.searxngUrl) ids.push('searxng');
  if (config.braveSearchApiKey) ids.push('brave');
  return ids;
}
