// Row types of the Cases tables (migrations/0004_cases.sql), for Kysely.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;

export interface PlaybooksTable {
  id: Generated<string>;
  organisation_id: string;
  version: number;
  definition: Json<Record<string, unknown>>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CaseReferenceCountersTable {
  organisation_id: string;
  year: number;
  last_value: number;
}

export interface CasesTable {
  id: Generated<string>;
  organisation_id: string;
  reference: string;
  status: string;
  summary: string;
  occurred_at: Timestamp | null;
  flags: Json<Record<string, boolean>>;
  affected_person_id: string;
  unit_id: string | null;
  supervisor_is_general_direction: Generated<boolean>;
  opened_by: string;
  playbook_id: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface CaseParticipantsTable {
  case_id: string;
  user_id: string;
  role: string;
  joined_at: Timestamp;
  added_by: string | null;
  reason: string;
  removed_at: Timestamp | null;
}

export interface CaseRolesTable {
  case_id: string;
  role: string;
  joined_at: Timestamp;
}

export interface CaseAccessGrantsTable {
  id: Generated<string>;
  case_id: string;
  user_id: string;
  granted_by: string;
  reason: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface LocationsTable {
  id: Generated<string>;
  case_id: string;
  url: string;
  host: string;
  provider_id: string | null;
  author_handle: string | null;
  first_seen_at: Timestamp | null;
  status: Generated<'online' | 'removed' | 'unknown'>;
  last_checked_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface TasksTable {
  id: Generated<string>;
  case_id: string;
  step_key: string;
  location_id: string | null;
  occurrence: Generated<number>;
  role: string;
  status: 'pending' | 'open' | 'done' | 'not_applicable';
  assignee_user_id: string | null;
  activated_at: Timestamp | null;
  due_at: Timestamp | null;
  completed_at: Timestamp | null;
  completed_by: string | null;
  completion_source: string | null;
  note: string | null;
  na_reason: string | null;
  retired_by_system: Generated<boolean>;
  reminded_at: Timestamp | null;
  escalation_level: Generated<number>;
  next_check_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseRecordsTable {
  id: Generated<string>;
  case_id: string;
  type: string;
  data: Json<Record<string, unknown>>;
  private: Generated<boolean>;
  author_user_id: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseRecordVersionsTable {
  record_id: string;
  version: number;
  data: Json<Record<string, unknown>>;
  author_user_id: string;
  created_at: Timestamp;
}

export interface ConsentsTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  purpose: 'union_notice' | 'takedown' | 'police_dossier_share';
  granted: boolean;
  recorded_by: string;
  reauthenticated_with: 'password' | 'totp';
  recorded_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  case_id: string | null;
  task_id: string | null;
  kind: string;
  params: Json<Record<string, string | number>>;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface CaseAccessLogTable {
  id: Generated<string>;
  case_id: string;
  user_id: string;
  action: string;
  at: Timestamp;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  route: string;
  request_hash: string;
  status_code: number;
  response: Json<object>;
  created_at: Timestamp;
}

export interface CaseTables {
  playbooks: PlaybooksTable;
  case_reference_counters: CaseReferenceCountersTable;
  cases: CasesTable;
  case_participants: CaseParticipantsTable;
  case_roles: CaseRolesTable;
  case_access_grants: CaseAccessGrantsTable;
  locations: LocationsTable;
  tasks: TasksTable;
  case_records: CaseRecordsTable;
  case_record_versions: CaseRecordVersionsTable;
  consents: ConsentsTable;
  notifications: NotificationsTable;
  case_access_log: CaseAccessLogTable;
  idempotency_keys: IdempotencyKeysTable;
}
