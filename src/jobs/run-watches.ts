// Watches (step 4.3.1): the periodic sweep of due watches, and one watch's run (queued by
// "run now" and at creation). The search adapters are built from the configuration on each run
// (SEARXNG_URL, BRAVE_SEARCH_API_KEY): a provider configured later is used without a restart of
// the queue. A provider's failure is recorded on the watch, never thrown: retrying the job
// would only spend API quota again.
import { z } from 'zod';
import { searchProvidersFromConfig } from '../adapters/search/index.js';
import { RUN_WATCH_JOB } from '../app/watches/request-watch-run.js';
import { runDueWatches } from '../app/watches/run-due-watches.js';
import { runWatch } from '../app/watches/run-watch.js';
import { defineJob } from './definitions.js';

export const runDueWatchesJob = defineJob({
  name: 'run-due-watches',
  version: 1,
  payload: z.object({}),
  maxAttempts: 1,
  everyMs: 60_000,
  async handler(ctx) {
    await runDueWatches(ctx, { providers: searchProvidersFromConfig(ctx.config) });
  },
});

export const runWatchJob = defineJob({
  name: RUN_WATCH_JOB.name,
  version: RUN_WATCH_JOB.version,
  payload: z.object({ watchId: z.uuid(), trigger: z.enum(['schedule', 'manual']) }),
  maxAttempts: 1,
  async handler(ctx, { watchId, trigger }) {
    await runWatch(ctx, { providers: searchProvidersFromConfig(ctx.config) }, { watchId, trigger });
  },
});
