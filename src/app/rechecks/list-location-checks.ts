// GET /locations/{id}/checks: the location's re-checks, newest first, each with the rule that
// decided in the reader's language.
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { listLocationChecks as listRows } from '../../adapters/db/location-checks.js';
import type { LocationChecksTable } from '../../adapters/db/schema-watches.js';
import type { locationCheckSchema, locationChecksResponse } from '../../contract/watches.js';
import { hasMessage, type Locale, t } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadLocation } from './location-access.js';

export function presentCheck(row: Selectable<LocationChecksTable>, locale: Locale): z.infer<typeof locationCheckSchema> {
  const key = `recheck.reason.${row.reason}`;
  const e = row.evidence;
  return {
    id: row.id,
    locationId: row.location_id,
    at: row.at.toISOString(),
    trigger: row.trigger,
    outcome: row.outcome,
    reason: row.reason,
    explanation: t(locale, hasMessage(locale, key) ? key : 'recheck.reason.other', {
      status: row.http_status ?? 0,
      marker: e.matchedMarker ?? '',
    }),
    httpStatus: row.http_status,
    finalUrl: row.final_url,
    evidence: {
      bodySha256: e.bodySha256,
      bodyBytes: e.bodyBytes,
      contentType: e.contentType,
      matchedMarker: e.matchedMarker,
      keyText: e.keyText,
      redirects: e.redirects,
    },
    nextCheckAt: row.next_check_at?.toISOString() ?? null,
  };
}

export async function listLocationChecks(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; locationId: string; locale: Locale; limit?: number | undefined },
): Promise<z.infer<typeof locationChecksResponse>> {
  const { location } = await loadLocation(ctx.db, input.actor, input.locationId, ctx.clock.now(), {
    manage: false,
    logAction: 'location_checks.view',
  });
  const rows = await listRows(ctx.db, location.id, input.limit ?? 100);
  return {
    locationId: location.id,
    status: location.status,
    lastCheckedAt: location.last_checked_at?.toISOString() ?? null,
    nextCheckAt: location.next_check_at?.toISOString() ?? null,
    checks: rows.map((r) => presentCheck(r, input.locale)),
  };
}
