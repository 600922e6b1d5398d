-- Removal requests (steps 4.3.2, 4.3.3) and account recovery (4.6.2): the provider directory and
-- help organisations (seed/providers/providers.json, loaded on start; local edits kept), removal
-- requests with their locations, follow-ups and signed mandates, abuse-contact lookups (RDAP),
-- account-recovery checklists, and each organisation's reminder delay (docs/takedowns.md).

-- The provider directory is installation-wide. `data` is the entry as last loaded from the seed
-- (or as created, for a custom provider); `overrides` holds an admin's edits, whole fields, and
-- is never touched by a seed upgrade.
create table providers (
  id text primary key constraint providers_id_check check (id ~ '^[a-z0-9][a-z0-9_]{0,39}$'),
  source text not null constraint providers_source_check check (source in ('seed', 'custom')),
  data jsonb not null,
  -- The seed file's lastReviewed date when this entry was last loaded from it.
  seed_reviewed date,
  overrides jsonb not null default '{}',
  -- Set when an admin marks the entry reviewed.
  last_reviewed date,
  edited_by uuid constraint providers_edited_by_fkey references users (id) on delete set null,
  edited_at timestamptz,
  created_by uuid constraint providers_created_by_fkey references users (id) on delete set null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table help_organisations (
  id text primary key constraint help_organisations_id_check check (id ~ '^[a-z0-9][a-z0-9_]{0,39}$'),
  source text not null constraint help_organisations_source_check check (source in ('seed', 'custom')),
  data jsonb not null,
  seed_reviewed date,
  overrides jsonb not null default '{}',
  last_reviewed date,
  edited_by uuid constraint help_organisations_edited_by_fkey references users (id) on delete set null,
  edited_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- Days without an answer before a removal request is brought back to its author and IT.
create table takedown_settings (
  organisation_id uuid primary key constraint takedown_settings_organisation_id_fkey references organisations (id) on delete cascade,
  reminder_days integer not null default 7 constraint takedown_settings_reminder_days_check check (reminder_days between 1 and 90),
  updated_by uuid constraint takedown_settings_updated_by_fkey references users (id) on delete set null,
  updated_at timestamptz not null
);

create table takedown_requests (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null constraint takedown_requests_case_id_fkey references cases (id) on delete cascade,
  provider_id text not null constraint takedown_requests_provider_id_fkey references providers (id),
  ground text not null constraint takedown_requests_ground_check check (
    ground in ('harassment', 'defamation', 'impersonation', 'intimate_images', 'privacy', 'other')),
  status text not null default 'draft' constraint takedown_requests_status_check check (
    status in ('draft', 'submitted', 'acknowledged', 'removed', 'refused', 'no_response')),
  -- The channel: a directory channel's URL (or mailto:), or a person's description of it.
  channel text,
  channel_method text,
  -- Who files it: the board (as representative, with a signed mandate where the channel asks
  -- for one) or the staff member themself (platforms that accept only the targeted person).
  filer text not null default 'board' constraint takedown_requests_filer_check check (filer in ('board', 'staff_member')),
  -- Generated texts (both languages), regenerated on request while a draft.
  text_fr text not null,
  text_en text not null,
  generated_at timestamptz not null,
  -- A person's edit of the text, in text_locale; null = the generated text of that language.
  text_edited text,
  text_locale text not null default 'fr-CA' constraint takedown_requests_text_locale_check check (text_locale in ('fr-CA', 'en')),
  -- Exactly what was sent, frozen at submission.
  sent_text text,
  reference_number text,
  submitted_at timestamptz,
  submitted_by uuid constraint takedown_requests_submitted_by_fkey references users (id) on delete set null,
  acknowledged_at timestamptz,
  closed_at timestamptz,
  closed_by uuid constraint takedown_requests_closed_by_fkey references users (id) on delete set null,
  -- How a removal was established: a re-check found the content gone, or a person confirmed it.
  removal_basis text constraint takedown_requests_removal_basis_check check (removal_basis in ('recheck', 'confirmation')),
  confirmation_note text,
  -- Submitted although a location had no sealed evidence: who, when, why.
  override_reason text,
  override_by uuid constraint takedown_requests_override_by_fkey references users (id) on delete set null,
  override_at timestamptz,
  next_reminder_at timestamptz,
  last_reminded_at timestamptz,
  reminder_count integer not null default 0,
  created_by uuid constraint takedown_requests_created_by_fkey references users (id) on delete set null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  constraint takedown_requests_submitted_check check (status = 'draft' or submitted_at is not null),
  constraint takedown_requests_removed_check check (status <> 'removed' or removal_basis is not null)
);
create index takedown_requests_case_idx on takedown_requests (case_id, created_at);
create index takedown_requests_reminder_idx on takedown_requests (next_reminder_at) where next_reminder_at is not null;

create table takedown_request_locations (
  request_id uuid not null constraint takedown_request_locations_request_id_fkey references takedown_requests (id) on delete cascade,
  location_id uuid not null constraint takedown_request_locations_location_id_fkey references locations (id) on delete cascade,
  position integer not null,
  constraint takedown_request_locations_pkey primary key (request_id, location_id)
);
create index takedown_request_locations_location_idx on takedown_request_locations (location_id);

-- The request's history: people's notes, reminders sent, provider replies, status changes.
create table takedown_followups (
  id uuid primary key default gen_random_uuid(),
  -- Insertion order (several entries can share a time).
  seq bigint generated always as identity,
  request_id uuid not null constraint takedown_followups_request_id_fkey references takedown_requests (id) on delete cascade,
  kind text not null constraint takedown_followups_kind_check check (
    kind in ('note', 'reminder_sent', 'provider_reply', 'status_changed', 'reminder_due')),
  note text,
  status_from text,
  status_to text,
  at timestamptz not null,
  by uuid constraint takedown_followups_by_fkey references users (id) on delete set null
);
create index takedown_followups_request_idx on takedown_followups (request_id, at, seq);

-- Signed mandate letters (scans) naming the board as the staff member's representative.
create table takedown_mandates (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null constraint takedown_mandates_request_id_fkey references takedown_requests (id) on delete cascade,
  sha256 text not null constraint takedown_mandates_sha256_fkey references blobs (sha256),
  size bigint not null,
  media_type text not null,
  filename text not null,
  uploaded_by uuid not null constraint takedown_mandates_uploaded_by_fkey references users (id),
  uploaded_at timestamptz not null
);
create index takedown_mandates_request_idx on takedown_mandates (request_id, uploaded_at);

-- RDAP answers for a location's host (registrar and network abuse contacts), kept with the date.
create table abuse_contact_lookups (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null constraint abuse_contact_lookups_case_id_fkey references cases (id) on delete cascade,
  location_id uuid not null constraint abuse_contact_lookups_location_id_fkey references locations (id) on delete cascade,
  domain text not null,
  result jsonb not null,
  looked_up_by uuid constraint abuse_contact_lookups_looked_up_by_fkey references users (id) on delete set null,
  looked_up_at timestamptz not null
);
create index abuse_contact_lookups_location_idx on abuse_contact_lookups (location_id, looked_up_at desc);

-- Step 4.6.2: per provider of a compromised account, the recovery steps done (who, when).
create table account_recovery_providers (
  case_id uuid not null constraint account_recovery_providers_case_id_fkey references cases (id) on delete cascade,
  provider_id text not null constraint account_recovery_providers_provider_id_fkey references providers (id),
  added_by uuid constraint account_recovery_providers_added_by_fkey references users (id) on delete set null,
  added_at timestamptz not null,
  constraint account_recovery_providers_pkey primary key (case_id, provider_id)
);

create table account_recovery_checks (
  case_id uuid not null,
  provider_id text not null,
  step text not null,
  done boolean not null,
  note text,
  at timestamptz not null,
  by uuid constraint account_recovery_checks_by_fkey references users (id) on delete set null,
  constraint account_recovery_checks_pkey primary key (case_id, provider_id, step),
  constraint account_recovery_checks_provider_fkey foreign key (case_id, provider_id)
    references account_recovery_providers (case_id, provider_id) on delete cascade
);
