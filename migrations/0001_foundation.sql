-- Foundation: organisation, units, people, logins, grants, sessions, tokens, rate limits, ledger.
-- Forward-only; never edit once merged (CONVENTIONS.md §9).

create table organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null,
  default_locale text not null default 'fr-CA',
  -- Business calendar (PLAYBOOK.md clock rules): zone, hours, weekdays, Easter options.
  time_zone text not null default 'America/Toronto',
  work_day_start text not null default '08:00',
  work_day_end text not null default '17:00',
  work_days smallint[] not null default '{1,2,3,4,5}',
  good_friday_off boolean not null default true,
  easter_monday_off boolean not null default true,
  -- Roles whose users must enrol a second factor before using the app.
  require_totp_roles text[] not null default '{}',
  created_at timestamptz not null,
  constraint organisations_slug_key unique (slug)
);

create table closure_days (
  organisation_id uuid not null constraint closure_days_organisation_id_fkey references organisations (id) on delete cascade,
  day date not null,
  label text not null default '',
  constraint closure_days_pkey primary key (organisation_id, day)
);

-- A union or a managers' association that staff belong to.
create table associations (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null constraint associations_organisation_id_fkey references organisations (id) on delete cascade,
  name text not null,
  kind text not null constraint associations_kind_check check (kind in ('union', 'managers')),
  created_at timestamptz not null,
  constraint associations_name_key unique (organisation_id, name)
);

create table units (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null constraint units_organisation_id_fkey references organisations (id) on delete cascade,
  name text not null,
  kind text not null constraint units_kind_check check (kind in ('school', 'service')),
  code text,
  created_at timestamptz not null,
  constraint units_name_key unique (organisation_id, name),
  constraint units_code_key unique (organisation_id, code)
);

create table persons (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null constraint persons_organisation_id_fkey references organisations (id) on delete cascade,
  unit_id uuid constraint persons_unit_id_fkey references units (id) on delete set null,
  association_id uuid constraint persons_association_id_fkey references associations (id) on delete set null,
  full_name text not null,
  email text not null,
  job_title text not null default '',
  employee_number text,
  preferred_locale text not null default 'fr-CA',
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint persons_employee_number_key unique (organisation_id, employee_number)
);
create unique index persons_email_key on persons (organisation_id, lower(email));
create index persons_unit_id_idx on persons (unit_id);

create table users (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null constraint users_organisation_id_fkey references organisations (id) on delete cascade,
  person_id uuid constraint users_person_id_fkey references persons (id) on delete set null,
  email text not null,
  display_name text not null,
  password_hash text,
  preferred_locale text not null default 'fr-CA',
  status text not null default 'active' constraint users_status_check check (status in ('active', 'disabled')),
  totp_secret text,
  totp_enabled_at timestamptz,
  recovery_code_hashes text[] not null default '{}',
  created_at timestamptz not null,
  last_login_at timestamptz,
  constraint users_person_id_key unique (person_id)
);
-- Login is by e-mail across the whole installation.
create unique index users_email_key on users (lower(email));

create table role_grants (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null constraint role_grants_user_id_fkey references users (id) on delete cascade,
  role text not null constraint role_grants_role_check check (
    role in ('staff', 'supervisor', 'general_direction', 'hr', 'it', 'union', 'legal', 'committee', 'admin')),
  -- Scope: the whole organisation (both null), one unit (supervisor), or one association (union).
  unit_id uuid constraint role_grants_unit_id_fkey references units (id) on delete cascade,
  association_id uuid constraint role_grants_association_id_fkey references associations (id) on delete cascade,
  -- The primary holder of a role in its scope receives the tasks (Cases issue).
  is_primary boolean not null default false,
  created_at timestamptz not null,
  constraint role_grants_scope_check check (unit_id is null or association_id is null)
);
create unique index role_grants_unique_key on role_grants (
  user_id, role, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid),
  coalesce(association_id, '00000000-0000-0000-0000-000000000000'::uuid));
create index role_grants_unit_id_idx on role_grants (unit_id);

create table sessions (
  -- SHA-256 of the cookie value; the value itself is never stored.
  id text primary key,
  user_id uuid not null constraint sessions_user_id_fkey references users (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  last_seen_at timestamptz not null,
  revoked_at timestamptz,
  user_agent text not null default '',
  -- Set after a second factor was verified at login (TOTP enrolment may be required).
  second_factor boolean not null default false
);
create index sessions_user_id_idx on sessions (user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null constraint api_tokens_user_id_fkey references users (id) on delete cascade,
  label text not null,
  token_hash text not null,
  prefix text not null,
  scopes text[] not null default '{all}',
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz,
  constraint api_tokens_token_hash_key unique (token_hash)
);
create index api_tokens_user_id_idx on api_tokens (user_id);

create table password_resets (
  token_hash text primary key,
  user_id uuid not null constraint password_resets_user_id_fkey references users (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);

-- Fixed-window counters shared by every process (login attempts per e-mail and per address).
create table rate_limits (
  key text primary key,
  window_start timestamptz not null,
  count integer not null
);

-- The ledger (DESIGN.md §3): append-only hash chain. Bodies hold ids, actions, times and
-- digests only, never free text or personal data.
create table ledger_entries (
  seq bigint primary key,
  at timestamptz not null,
  organisation_id uuid,
  case_id uuid,
  action text not null,
  body jsonb not null,
  digest text not null,
  prev_hash text not null,
  hash text not null,
  constraint ledger_entries_seq_check check (seq >= 1),
  constraint ledger_entries_hash_key unique (hash)
);
create index ledger_entries_case_id_idx on ledger_entries (case_id) where case_id is not null;

create function ledger_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'ledger_entries is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger ledger_entries_no_update before update or delete on ledger_entries
  for each row execute function ledger_refuse_change();
create trigger ledger_entries_no_truncate before truncate on ledger_entries
  for each statement execute function ledger_refuse_change();

-- Outgoing mail (sent by SMTP or written to the outbox dir), kept for retry and admin review.
create table mail_messages (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid constraint mail_messages_organisation_id_fkey references organisations (id) on delete cascade,
  to_address text not null,
  template text not null,
  locale text not null,
  subject text not null,
  -- Template parameters (ids, reference, link): the message is rendered again on retry.
  params jsonb not null default '{}',
  status text not null default 'pending' constraint mail_messages_status_check check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null,
  sent_at timestamptz
);
