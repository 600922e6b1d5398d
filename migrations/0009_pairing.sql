-- Pairing a browser extension or an installed phone app with a user, without a password or a
-- pasted token (device authorisation, as in RFC 8628): the client shows a short code, the
-- signed-in user approves it in the web app, the client collects a token scoped to capture.
create table device_pairings (
  id uuid primary key default gen_random_uuid(),
  user_code_hash text not null,
  poll_secret_hash text not null,
  client_name text not null,
  client_kind text not null constraint device_pairings_kind_check check (client_kind in ('extension', 'app', 'other')),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  approved_by uuid constraint device_pairings_approved_by_fkey references users (id) on delete cascade,
  approved_at timestamptz,
  token_id uuid constraint device_pairings_token_id_fkey references api_tokens (id) on delete set null,
  consumed_at timestamptz,
  constraint device_pairings_user_code_key unique (user_code_hash)
);
create index device_pairings_expires_idx on device_pairings (expires_at);
