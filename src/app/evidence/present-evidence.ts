// Evidence JSON (src/contract/evidence.ts), in the reader's language.
import type { z } from 'zod';
import type { Queryable } from '../../adapters/db/database.js';
import { type ArtefactRow, type EvidenceRow, listArtefacts, listCaseEvidence } from '../../adapters/db/evidence.js';
import type { CaseAccess } from '../../domain/cases/access.js';
import { canSeeEvidence } from '../../domain/evidence/access.js';
import { emailMetaOf } from '../../domain/evidence/eml.js';
import { artefactKinds } from '../../domain/evidence/manifest.js';
import type { evidenceSchema } from '../../contract/evidence.js';
import { hasMessage, type Locale, t } from '../../locales/index.js';

export type EvidenceJson = z.infer<typeof evidenceSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const kindOrder = new Map<string, number>(artefactKinds.map((k, i) => [k, i]));

export function sortArtefacts(rows: readonly ArtefactRow[]): ArtefactRow[] {
  return [...rows].sort((a, b) => (kindOrder.get(a.kind) ?? 99) - (kindOrder.get(b.kind) ?? 99) || a.ordinal - b.ordinal);
}

/** The headers people read first, from an uploaded e-mail's metadata (none for other files). */
function emailSummary(meta: unknown): { email?: NonNullable<EvidenceJson['artefacts'][number]['email']> } {
  const m = emailMetaOf(meta);
  if (!m) return {};
  return {
    email: {
      from: m.from ?? null,
      to: m.to ?? null,
      subject: m.subject ?? null,
      date: m.dateUtc ?? null,
      receivedHops: m.received?.length ?? 0,
    },
  };
}

export function presentEvidence(row: EvidenceRow, artefacts: readonly ArtefactRow[], locale: Locale): EvidenceJson {
  const code = row.error_code;
  return {
    id: row.id,
    caseId: row.case_id,
    status: row.status,
    source: row.source,
    sourceUrl: row.source_url,
    title: row.title,
    comment: row.comment,
    createdAt: row.created_at.toISOString(),
    capturedAt: iso(row.captured_at),
    sealedAt: iso(row.sealed_at),
    progress: row.progress,
    artefacts: sortArtefacts(artefacts).map((a) => ({
      id: a.id,
      kind: a.kind,
      mediaType: a.media_type,
      size: Number(a.size),
      sha256: a.sha256,
      filename: a.filename,
      ...emailSummary(a.meta),
    })),
    manifestSha256: row.manifest_sha256,
    ...(code
      ? {
          error: {
            code,
            message: hasMessage(locale, `evidence.failure.${code}`)
              ? t(locale, `evidence.failure.${code}`)
              : (row.error_message ?? t(locale, 'evidence.failure.unknown')),
          },
        }
      : {}),
  };
}

export async function presentEvidenceList(db: Queryable, rows: readonly EvidenceRow[], locale: Locale): Promise<EvidenceJson[]> {
  const artefacts = await listArtefacts(
    db,
    rows.map((r) => r.id),
  );
  const byEvidence = new Map<string, ArtefactRow[]>();
  for (const a of artefacts) byEvidence.set(a.evidence_id, [...(byEvidence.get(a.evidence_id) ?? []), a]);
  return rows.map((r) => presentEvidence(r, byEvidence.get(r.id) ?? [], locale));
}

/** The case JSON's `evidence` summary: empty for a viewer who may not see evidence. */
export async function caseEvidenceSummary(
  db: Queryable,
  caseId: string,
  access: CaseAccess,
  consents: ReadonlyArray<{ purpose: string; granted: boolean }>,
): Promise<Array<{ id: string; status: string; sourceUrl: string | null; capturedAt: string | null }>> {
  const unionNotice = consents.some((c) => c.purpose === 'union_notice' && c.granted);
  if (!canSeeEvidence(access, unionNotice)) return [];
  const rows = await listCaseEvidence(db, caseId);
  return rows.map((r) => ({ id: r.id, status: r.status, sourceUrl: r.source_url, capturedAt: iso(r.captured_at) }));
}
