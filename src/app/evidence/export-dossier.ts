// GET /cases/{id}/export?format=dossier: the PDF for police or counsel. The export is first
// written to the ledger ('case.exported'); that entry is the head printed on the certification
// page. Then the HTML (domain/evidence/dossier-html.ts) is printed by Chromium (ctx.pdf).
import type { Readable } from 'node:stream';
import { DateTime } from 'luxon';
import sharp from 'sharp';
import { listArtefacts, listSealedCaseEvidence } from '../../adapters/db/evidence.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { canExportCase } from '../../domain/evidence/access.js';
import { type DossierData, type DossierEmail, type DossierText, dossierHtml } from '../../domain/evidence/dossier-html.js';
import { emailMetaOf } from '../../domain/evidence/eml.js';
import { EMAIL_BODY_MAX_BYTES, readEmailBody } from '../../adapters/media/email-body.js';
import { DomainError } from '../../domain/errors.js';
import { sha256Hex } from '../../domain/ledger/chain.js';
import { caseFlags } from '../../domain/playbook/conditions.js';
import { type Locale, t } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import { listTimeline } from '../cases/list-timeline.js';
import { loadCase } from '../cases/load-case.js';
import { flagsOf } from '../cases/procedure.js';
import type { AppContext } from '../context.js';
import type { PdfRenderer } from './pdf-port.js';

const THUMB_SOURCE_MAX = 40 * 1024 * 1024;

async function readAll(stream: Readable, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) {
      stream.destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function formatSize(bytes: number, locale: Locale): string {
  const units = ['o', 'Kio', 'Mio', 'Gio'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: u === 0 ? 0 : 1 }).format(v)} ${units[u]}`;
}

/** Text of an e-mail printed in the dossier, at most (the file holds all of it). */
const DOSSIER_EMAIL_TEXT_CHARS = 20_000;

/**
 * The main headers of the first uploaded e-mail of an evidence (from its artefact's metadata)
 * and its text and attachment list (read from the file, when not too large).
 */
async function emailOf(
  ctx: Pick<AppContext, 'blobs'>,
  artefacts: ReadonlyArray<{ kind: string; meta: unknown; sha256: string; size: string | number | bigint }>,
  locale: Locale,
): Promise<DossierEmail | null> {
  for (const a of artefacts) {
    if (a.kind !== 'upload') continue;
    const m = emailMetaOf(a.meta);
    if (!m) continue;
    const body =
      Number(a.size) <= EMAIL_BODY_MAX_BYTES
        ? await readEmailBody(await ctx.blobs.get(a.sha256), { maxChars: DOSSIER_EMAIL_TEXT_CHARS }).catch(() => null)
        : null;
    return {
      text: body ? body.text : null,
      textTruncated: body?.truncated ?? false,
      attachments: (body?.attachments ?? []).map((x) => ({
        filename: x.filename,
        contentType: x.contentType,
        size: formatSize(x.size, locale),
      })),
      from: m.from ?? null,
      to: m.to ?? null,
      cc: m.cc ?? null,
      subject: m.subject ?? null,
      date: m.date ?? null,
      dateUtc: m.dateUtc ?? null,
      messageId: m.messageId ?? null,
      received: (m.received ?? []).map((r) => ({ value: r.value, date: r.date })),
      authenticationResults: m.authenticationResults ?? [],
      headersComplete: m.headersComplete !== false,
    };
  }
  return null;
}

function texts(locale: Locale): DossierText {
  const k = (key: string) => t(locale, `dossier.${key}`);
  return {
    title: k('title'),
    subtitle: k('subtitle'),
    facts: k('facts'),
    reference: k('reference'),
    status: k('status'),
    person: k('person'),
    unit: k('unit'),
    occurredAt: k('occurred_at'),
    openedAt: k('opened_at'),
    closedAt: k('closed_at'),
    flags: k('flags'),
    noFlags: k('no_flags'),
    summary: k('summary'),
    timeline: k('timeline'),
    noTimeline: k('no_timeline'),
    evidence: k('evidence'),
    noEvidence: k('no_evidence'),
    // The number is filled per item by the HTML builder.
    evidenceItem: t(locale, 'dossier.evidence_item', { n: '{n}' }),
    source: k('source'),
    sourceUrl: k('source_url'),
    finalUrl: k('final_url'),
    httpStatus: k('http_status'),
    capturedAt: k('captured_at'),
    sealedAt: k('sealed_at'),
    manifestSha256: k('manifest_sha256'),
    artefacts: k('artefacts'),
    kind: k('kind'),
    size: k('size'),
    sha256: k('sha256'),
    certification: k('certification'),
    certificationIntro: k('certification_intro'),
    exportedBy: k('exported_by'),
    exportedAt: k('exported_at'),
    ledgerHead: k('ledger_head'),
    howToVerify: k('how_to_verify'),
    howToVerifySteps: [k('verify_step_1'), k('verify_step_2'), k('verify_step_3'), k('verify_step_4')],
    signatureBlock: k('signature_block'),
    signatureName: k('signature_name'),
    signatureTitle: k('signature_title'),
    signatureSignature: k('signature_signature'),
    signatureDate: k('signature_date'),
    email: k('email'),
    emailFrom: k('email_from'),
    emailTo: k('email_to'),
    emailCc: k('email_cc'),
    emailSubject: k('email_subject'),
    emailDate: k('email_date'),
    emailDateUtc: k('email_date_utc'),
    emailMessageId: k('email_message_id'),
    emailReceived: k('email_received'),
    emailAuthentication: k('email_authentication'),
    emailIncomplete: k('email_incomplete'),
    emailText: k('email_text'),
    emailTextTruncated: k('email_text_truncated'),
    emailTextUnread: k('email_text_unread'),
    emailAttachments: k('email_attachments'),
    emailNoName: k('email_no_name'),
  };
}

export interface DossierExport {
  filename: string;
  pdf: Buffer;
  sha256: string;
  head: { seq: number; hash: string };
}

export async function exportDossier(
  ctx: Pick<AppContext, 'db' | 'clock' | 'blobs'> & { pdf: PdfRenderer },
  input: { actor: Principal; caseId: string; locale: Locale },
): Promise<DossierExport> {
  const { actor, locale } = input;
  const now = ctx.clock.now();
  const loaded = await loadCase(ctx.db, actor, input.caseId, now, 'case.export');
  if (!canExportCase(loaded.access)) throw new DomainError('forbidden', { messageKey: 'evidence.error.export_forbidden' });
  const { row } = loaded;
  const [org, person, unit, evidence, timeline] = await Promise.all([
    ctx.db.selectFrom('organisations').select(['name', 'time_zone']).where('id', '=', row.organisation_id).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('persons').select('full_name').where('id', '=', row.affected_person_id).executeTakeFirstOrThrow(),
    row.unit_id ? ctx.db.selectFrom('units').select('name').where('id', '=', row.unit_id).executeTakeFirst() : Promise.resolve(undefined),
    listSealedCaseEvidence(ctx.db, row.id),
    listTimeline(ctx, { actor, caseId: row.id, locale }),
  ]);
  const zone = org.time_zone;
  const when = (d: Date | string | null) =>
    d ? `${DateTime.fromJSDate(new Date(d), { zone }).setLocale(locale).toFormat('yyyy-MM-dd HH:mm:ss ZZZZ')} (${zone})` : '—';
  const artefacts = await listArtefacts(
    ctx.db,
    evidence.map((ev) => ev.id),
  );

  const items: DossierData['evidence'] = [];
  for (const ev of evidence) {
    const own = artefacts.filter((a) => a.evidence_id === ev.id);
    const preview =
      own.find((a) => a.kind === 'thumbnail') ?? own.find((a) => a.kind === 'screenshot') ?? own.find((a) => a.kind === 'viewport');
    let thumbnailDataUrl: string | null = null;
    if (preview && Number(preview.size) <= THUMB_SOURCE_MAX && preview.media_type.startsWith('image/')) {
      const bytes = await readAll(await ctx.blobs.get(preview.sha256), THUMB_SOURCE_MAX);
      if (bytes) {
        // Full-page screenshots can be very tall: keep the top of the page, readable.
        const jpeg = await sharp(bytes, { limitInputPixels: 400_000_000 })
          .resize({ width: 900, height: 1400, fit: 'cover', position: 'top', withoutEnlargement: true })
          .jpeg({ quality: 72 })
          .toBuffer()
          .catch(() => undefined);
        if (jpeg) thumbnailDataUrl = `data:image/jpeg;base64,${jpeg.toString('base64')}`;
      }
    }
    const manifest = (ev.manifest ?? {}) as { finalUrl?: string | null; httpStatus?: number | null };
    items.push({
      id: ev.id,
      source: t(locale, `dossier.source_${ev.source}`),
      sourceUrl: ev.source_url,
      finalUrl: manifest.finalUrl ?? null,
      httpStatus: manifest.httpStatus ?? null,
      title: ev.title,
      capturedAt: when(ev.captured_at ?? ev.created_at),
      sealedAt: when(ev.sealed_at),
      manifestSha256: ev.manifest_sha256 ?? '',
      thumbnailDataUrl,
      artefacts: own.map((a) => ({
        kind: t(locale, `dossier.kind_${a.kind}`),
        size: formatSize(Number(a.size), locale),
        sha256: a.sha256,
        filename: a.filename,
      })),
      email: await emailOf(ctx, own, locale),
    });
  }

  // Record the export first: its ledger entry is the head the certification page names.
  const head = await ctx.db.transaction().execute((tx) =>
    appendLedger(tx, {
      action: 'case.exported',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'case', id: row.id },
      data: { format: 'dossier', evidence: items.length, manifests: sha256Hex(items.map((i) => i.manifestSha256).join('\n')) },
    }),
  );
  const flags = flagsOf(row);
  const html = dossierHtml({
    lang: locale,
    organisation: org.name,
    reference: row.reference,
    status: t(locale, `dossier.case_status_${row.status}`),
    person: person.full_name,
    unit: unit?.name ?? '—',
    occurredAt: when(row.occurred_at),
    openedAt: when(row.created_at),
    closedAt: row.closed_at ? when(row.closed_at) : null,
    flags: caseFlags.filter((f) => flags[f]).map((f) => t(locale, `dossier.flag_${f}`)),
    summary: row.summary,
    timeline: [...timeline.items]
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((x) => ({ at: when(x.at), actor: x.actor?.name ?? null, text: x.text })),
    evidence: items,
    exportedBy: `${actor.displayName} (${actor.email})`,
    exportedAt: when(now),
    ledgerHead: head,
    text: texts(locale),
  });
  const pdf = await ctx.pdf.render(html, {
    headerLabel: `${row.reference} — ${t(locale, 'dossier.confidential')}`,
    footerLabel: `${org.name}`,
  });
  return { filename: `${row.reference}-dossier.pdf`, pdf, sha256: sha256Hex(pdf), head };
}
