-- Authentication (Foundation issue, auth part): TOTP replay guard, mail outbox bookkeeping,
-- lookups used by password reset and the admin mail view.
-- Forward-only; never edit once merged (CONVENTIONS.md §9).

-- The last 30 s TOTP step accepted for this user: a code is accepted once (RFC 6238 §5.2),
-- so a code read over someone's shoulder or replayed from a log cannot open a second session.
alter table users add column totp_last_step bigint;

-- When delivery was last tried (sent or failed): the retry scheduler backs off on it, and a row
-- left 'pending' by a process that died mid-send can be recognised as stale.
alter table mail_messages add column last_attempt_at timestamptz;
create index mail_messages_status_idx on mail_messages (status, created_at);

-- A new reset link or a password change voids the user's earlier, unused links.
create index password_resets_user_id_idx on password_resets (user_id);
