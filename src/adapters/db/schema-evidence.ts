// Row types of the Evidence tables (migrations/0005_evidence.sql), for Kysely.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type BigIntColumn = ColumnType<string, string | number | bigint, string | number | bigint>;

export interface BlobsTable {
  sha256: string;
  size: BigIntColumn;
  store: 'file' | 's3';
  created_at: Timestamp;
}

export interface EvidenceTable {
  id: Generated<string>;
  case_id: string;
  location_id: string | null;
  source: 'capture' | 'upload' | 'extension';
  status: 'queued' | 'capturing' | 'sealed' | 'failed';
  source_url: string | null;
  title: string | null;
  comment: string | null;
  requested_by: string;
  created_at: Timestamp;
  started_at: Timestamp | null;
  captured_at: Timestamp | null;
  finished_at: Timestamp | null;
  sealed_at: Timestamp | null;
  attempts: Generated<number>;
  progress: string | null;
  error_code: string | null;
  error_message: string | null;
  manifest: JSONColumnType<Record<string, unknown>, string, string> | null;
  manifest_sha256: string | null;
}

export interface ArtefactsTable {
  id: Generated<string>;
  evidence_id: string;
  kind: 'screenshot' | 'viewport' | 'pdf' | 'mhtml' | 'html' | 'http' | 'wacz' | 'upload' | 'thumbnail';
  media_type: string;
  size: BigIntColumn;
  sha256: string;
  filename: string;
  ordinal: Generated<number>;
  meta: JSONColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
}

export interface EvidenceTables {
  blobs: BlobsTable;
  evidence: EvidenceTable;
  artefacts: ArtefactsTable;
}
