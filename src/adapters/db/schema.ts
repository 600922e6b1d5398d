// Row types of the database, for Kysely. Keep in step with migrations/.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { CaseTables } from './schema-cases.js';
import type { PairingTables } from './schema-pairing.js';
import type { EvidenceTables } from './schema-evidence.js';
import type { TakedownTables } from './schema-takedowns.js';
import type { WatchTables } from './schema-watches.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedId = Generated<string>;

export interface OrganisationsTable {
  id: GeneratedId;
  name: string;
  slug: string;
  default_locale: Generated<string>;
  time_zone: Generated<string>;
  work_day_start: Generated<string>;
  work_day_end: Generated<string>;
  work_days: Generated<number[]>;
  good_friday_off: Generated<boolean>;
  easter_monday_off: Generated<boolean>;
  require_totp_roles: Generated<string[]>;
  created_at: Timestamp;
}

export interface ClosureDaysTable {
  organisation_id: string;
  day: ColumnType<string, string, string>;
  label: Generated<string>;
}

export interface AssociationsTable {
  id: GeneratedId;
  organisation_id: string;
  name: string;
  kind: 'union' | 'managers';
  created_at: Timestamp;
}

export interface UnitsTable {
  id: GeneratedId;
  organisation_id: string;
  name: string;
  kind: 'school' | 'service';
  code: string | null;
  created_at: Timestamp;
}

export interface PersonsTable {
  id: GeneratedId;
  organisation_id: string;
  unit_id: string | null;
  association_id: string | null;
  full_name: string;
  email: string;
  job_title: Generated<string>;
  employee_number: string | null;
  preferred_locale: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: GeneratedId;
  organisation_id: string;
  person_id: string | null;
  email: string;
  display_name: string;
  password_hash: string | null;
  preferred_locale: Generated<string>;
  status: Generated<'active' | 'disabled'>;
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  recovery_code_hashes: Generated<string[]>;
  created_at: Timestamp;
  last_login_at: Timestamp | null;
  /** 0003: last accepted TOTP step (bigint, read as a string). */
  totp_last_step: ColumnType<string | null, string | number | null | undefined, string | number | null>;
}

export interface RoleGrantsTable {
  id: GeneratedId;
  user_id: string;
  role: string;
  unit_id: string | null;
  association_id: string | null;
  is_primary: Generated<boolean>;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  revoked_at: Timestamp | null;
  user_agent: Generated<string>;
  second_factor: Generated<boolean>;
}

export interface ApiTokensTable {
  id: GeneratedId;
  user_id: string;
  label: string;
  token_hash: string;
  prefix: string;
  scopes: Generated<string[]>;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

export interface LedgerEntriesTable {
  seq: ColumnType<string, string | number | bigint, never>;
  at: Timestamp;
  organisation_id: string | null;
  case_id: string | null;
  action: string;
  body: JSONColumnType<Record<string, unknown>, string, never>;
  digest: string;
  prev_hash: string;
  hash: string;
}

export interface MailMessagesTable {
  id: GeneratedId;
  organisation_id: string | null;
  to_address: string;
  template: string;
  locale: string;
  subject: string;
  params: JSONColumnType<Record<string, unknown>, string, string>;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  /** 0003 */
  last_attempt_at: Timestamp | null;
}

export interface SchemaMigrationsTable {
  version: string;
  checksum: string;
  applied_at: Timestamp;
}

// `locations` comes from WatchTables: 0008 adds its re-check columns.
export interface Database extends Omit<CaseTables, 'locations'>, EvidenceTables, WatchTables, PairingTables, TakedownTables {
  organisations: OrganisationsTable;
  closure_days: ClosureDaysTable;
  associations: AssociationsTable;
  units: UnitsTable;
  persons: PersonsTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  password_resets: PasswordResetsTable;
  rate_limits: RateLimitsTable;
  ledger_entries: LedgerEntriesTable;
  mail_messages: MailMessagesTable;
  schema_migrations: SchemaMigrationsTable;
}
