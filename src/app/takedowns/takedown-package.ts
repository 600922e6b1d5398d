// GET /takedowns/{id}/package?format=html|zip: the report package for whoever files — most often
// the staff member, since platforms take privacy, impersonation and defamation reports only from
// the targeted person (providers.json "Key findings"). A printable page with numbered steps for
// the provider's channel (from the directory), the addresses, the text to paste, and the
// evidence files; the ZIP adds the sealed artefacts' bytes, the signed mandates, the texts as
// plain files and SHA256SUMS (`sha256sum -c SHA256SUMS`). Downloading it is an export: logged
// in the access log and the ledger.
import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import yazl from 'yazl';
import { appendLedger } from '../../adapters/db/ledger.js';
import { listMandates } from '../../adapters/db/takedowns.js';
import { DomainError } from '../../domain/errors.js';
import { isStale } from '../../domain/takedowns/directory.js';
import { packageSteps } from '../../domain/takedowns/package-steps.js';
import { formatCaptureTime } from '../../domain/takedowns/request-text.js';
import { canFileTakedowns } from '../../domain/takedowns/status.js';
import { type Locale, t } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { findProvider, isoDay, lastReviewedOf } from './directory-store.js';
import { channelEntryOf, effectiveText, loadRequest, requestLocations } from './takedown-store.js';

export type PackageResult =
  | { format: 'html'; html: string; filename: string }
  | { format: 'zip'; stream: NodeJS.ReadableStream; filename: string };

interface PackageFile {
  path: string;
  sha256: string;
  size: number;
  kind: string;
  url: string;
  capturedAt: string;
  present: boolean;
}

export function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** A file name safe in any archive tool: letters, digits, dot, dash, underscore. */
export function safeName(name: string, max = 80): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^\.+/, '_');
  return cleaned.slice(-max) || 'file';
}

function sha256(buf: Buffer | string): string {
  return createHash('sha256').update(buf).digest('hex');
}

export async function buildTakedownPackage(
  ctx: Pick<AppContext, 'db' | 'clock' | 'blobs'>,
  input: { actor: Principal; requestId: string; format: 'html' | 'zip'; locale: Locale },
): Promise<PackageResult> {
  const now = ctx.clock.now();
  const locale = input.locale;
  const { request, loaded } = await loadRequest(ctx.db, input.actor, input.requestId, now, `takedown.package.${input.format}`);
  if (!canFileTakedowns(loaded.access)) throw new DomainError('forbidden');
  const provider = await findProvider(ctx.db, request.provider_id);
  if (!provider) throw new DomainError('not_found');
  const [locations, mandates, org] = await Promise.all([
    requestLocations(ctx.db, request),
    listMandates(ctx.db, request.id),
    ctx.db.selectFrom('organisations').select(['name', 'time_zone']).where('id', '=', loaded.row.organisation_id).executeTakeFirstOrThrow(),
  ]);
  const channel = channelEntryOf(provider.entry, request);

  // The evidence files, numbered per location, with their presence in the blob store.
  const files: PackageFile[] = [];
  let n = 0;
  for (const [i, loc] of locations.entries()) {
    for (const ev of loc.evidence) {
      for (const a of ev.artefacts) {
        n += 1;
        const stat = await ctx.blobs.stat(a.sha256);
        files.push({
          path: `evidence/${String(i + 1).padStart(2, '0')}-${String(n).padStart(3, '0')}-${a.kind}-${safeName(a.filename)}`,
          sha256: a.sha256,
          size: a.size,
          kind: a.kind,
          url: loc.url,
          capturedAt: formatCaptureTime(ev.capturedAt, org.time_zone, locale),
          present: stat !== undefined,
        });
      }
    }
  }
  const mandateFiles = [];
  for (const m of mandates) {
    const stat = await ctx.blobs.stat(m.sha256);
    mandateFiles.push({ path: `mandate/${safeName(m.filename)}`, sha256: m.sha256, size: Number(m.size), present: stat !== undefined });
  }

  const steps = packageSteps({
    providerName: provider.entry.name,
    channel,
    filer: request.filer,
    urlCount: locations.length,
    locationsWithoutEvidence: locations.filter((l) => l.evidence.length === 0).length,
    attachments: files.length,
    hasMandate: mandates.length > 0,
  });
  const text = request.sent_text ?? effectiveText(request);
  const otherLocale: Locale = request.text_locale === 'en' ? 'fr-CA' : 'en';
  const otherText =
    request.text_edited === null && request.sent_text === null ? (otherLocale === 'en' ? request.text_en : request.text_fr) : null;
  const k = (key: string, params?: Record<string, string | number>) => escapeHtml(t(locale, key, params));
  const lastReviewed = lastReviewedOf(provider.row);
  const inZip = input.format === 'zip';

  const html = [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><title>${k('takedown.package.title', { provider: provider.entry.name, reference: loaded.row.reference })}</title>`,
    '<style>body{font-family:Arial,Helvetica,sans-serif;max-width:820px;margin:24px auto;padding:0 16px;line-height:1.5;color:#111}pre{white-space:pre-wrap;background:#f3f4f6;padding:12px;border:1px solid #d1d5db}table{border-collapse:collapse;width:100%}td,th{border:1px solid #d1d5db;padding:4px 6px;text-align:left;vertical-align:top;font-size:13px}code{word-break:break-all}.warn{background:#fef3c7;padding:8px;border:1px solid #f59e0b}@media print{pre{break-inside:avoid}}</style>',
    '</head><body>',
    `<h1>${k('takedown.package.title', { provider: provider.entry.name, reference: loaded.row.reference })}</h1>`,
    `<p>${k(`takedown.package.intro.${request.filer}`, { provider: provider.entry.name, organisation: org.name })}</p>`,
    `<p>${k('takedown.package.ground', { ground: t(locale, `takedown.ground.${request.ground}`) })}</p>`,
    `<h2>${k('takedown.package.steps')}</h2>`,
    '<ol>',
    ...steps.map((s) => `<li>${k(s.key, s.params)}</li>`),
    '</ol>',
    `<h2>${k('takedown.package.urls')}</h2>`,
    '<ol>',
    ...locations.map(
      (l) =>
        `<li><code>${escapeHtml(l.url)}</code>${l.evidence.length === 0 ? ` <span class="warn">${k('takedown.package.no_evidence')}</span>` : ''}</li>`,
    ),
    '</ol>',
    `<h2>${k('takedown.package.text')}</h2>`,
    `<pre>${escapeHtml(text)}</pre>`,
    ...(otherText
      ? [`<details><summary>${k(`takedown.package.text_other.${otherLocale}`)}</summary><pre>${escapeHtml(otherText)}</pre></details>`]
      : []),
    `<h2>${k('takedown.package.files')}</h2>`,
    files.length === 0
      ? `<p class="warn">${k('takedown.package.no_files')}</p>`
      : [
          `<p>${k(inZip ? 'takedown.package.files_in_zip' : 'takedown.package.files_download')}</p>`,
          `<table><thead><tr><th>${k('takedown.package.col.file')}</th><th>${k('takedown.package.col.url')}</th><th>${k('takedown.package.col.captured')}</th><th>SHA-256</th></tr></thead><tbody>`,
          ...files.map(
            (f) =>
              `<tr><td>${escapeHtml(inZip ? f.path : (f.path.split('/').pop() ?? f.path))}${f.present ? '' : ` <span class="warn">${k('takedown.package.missing')}</span>`}<br>${k(`takedown.artefact.${f.kind}`)}, ${f.size} o</td><td><code>${escapeHtml(f.url)}</code></td><td>${escapeHtml(f.capturedAt)}</td><td><code>${f.sha256}</code></td></tr>`,
          ),
          '</tbody></table>',
        ].join('\n'),
    ...(mandateFiles.length > 0 ? [`<p>${k('takedown.package.mandate_included', { count: mandateFiles.length })}</p>`] : []),
    `<h2>${k('takedown.package.directory')}</h2>`,
    '<ul>',
    ...(channel
      ? [
          `<li>${k('takedown.package.channel', { url: channel.url, method: t(locale, `takedown.method.${channel.method}`) })} — ${k(channel.verified ? 'takedown.package.verified' : 'takedown.package.unverified')}${channel.source ? ` (${k('takedown.package.source')} <code>${escapeHtml(channel.source)}</code>)` : ''}</li>`,
          ...(channel.notes ? [`<li lang="en">${escapeHtml(channel.notes)}</li>`] : []),
        ]
      : []),
    ...(provider.entry.localeNotes ? [`<li lang="en">${escapeHtml(provider.entry.localeNotes)}</li>`] : []),
    ...provider.entry.evidenceTips.map((tip) => `<li lang="en">${escapeHtml(tip)}</li>`),
    ...(provider.entry.typicalResponse ? [`<li lang="en">${escapeHtml(provider.entry.typicalResponse)}</li>`] : []),
    `<li>${k(isStale(lastReviewed, isoDay(now)) ? 'takedown.package.reviewed_stale' : 'takedown.package.reviewed', { date: lastReviewed ?? '—' })}</li>`,
    '</ul>',
    `<p><small>${k('takedown.package.footer', { reference: loaded.row.reference, at: formatCaptureTime(now, org.time_zone, locale) })}${inZip ? ` ${k('takedown.package.verify')}` : ''}</small></p>`,
    '</body></html>',
    '',
  ].join('\n');

  await ctx.db.transaction().execute(async (tx) => {
    await appendLedger(tx, {
      action: 'takedown.package_exported',
      at: now,
      actorId: input.actor.userId,
      organisationId: loaded.row.organisation_id,
      caseId: loaded.row.id,
      subject: { type: 'takedown_request', id: request.id },
      data: { format: input.format, artefacts: inZip ? files.filter((f) => f.present).length : 0 },
    });
  });

  const base = `rempart-${loaded.row.reference}-${safeName(provider.row.id)}-${request.id.slice(0, 8)}`;
  if (!inZip) return { format: 'html', html, filename: `${base}.html` };

  const zip = new yazl.ZipFile();
  const sums: string[] = [];
  const addBuffer = (path: string, buf: Buffer) => {
    zip.addBuffer(buf, path, { mtime: now });
    sums.push(`${sha256(buf)}  ${path}`);
  };
  addBuffer('package.html', Buffer.from(html, 'utf8'));
  addBuffer(`request-${request.text_locale}.txt`, Buffer.from(text, 'utf8'));
  if (otherText) addBuffer(`request-${otherLocale}.txt`, Buffer.from(otherText, 'utf8'));
  for (const f of [...files, ...mandateFiles]) {
    if (!f.present) continue;
    // Opened one at a time, as the archive is written (S3 GETs are not all started at once).
    zip.addReadStreamLazy(f.path, { mtime: now, size: f.size }, (cb) => {
      ctx.blobs.get(f.sha256).then(
        (stream: Readable) => cb(null, stream),
        (error: unknown) => cb(error, new PassThrough()),
      );
    });
    // The sealed hash: a byte that changed in the store fails `sha256sum -c`.
    sums.push(`${f.sha256}  ${f.path}`);
  }
  zip.addBuffer(Buffer.from(`${sums.join('\n')}\n`, 'utf8'), 'SHA256SUMS', { mtime: now });
  zip.end();
  return { format: 'zip', stream: zip.outputStream, filename: `${base}.zip` };
}
