-- Evidence (DESIGN.md §3): content-addressed blobs, evidence records with their artefacts and
-- sealed manifests, and capture/upload bookkeeping.

-- Every blob in the store, by SHA-256 (the store key). Blobs are never overwritten or edited.
create table blobs (
  sha256 text primary key,
  size bigint not null,
  store text not null constraint blobs_store_check check (store in ('file', 's3')),
  created_at timestamptz not null,
  constraint blobs_sha256_check check (sha256 ~ '^[0-9a-f]{64}$')
);

create table evidence (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null constraint evidence_case_id_fkey references cases (id) on delete cascade,
  location_id uuid constraint evidence_location_id_fkey references locations (id) on delete set null,
  -- capture: server capture of a URL; upload: files sent by a person; extension: browser extension.
  source text not null constraint evidence_source_check check (source in ('capture', 'upload', 'extension')),
  status text not null constraint evidence_status_check check (status in ('queued', 'capturing', 'sealed', 'failed')),
  source_url text,
  title text,
  comment text,
  requested_by uuid not null constraint evidence_requested_by_fkey references users (id),
  created_at timestamptz not null,
  started_at timestamptz,
  captured_at timestamptz,
  finished_at timestamptz,
  sealed_at timestamptz,
  attempts integer not null default 0,
  -- Progress step of a running capture (loading, screenshot, pdf, archive, sealing) for the UI.
  progress text,
  error_code text,
  error_message text,
  -- The sealed manifest (canonical JSON, versioned) and its SHA-256, also in the ledger.
  manifest jsonb,
  manifest_sha256 text,
  constraint evidence_sealed_check check (status <> 'sealed' or (manifest is not null and manifest_sha256 is not null and sealed_at is not null))
);
create index evidence_case_id_idx on evidence (case_id, created_at);
create index evidence_status_idx on evidence (status) where status in ('queued', 'capturing');

create table artefacts (
  id uuid primary key default gen_random_uuid(),
  evidence_id uuid not null constraint artefacts_evidence_id_fkey references evidence (id) on delete cascade,
  kind text not null constraint artefacts_kind_check check (
    kind in ('screenshot', 'viewport', 'pdf', 'mhtml', 'html', 'http', 'wacz', 'upload', 'thumbnail')),
  media_type text not null,
  size bigint not null,
  sha256 text not null constraint artefacts_sha256_fkey references blobs (sha256),
  filename text not null,
  -- The first artefact of a kind is the one served by /evidence/{id}/artefacts/{kind}.
  ordinal integer not null default 1,
  -- Extracted metadata (e-mail headers, EXIF, client hash), also in the manifest.
  meta jsonb not null default '{}',
  created_at timestamptz not null,
  constraint artefacts_kind_ordinal_key unique (evidence_id, kind, ordinal)
);
create index artefacts_sha256_idx on artefacts (sha256);
