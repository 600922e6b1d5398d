import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface DevicePairingsTable {
  id: Generated<string>;
  user_code_hash: string;
  poll_secret_hash: string;
  client_name: string;
  client_kind: 'extension' | 'app' | 'other';
  created_at: Timestamp;
  expires_at: Timestamp;
  approved_by: string | null;
  approved_at: Timestamp | null;
  token_id: string | null;
  consumed_at: Timestamp | null;
}

export interface PairingTables {
  device_pairings: DevicePairingsTable;
}
