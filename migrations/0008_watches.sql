-- Watches (step 4.3.1 as a standing search) with their runs and the triage inbox of results,
-- and removal re-checks of locations (docs/watches.md).

create table watches (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null constraint watches_case_id_fkey references cases (id) on delete cascade,
  -- [{ "text": "...", "kind": "name" | "handle" | "phrase" }]
  queries jsonb not null,
  -- Optional site filters (host names), searched as `site:` per query.
  sites text[] not null default '{}',
  -- Search providers asked on each run; those not configured on the server are skipped.
  providers text[] not null,
  interval_hours integer not null constraint watches_interval_hours_check check (interval_hours between 1 and 720),
  active boolean not null default true,
  next_run_at timestamptz,
  last_run_at timestamptz,
  -- Per-provider errors of the last run, with the time of the next attempt after a rate limit:
  -- [{ "provider", "code", "httpStatus", "retryAt" }]. Empty when the last run went through.
  last_error jsonb not null default '[]',
  created_by uuid constraint watches_created_by_fkey references users (id) on delete set null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1
);
create index watches_case_id_idx on watches (case_id);
create index watches_next_run_idx on watches (next_run_at) where active;

create table watch_runs (
  id uuid primary key default gen_random_uuid(),
  -- Order of the runs (two runs may start within the same clock tick).
  seq bigint generated always as identity,
  watch_id uuid not null constraint watch_runs_watch_id_fkey references watches (id) on delete cascade,
  case_id uuid not null constraint watch_runs_case_id_fkey references cases (id) on delete cascade,
  trigger text not null constraint watch_runs_trigger_check check (trigger in ('schedule', 'manual')),
  status text not null constraint watch_runs_status_check check (status in ('running', 'ok', 'partial', 'failed')),
  started_at timestamptz not null,
  finished_at timestamptz,
  requests integer not null default 0,
  result_count integer not null default 0,
  new_count integer not null default 0,
  errors jsonb not null default '[]'
);
create index watch_runs_watch_idx on watch_runs (watch_id, seq desc);

-- One row per normalised URL per case, whatever the watch, run or provider that found it.
create table watch_results (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null constraint watch_results_case_id_fkey references cases (id) on delete cascade,
  -- The watch that found it first (null for a manual import or a deleted watch).
  watch_id uuid constraint watch_results_watch_id_fkey references watches (id) on delete set null,
  normalized_url text not null,
  url text not null,
  host text not null,
  title text,
  snippet text,
  -- searxng, brave, import
  providers text[] not null default '{}',
  first_seen_at timestamptz not null,
  last_seen_at timestamptz not null,
  status text not null default 'new' constraint watch_results_status_check check (status in ('new', 'dismissed', 'added', 'added_captured')),
  location_id uuid constraint watch_results_location_id_fkey references locations (id) on delete set null,
  decided_by uuid constraint watch_results_decided_by_fkey references users (id) on delete set null,
  decided_at timestamptz,
  constraint watch_results_case_url_key unique (case_id, normalized_url)
);
create index watch_results_case_status_idx on watch_results (case_id, status, first_seen_at desc);

-- Each removal re-check of a location, with what was seen (never the page text itself).
create table location_checks (
  id uuid primary key default gen_random_uuid(),
  -- Order of the checks (a manual and a scheduled one may share a clock tick).
  seq bigint generated always as identity,
  location_id uuid not null constraint location_checks_location_id_fkey references locations (id) on delete cascade,
  case_id uuid not null constraint location_checks_case_id_fkey references cases (id) on delete cascade,
  at timestamptz not null,
  trigger text not null constraint location_checks_trigger_check check (trigger in ('schedule', 'manual')),
  requested_by uuid constraint location_checks_requested_by_fkey references users (id) on delete set null,
  outcome text not null constraint location_checks_outcome_check check (outcome in ('online', 'removed', 'unknown')),
  http_status integer,
  final_url text,
  reason text not null,
  -- { "v": 1, "bodySha256", "bodyBytes", "contentType", "matchedMarker", "keyText", "redirects" }
  evidence jsonb not null,
  next_check_at timestamptz
);
create index location_checks_location_idx on location_checks (location_id, seq desc);

-- Re-check schedule of each location: hourly the first day after it was added, then daily;
-- consecutive unknown outcomes stretch the interval (check_backoff).
alter table locations add column next_check_at timestamptz;
alter table locations add column check_backoff integer not null default 0;
create index locations_next_check_idx on locations (next_check_at);
