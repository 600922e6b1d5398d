// Row types of the Takedown tables (migrations/0007_takedowns.sql), for Kysely.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A `date` column, read as 'YYYY-MM-DD' (the pg type parser is set in database.ts). */
type DateColumn = ColumnType<string, string, string>;
type Json<T extends object> = JSONColumnType<T, string, string>;
type BigIntColumn = ColumnType<string, string | number | bigint, string | number | bigint>;

export interface ProvidersTable {
  id: string;
  source: 'seed' | 'custom';
  data: Json<Record<string, unknown>>;
  seed_reviewed: DateColumn | null;
  overrides: ColumnType<Record<string, unknown>, string | undefined, string>;
  last_reviewed: DateColumn | null;
  edited_by: string | null;
  edited_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HelpOrganisationsTable {
  id: string;
  source: 'seed' | 'custom';
  data: Json<Record<string, unknown>>;
  seed_reviewed: DateColumn | null;
  overrides: ColumnType<Record<string, unknown>, string | undefined, string>;
  last_reviewed: DateColumn | null;
  edited_by: string | null;
  edited_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TakedownSettingsTable {
  organisation_id: string;
  reminder_days: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export type TakedownStatusColumn = 'draft' | 'submitted' | 'acknowledged' | 'removed' | 'refused' | 'no_response';

export interface TakedownRequestsTable {
  id: Generated<string>;
  case_id: string;
  provider_id: string;
  ground: 'harassment' | 'defamation' | 'impersonation' | 'intimate_images' | 'privacy' | 'other';
  status: Generated<TakedownStatusColumn>;
  channel: string | null;
  channel_method: string | null;
  filer: Generated<'board' | 'staff_member'>;
  text_fr: string;
  text_en: string;
  generated_at: Timestamp;
  text_edited: string | null;
  text_locale: Generated<'fr-CA' | 'en'>;
  sent_text: string | null;
  reference_number: string | null;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  acknowledged_at: Timestamp | null;
  closed_at: Timestamp | null;
  closed_by: string | null;
  removal_basis: 'recheck' | 'confirmation' | null;
  confirmation_note: string | null;
  override_reason: string | null;
  override_by: string | null;
  override_at: Timestamp | null;
  next_reminder_at: Timestamp | null;
  last_reminded_at: Timestamp | null;
  reminder_count: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface TakedownRequestLocationsTable {
  request_id: string;
  location_id: string;
  position: number;
}

export type TakedownFollowupKindColumn = 'note' | 'reminder_sent' | 'provider_reply' | 'status_changed' | 'reminder_due';

export interface TakedownFollowupsTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  request_id: string;
  kind: TakedownFollowupKindColumn;
  note: string | null;
  status_from: string | null;
  status_to: string | null;
  at: Timestamp;
  by: string | null;
}

export interface TakedownMandatesTable {
  id: Generated<string>;
  request_id: string;
  sha256: string;
  size: BigIntColumn;
  media_type: string;
  filename: string;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

export interface AbuseContactLookupsTable {
  id: Generated<string>;
  case_id: string;
  location_id: string;
  domain: string;
  result: Json<Record<string, unknown>>;
  looked_up_by: string | null;
  looked_up_at: Timestamp;
}

export interface AccountRecoveryProvidersTable {
  case_id: string;
  provider_id: string;
  added_by: string | null;
  added_at: Timestamp;
}

export interface AccountRecoveryChecksTable {
  case_id: string;
  provider_id: string;
  step: string;
  done: boolean;
  note: string | null;
  at: Timestamp;
  by: string | null;
}

export interface TakedownTables {
  providers: ProvidersTable;
  help_organisations: HelpOrganisationsTable;
  takedown_settings: TakedownSettingsTable;
  takedown_requests: TakedownRequestsTable;
  takedown_request_locations: TakedownRequestLocationsTable;
  takedown_followups: TakedownFollowupsTable;
  takedown_mandates: TakedownMandatesTable;
  abuse_contact_lookups: AbuseContactLookupsTable;
  account_recovery_providers: AccountRecoveryProvidersTable;
  account_recovery_checks: AccountRecoveryChecksTable;
}
