// Removal re-checks: the periodic sweep of due locations (hourly the first day, then daily;
// src/domain/rechecks/schedule.ts), and one location's check (queued by "re-check now"). The
// fetcher applies the capture's private-network rule, CAPTURE_ALLOW_HOSTS included.
import { z } from 'zod';
import { createPinnedFetcher } from '../adapters/recheck/pinned-fetch.js';
import type { AppContext } from '../app/context.js';
import { recheckDueLocations } from '../app/rechecks/recheck-due-locations.js';
import { recheckLocation } from '../app/rechecks/recheck-location.js';
import { RECHECK_LOCATION_JOB } from '../app/rechecks/request-recheck.js';
import { defineJob } from './definitions.js';

function fetcherFor(ctx: AppContext) {
  return createPinnedFetcher({ allow: ctx.config.captureAllowHosts, timeoutMs: ctx.config.recheckTimeoutMs });
}

export const recheckDueLocationsJob = defineJob({
  name: 'recheck-due-locations',
  version: 1,
  payload: z.object({}),
  maxAttempts: 1,
  everyMs: 60_000,
  async handler(ctx) {
    await recheckDueLocations(ctx, { fetcher: fetcherFor(ctx) });
  },
});

export const recheckLocationJob = defineJob({
  name: RECHECK_LOCATION_JOB.name,
  version: RECHECK_LOCATION_JOB.version,
  payload: z.object({ locationId: z.uuid(), requestedBy: z.uuid().nullable() }),
  maxAttempts: 1,
  async handler(ctx, { locationId, requestedBy }) {
    await recheckLocation(ctx, { fetcher: fetcherFor(ctx) }, { locationId, trigger: 'manual', requestedBy });
  },
});
