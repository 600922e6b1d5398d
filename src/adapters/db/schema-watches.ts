// Row types of the Watches and re-check tables (migrations/0008_watches.sql), for Kysely.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { CheckOutcome } from '../../domain/rechecks/classify.js';
import type { SearchProviderId, WatchQuery } from '../../domain/watches/watch-rules.js';
import type { LocationsTable } from './schema-cases.js';

export type { CheckOutcome, SearchProviderId };

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T extends object> = JSONColumnType<T, string, string>;

export type StoredWatchQuery = WatchQuery;

export interface StoredProviderError {
  provider: SearchProviderId;
  code: string;
  httpStatus: number | null;
  /** ISO time of the next attempt after a rate limit, or null. */
  retryAt: string | null;
  at: string;
}

export interface WatchesTable {
  id: Generated<string>;
  case_id: string;
  queries: Json<StoredWatchQuery[]>;
  sites: Generated<string[]>;
  providers: string[];
  interval_hours: number;
  active: Generated<boolean>;
  next_run_at: Timestamp | null;
  last_run_at: Timestamp | null;
  last_error: ColumnType<StoredProviderError[], string | undefined, string>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface WatchRunsTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  watch_id: string;
  case_id: string;
  trigger: 'schedule' | 'manual';
  status: 'running' | 'ok' | 'partial' | 'failed';
  started_at: Timestamp;
  finished_at: Timestamp | null;
  requests: Generated<number>;
  result_count: Generated<number>;
  new_count: Generated<number>;
  errors: ColumnType<StoredProviderError[], string | undefined, string>;
}

export type WatchResultStatus = 'new' | 'dismissed' | 'added' | 'added_captured';

export interface WatchResultsTable {
  id: Generated<string>;
  case_id: string;
  watch_id: string | null;
  normalized_url: string;
  url: string;
  host: string;
  title: string | null;
  snippet: string | null;
  providers: Generated<string[]>;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  status: Generated<WatchResultStatus>;
  location_id: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

export interface StoredCheckEvidence {
  v: 1;
  bodySha256: string | null;
  bodyBytes: number | null;
  contentType: string | null;
  matchedMarker: string | null;
  /** Whether the captured key text was looked for, and found. */
  keyText: 'found' | 'missing' | 'unavailable';
  redirects: string[];
}

export interface LocationChecksTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  location_id: string;
  case_id: string;
  at: Timestamp;
  trigger: 'schedule' | 'manual';
  requested_by: string | null;
  outcome: CheckOutcome;
  http_status: number | null;
  final_url: string | null;
  reason: string;
  evidence: Json<StoredCheckEvidence>;
  next_check_at: Timestamp | null;
}

/** Columns 0008 adds to locations (the Database takes `locations` from here, not CaseTables). */
export interface LocationRecheckColumns {
  next_check_at: Timestamp | null;
  check_backoff: Generated<number>;
}

export interface WatchTables {
  locations: LocationsTable & LocationRecheckColumns;
  watches: WatchesTable;
  watch_runs: WatchRunsTable;
  watch_results: WatchResultsTable;
  location_checks: LocationChecksTable;
}
