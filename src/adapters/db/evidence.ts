// Evidence, artefacts and blobs queries (migrations/0005_evidence.sql), and the ledger reads of
// the bundle export and the deep verification. One small named function per query.
import type { Insertable, Selectable } from 'kysely';
import type { Queryable } from './database.js';
import type { ArtefactsTable, EvidenceTable } from './schema-evidence.js';

export type EvidenceRow = Selectable<EvidenceTable>;
export type ArtefactRow = Selectable<ArtefactsTable>;

export async function insertEvidence(db: Queryable, values: Insertable<EvidenceTable>): Promise<EvidenceRow> {
  return db.insertInto('evidence').values(values).returningAll().executeTakeFirstOrThrow();
}

/** An evidence item of the organisation (the case's visibility is checked by the caller). */
export async function findEvidence(db: Queryable, organisationId: string, id: string): Promise<EvidenceRow | undefined> {
  return db
    .selectFrom('evidence')
    .innerJoin('cases', 'cases.id', 'evidence.case_id')
    .selectAll('evidence')
    .where('evidence.id', '=', id)
    .where('cases.organisation_id', '=', organisationId)
    .executeTakeFirst();
}

export async function listCaseEvidence(db: Queryable, caseId: string): Promise<EvidenceRow[]> {
  return db.selectFrom('evidence').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
}

export async function listSealedCaseEvidence(db: Queryable, caseId: string): Promise<EvidenceRow[]> {
  return db
    .selectFrom('evidence')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('status', '=', 'sealed')
    .orderBy('sealed_at')
    .orderBy('id')
    .execute();
}

export async function listArtefacts(db: Queryable, evidenceIds: readonly string[]): Promise<ArtefactRow[]> {
  if (evidenceIds.length === 0) return [];
  return db
    .selectFrom('artefacts')
    .selectAll()
    .where('evidence_id', 'in', evidenceIds)
    .orderBy('evidence_id')
    .orderBy('kind')
    .orderBy('ordinal')
    .execute();
}

export async function findArtefact(
  db: Queryable,
  organisationId: string,
  artefactId: string,
): Promise<{ artefact: ArtefactRow; caseId: string } | undefined> {
  const row = await db
    .selectFrom('artefacts')
    .innerJoin('evidence', 'evidence.id', 'artefacts.evidence_id')
    .innerJoin('cases', 'cases.id', 'evidence.case_id')
    .selectAll('artefacts')
    .select('evidence.case_id as case_id')
    .where('artefacts.id', '=', artefactId)
    .where('cases.organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { case_id, ...artefact } = row;
  return { artefact, caseId: case_id };
}

export async function findPrimaryArtefact(db: Queryable, evidenceId: string, kind: ArtefactRow['kind']): Promise<ArtefactRow | undefined> {
  return db
    .selectFrom('artefacts')
    .selectAll()
    .where('evidence_id', '=', evidenceId)
    .where('kind', '=', kind)
    .orderBy('ordinal')
    .limit(1)
    .executeTakeFirst();
}

export async function findLocationIdByUrl(db: Queryable, caseId: string, url: string): Promise<string | null> {
  const row = await db.selectFrom('locations').select('id').where('case_id', '=', caseId).where('url', '=', url).executeTakeFirst();
  return row?.id ?? null;
}

/** Sealed evidence in id order, a page at a time (deep verification). */
export async function sealedEvidencePage(db: Queryable, afterId: string | null, limit: number) {
  let q = db.selectFrom('evidence').select(['id', 'case_id', 'manifest', 'manifest_sha256']).where('status', '=', 'sealed');
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}

/** The 'evidence.sealed' ledger entries of some cases: evidence id → (seq, manifest hash). */
export async function sealedLedgerEntries(
  db: Queryable,
  caseIds: readonly string[],
): Promise<Map<string, { seq: number; manifestSha256: unknown }>> {
  const out = new Map<string, { seq: number; manifestSha256: unknown }>();
  if (caseIds.length === 0) return out;
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['seq', 'body'])
    .where('case_id', 'in', caseIds)
    .where('action', '=', 'evidence.sealed')
    .orderBy('seq')
    .execute();
  for (const row of rows) {
    const body = row.body as { subject?: { type?: string; id?: string } | null; data?: { manifestSha256?: unknown } };
    if (body.subject?.type === 'evidence' && typeof body.subject.id === 'string') {
      out.set(body.subject.id, { seq: Number(row.seq), manifestSha256: body.data?.manifestSha256 });
    }
  }
  return out;
}

/** Stored blobs in key order, a page at a time (deep verification). */
export async function blobPage(db: Queryable, afterSha: string | null, limit: number) {
  let q = db.selectFrom('blobs').select(['sha256', 'size']);
  if (afterSha) q = q.where('sha256', '>', afterSha);
  return q.orderBy('sha256').limit(limit).execute();
}

/** The artefacts whose bytes are a blob (to name the evidence and kind of a bad blob). */
export async function artefactsOfBlob(db: Queryable, sha256: string) {
  return db
    .selectFrom('artefacts')
    .select(['id', 'evidence_id', 'kind', 'size'])
    .where('sha256', '=', sha256)
    .orderBy('evidence_id')
    .execute();
}

export async function ledgerHead(db: Queryable): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db.selectFrom('ledger_entries').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
}

export async function firstCaseLedgerSeq(db: Queryable, caseId: string): Promise<number | undefined> {
  const row = await db.selectFrom('ledger_entries').select('seq').where('case_id', '=', caseId).orderBy('seq').limit(1).executeTakeFirst();
  return row ? Number(row.seq) : undefined;
}

/** A case's ledger entries with seq in (afterSeq, uptoSeq], in order, a page at a time. */
export async function caseLedgerPage(db: Queryable, caseId: string, afterSeq: number, uptoSeq: number, limit: number) {
  return db
    .selectFrom('ledger_entries')
    .select(['seq', 'at', 'action', 'body', 'digest', 'prev_hash', 'hash'])
    .where('case_id', '=', caseId)
    .where('seq', '>', String(afterSeq))
    .where('seq', '<=', String(uptoSeq))
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** (seq, prev_hash, digest, hash) of every entry with seq in (afterSeq, uptoSeq], a page at a time. */
export async function chainPage(db: Queryable, afterSeq: number, uptoSeq: number, limit: number) {
  return db
    .selectFrom('ledger_entries')
    .select(['seq', 'prev_hash', 'digest', 'hash'])
    .where('seq', '>', String(afterSeq))
    .where('seq', '<=', String(uptoSeq))
    .orderBy('seq')
    .limit(limit)
    .execute();
}
