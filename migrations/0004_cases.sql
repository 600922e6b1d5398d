-- Cases and the procedure: playbooks, cases, participants, locations, tasks, records,
-- consents, notifications, access log, idempotency keys.

create table playbooks (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null constraint playbooks_organisation_id_fkey references organisations (id) on delete cascade,
  version integer not null,
  definition jsonb not null,
  created_by uuid constraint playbooks_created_by_fkey references users (id) on delete set null,
  created_at timestamptz not null,
  constraint playbooks_version_key unique (organisation_id, version)
);

-- Yearly reference sequences: incremented in the intake transaction, so a rolled-back intake
-- leaves no gap and concurrent intakes never share a number.
create table case_reference_counters (
  organisation_id uuid not null constraint case_reference_counters_organisation_id_fkey references organisations (id) on delete cascade,
  year integer not null,
  last_value integer not null,
  constraint case_reference_counters_pkey primary key (organisation_id, year)
);

create table cases (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null constraint cases_organisation_id_fkey references organisations (id) on delete cascade,
  reference text not null,
  status text not null constraint cases_status_check check (status in ('reported', 'acknowledged', 'in_progress', 'mitigated', 'closed')),
  summary text not null,
  occurred_at timestamptz,
  flags jsonb not null default '{}',
  affected_person_id uuid not null constraint cases_affected_person_id_fkey references persons (id),
  unit_id uuid constraint cases_unit_id_fkey references units (id) on delete set null,
  -- General direction takes the supervisor's place when the case is about the unit's supervisor.
  supervisor_is_general_direction boolean not null default false,
  opened_by uuid not null constraint cases_opened_by_fkey references users (id),
  playbook_id uuid not null constraint cases_playbook_id_fkey references playbooks (id),
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  closed_at timestamptz,
  constraint cases_reference_key unique (organisation_id, reference)
);
create index cases_organisation_created_idx on cases (organisation_id, created_at desc);
create index cases_affected_person_id_idx on cases (affected_person_id);

create table case_participants (
  case_id uuid not null constraint case_participants_case_id_fkey references cases (id) on delete cascade,
  user_id uuid not null constraint case_participants_user_id_fkey references users (id) on delete cascade,
  role text not null,
  joined_at timestamptz not null,
  added_by uuid constraint case_participants_added_by_fkey references users (id) on delete set null,
  -- Why: procedure (intake, 4.2.2, union consent) or a person's decision (with a reason).
  reason text not null,
  removed_at timestamptz,
  constraint case_participants_pkey primary key (case_id, user_id, role)
);
create index case_participants_user_id_idx on case_participants (user_id) where removed_at is null;

-- Roles that joined the case (their tasks' clocks run), independent of individual holders.
create table case_roles (
  case_id uuid not null constraint case_roles_case_id_fkey references cases (id) on delete cascade,
  role text not null,
  joined_at timestamptz not null,
  constraint case_roles_pkey primary key (case_id, role)
);

-- Explicit, logged, time-limited access (DESIGN.md §7).
create table case_access_grants (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null constraint case_access_grants_case_id_fkey references cases (id) on delete cascade,
  user_id uuid not null constraint case_access_grants_user_id_fkey references users (id) on delete cascade,
  granted_by uuid not null constraint case_access_grants_granted_by_fkey references users (id),
  reason text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index case_access_grants_user_idx on case_access_grants (user_id, expires_at);

create table locations (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null constraint locations_case_id_fkey references cases (id) on delete cascade,
  url text not null,
  host text not null,
  provider_id text,
  author_handle text,
  first_seen_at timestamptz,
  status text not null default 'unknown' constraint locations_status_check check (status in ('online', 'removed', 'unknown')),
  last_checked_at timestamptz,
  created_by uuid constraint locations_created_by_fkey references users (id) on delete set null,
  created_at timestamptz not null,
  constraint locations_url_key unique (case_id, url)
);

create table tasks (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null constraint tasks_case_id_fkey references cases (id) on delete cascade,
  step_key text not null,
  location_id uuid constraint tasks_location_id_fkey references locations (id) on delete cascade,
  occurrence integer not null default 1,
  role text not null,
  status text not null constraint tasks_status_check check (status in ('pending', 'open', 'done', 'not_applicable')),
  assignee_user_id uuid constraint tasks_assignee_user_id_fkey references users (id) on delete set null,
  activated_at timestamptz,
  due_at timestamptz,
  completed_at timestamptz,
  completed_by uuid constraint tasks_completed_by_fkey references users (id) on delete set null,
  -- 'system' when Rempart did the step itself (4.1.2 at intake, 4.1.1 on first sealed evidence).
  completion_source text,
  note text,
  na_reason text,
  retired_by_system boolean not null default false,
  reminded_at timestamptz,
  escalation_level integer not null default 0,
  next_check_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint tasks_step_occurrence_key unique nulls not distinct (case_id, step_key, location_id, occurrence)
);
create index tasks_case_id_idx on tasks (case_id);
create index tasks_assignee_open_idx on tasks (assignee_user_id, due_at) where status = 'open';
create index tasks_next_check_idx on tasks (next_check_at) where status = 'open' and next_check_at is not null;

create table case_records (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null constraint case_records_case_id_fkey references cases (id) on delete cascade,
  type text not null constraint case_records_type_check check (
    type in ('meeting', 'instigator', 'parent_contact', 'police_report', 'legal_consultation', 'communication_draft', 'note')),
  data jsonb not null,
  -- A private note is seen by its author only.
  private boolean not null default false,
  author_user_id uuid not null constraint case_records_author_user_id_fkey references users (id),
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index case_records_case_id_idx on case_records (case_id, created_at);

-- Every saved version of a record (communication drafts are approved version by version).
create table case_record_versions (
  record_id uuid not null constraint case_record_versions_record_id_fkey references case_records (id) on delete cascade,
  version integer not null,
  data jsonb not null,
  author_user_id uuid not null constraint case_record_versions_author_user_id_fkey references users (id),
  created_at timestamptz not null,
  constraint case_record_versions_pkey primary key (record_id, version)
);

create table consents (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null constraint consents_case_id_fkey references cases (id) on delete cascade,
  person_id uuid not null constraint consents_person_id_fkey references persons (id),
  purpose text not null constraint consents_purpose_check check (purpose in ('union_notice', 'takedown', 'police_dossier_share')),
  granted boolean not null,
  recorded_by uuid not null constraint consents_recorded_by_fkey references users (id),
  reauthenticated_with text not null constraint consents_reauth_check check (reauthenticated_with in ('password', 'totp')),
  recorded_at timestamptz not null
);
create index consents_case_purpose_idx on consents (case_id, purpose, recorded_at desc);

create table notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null constraint notifications_user_id_fkey references users (id) on delete cascade,
  case_id uuid constraint notifications_case_id_fkey references cases (id) on delete cascade,
  task_id uuid constraint notifications_task_id_fkey references tasks (id) on delete cascade,
  kind text not null,
  params jsonb not null default '{}',
  created_at timestamptz not null,
  read_at timestamptz
);
create index notifications_user_unread_idx on notifications (user_id, created_at desc) where read_at is null;
create index notifications_case_idx on notifications (case_id, created_at);

-- Reads of a case by anyone but its affected person (append-only; the affected person sees it).
create table case_access_log (
  id bigint generated always as identity primary key,
  case_id uuid not null constraint case_access_log_case_id_fkey references cases (id) on delete cascade,
  user_id uuid not null constraint case_access_log_user_id_fkey references users (id) on delete cascade,
  action text not null,
  at timestamptz not null
);
create index case_access_log_case_idx on case_access_log (case_id, at desc);
create function case_access_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'case_access_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger case_access_log_no_update before update on case_access_log
  for each row execute function case_access_log_refuse_change();

-- Idempotency-Key: a retried POST returns the first answer and creates nothing.
create table idempotency_keys (
  user_id uuid not null constraint idempotency_keys_user_id_fkey references users (id) on delete cascade,
  key text not null,
  route text not null,
  request_hash text not null,
  status_code integer not null,
  response jsonb not null,
  created_at timestamptz not null,
  constraint idempotency_keys_pkey primary key (user_id, key)
);
