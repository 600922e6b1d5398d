// The PDF dossier for police or counsel (Evidence issue, "Exports"), as HTML for the print
// engine: case facts, timeline, each evidence item with its thumbnail, source URL, capture time
// (with time zone), hashes, and a certification page. Pure: every value is escaped here; images
// arrive as data: URLs.

export interface DossierText {
  title: string;
  subtitle: string;
  facts: string;
  reference: string;
  status: string;
  person: string;
  unit: string;
  occurredAt: string;
  openedAt: string;
  closedAt: string;
  flags: string;
  noFlags: string;
  summary: string;
  timeline: string;
  noTimeline: string;
  evidence: string;
  noEvidence: string;
  evidenceItem: string;
  source: string;
  sourceUrl: string;
  finalUrl: string;
  httpStatus: string;
  capturedAt: string;
  sealedAt: string;
  manifestSha256: string;
  artefacts: string;
  kind: string;
  size: string;
  sha256: string;
  certification: string;
  certificationIntro: string;
  exportedBy: string;
  exportedAt: string;
  ledgerHead: string;
  howToVerify: string;
  howToVerifySteps: string[];
  signatureBlock: string;
  signatureName: string;
  signatureTitle: string;
  signatureSignature: string;
  signatureDate: string;
  email: string;
  emailFrom: string;
  emailTo: string;
  emailCc: string;
  emailSubject: string;
  emailDate: string;
  emailDateUtc: string;
  emailMessageId: string;
  emailReceived: string;
  emailAuthentication: string;
  emailIncomplete: string;
  emailText: string;
  emailTextTruncated: string;
  emailTextUnread: string;
  emailAttachments: string;
  emailNoName: string;
}

/** The headers police read first, from an uploaded `.eml` (src/domain/evidence/eml.ts). */
export interface DossierEmail {
  from: string | null;
  to: string | null;
  cc: string | null;
  subject: string | null;
  date: string | null;
  dateUtc: string | null;
  messageId: string | null;
  /** Newest hop first, as in the message. */
  received: Array<{ value: string; date: string | null }>;
  authenticationResults: string[];
  headersComplete: boolean;
  /** The message's text (decoded), null when it was not read (too large). */
  text: string | null;
  textTruncated: boolean;
  attachments: Array<{ filename: string | null; contentType: string; size: string }>;
}

export interface DossierEvidence {
  id: string;
  source: string;
  sourceUrl: string | null;
  finalUrl: string | null;
  httpStatus: number | null;
  title: string | null;
  capturedAt: string;
  sealedAt: string;
  manifestSha256: string;
  thumbnailDataUrl: string | null;
  artefacts: Array<{ kind: string; size: string; sha256: string; filename: string }>;
  /** For an uploaded e-mail: its main headers (every header stays in the file itself). */
  email?: DossierEmail | null;
}

export interface DossierData {
  lang: string;
  organisation: string;
  reference: string;
  status: string;
  person: string;
  unit: string;
  occurredAt: string;
  openedAt: string;
  closedAt: string | null;
  flags: string[];
  summary: string;
  timeline: Array<{ at: string; actor: string | null; text: string }>;
  evidence: DossierEvidence[];
  exportedBy: string;
  exportedAt: string;
  ledgerHead: { seq: number; hash: string };
  text: DossierText;
}

export function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

const e = escapeHtml;

/** Long hashes and URLs break anywhere so they never overflow the page. */
const mono = (v: string) => `<span class="mono">${e(v)}</span>`;

const css = `
  @page { size: A4; }
  body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #111; line-height: 1.4; }
  h1 { font-size: 18pt; margin: 0 0 4pt; }
  h2 { font-size: 13pt; margin: 18pt 0 6pt; border-bottom: 1px solid #999; padding-bottom: 2pt; }
  h3 { font-size: 11pt; margin: 12pt 0 4pt; }
  .subtitle { color: #444; margin-bottom: 12pt; }
  table { width: 100%; border-collapse: collapse; margin: 4pt 0; }
  th, td { text-align: left; vertical-align: top; padding: 3pt 4pt; border-bottom: 1px solid #ddd; }
  th { width: 32%; font-weight: bold; background: #f4f4f4; }
  .artefacts th { width: auto; }
  .hops { font-size: 8pt; margin: 0 0 8px 16px; padding: 0; }
  .hops li { margin-bottom: 3px; overflow-wrap: anywhere; }
  .hops-title { font-weight: bold; margin: 6px 0 2px; }
  .mailtext { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 3px solid #999; padding: 4px 8px; margin: 4px 0 8px; font-size: 9pt; }
  .mono { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8pt; word-break: break-all; }
  .header-text { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8pt; overflow-wrap: anywhere; }
  .summary { white-space: pre-wrap; border-left: 3px solid #999; padding-left: 8pt; }
  .item { page-break-inside: avoid; border: 1px solid #ccc; border-radius: 4pt; padding: 8pt; margin: 10pt 0; }
  .thumb { max-width: 100%; max-height: 90mm; border: 1px solid #ccc; display: block; margin: 6pt 0; }
  .timeline td:first-child { width: 28%; white-space: nowrap; }
  .cert { page-break-before: always; }
  .sign td { height: 18mm; border-bottom: 1px solid #333; }
  ol li { margin-bottom: 3pt; }
`;

function emailTable(m: DossierEmail, t: DossierText, row: (label: string, value: string) => string): string {
  const opt = (label: string, value: string | null, render: (v: string) => string = e) => (value ? row(label, render(value)) : '');
  const hops = m.received.length
    ? `<ol class="hops">${m.received.map((r) => `<li>${r.date ? `<strong>${e(r.date)}</strong> — ` : ''}<span class="header-text">${e(r.value)}</span></li>`).join('')}</ol>`
    : '';
  return `
        <h4>${e(t.email)}</h4>
        <table>
          ${opt(t.emailFrom, m.from)}
          ${opt(t.emailTo, m.to)}
          ${opt(t.emailCc, m.cc)}
          ${opt(t.emailSubject, m.subject)}
          ${opt(t.emailDate, m.date)}
          ${opt(t.emailDateUtc, m.dateUtc)}
          ${opt(t.emailMessageId, m.messageId, mono)}
          ${m.authenticationResults.length ? row(t.emailAuthentication, m.authenticationResults.map((a) => `<span class="header-text">${e(a)}</span>`).join('<br>')) : ''}
        </table>
        ${hops ? `<p class="hops-title">${e(t.emailReceived)}</p>${hops}` : ''}
        ${m.headersComplete ? '' : `<p>${e(t.emailIncomplete)}</p>`}
        <p class="hops-title">${e(t.emailText)}</p>
        ${m.text === null ? `<p>${e(t.emailTextUnread)}</p>` : `<div class="mailtext">${e(m.text)}</div>${m.textTruncated ? `<p>${e(t.emailTextTruncated)}</p>` : ''}`}
        ${
          m.attachments.length
            ? `<p class="hops-title">${e(t.emailAttachments)}</p><ul>${m.attachments
                .map((a) => `<li>${e(a.filename ?? t.emailNoName)} — ${e(a.contentType)}, ${e(a.size)}</li>`)
                .join('')}</ul>`
            : ''
        }`;
}

export function dossierHtml(d: DossierData): string {
  const t = d.text;
  const row = (label: string, value: string) => `<tr><th>${e(label)}</th><td>${value}</td></tr>`;
  const facts = `
    <table>
      ${row(t.reference, e(d.reference))}
      ${row(t.status, e(d.status))}
      ${row(t.person, e(d.person))}
      ${row(t.unit, e(d.unit))}
      ${row(t.occurredAt, e(d.occurredAt))}
      ${row(t.openedAt, e(d.openedAt))}
      ${d.closedAt ? row(t.closedAt, e(d.closedAt)) : ''}
      ${row(t.flags, d.flags.length ? e(d.flags.join(' · ')) : e(t.noFlags))}
    </table>
    <h3>${e(t.summary)}</h3>
    <div class="summary">${e(d.summary)}</div>`;
  const timeline = d.timeline.length
    ? `<table class="timeline">${d.timeline.map((x) => `<tr><td>${e(x.at)}</td><td>${x.actor ? `<strong>${e(x.actor)}</strong> — ` : ''}${e(x.text)}</td></tr>`).join('')}</table>`
    : `<p>${e(t.noTimeline)}</p>`;
  const evidence = d.evidence.length
    ? d.evidence
        .map(
          (ev, i) => `
      <div class="item">
        <h3>${e(t.evidenceItem.replace('{n}', String(i + 1)))}${ev.title ? ` — ${e(ev.title)}` : ''}</h3>
        ${ev.thumbnailDataUrl ? `<img class="thumb" alt="" src="${e(ev.thumbnailDataUrl)}">` : ''}
        <table>
          ${row(t.source, e(ev.source))}
          ${ev.sourceUrl ? row(t.sourceUrl, mono(ev.sourceUrl)) : ''}
          ${ev.finalUrl && ev.finalUrl !== ev.sourceUrl ? row(t.finalUrl, mono(ev.finalUrl)) : ''}
          ${ev.httpStatus !== null ? row(t.httpStatus, e(String(ev.httpStatus))) : ''}
          ${row(t.capturedAt, e(ev.capturedAt))}
          ${row(t.sealedAt, e(ev.sealedAt))}
          ${row(t.manifestSha256, mono(ev.manifestSha256))}
        </table>
        ${ev.email ? emailTable(ev.email, t, row) : ''}
        <table class="artefacts">
          <tr><th>${e(t.kind)}</th><th>${e(t.size)}</th><th>${e(t.sha256)}</th></tr>
          ${ev.artefacts.map((a) => `<tr><td>${e(a.kind)}<br><span class="mono">${e(a.filename)}</span></td><td>${e(a.size)}</td><td>${mono(a.sha256)}</td></tr>`).join('')}
        </table>
      </div>`,
        )
        .join('')
    : `<p>${e(t.noEvidence)}</p>`;
  const cert = `
    <section class="cert">
      <h2>${e(t.certification)}</h2>
      <p>${e(t.certificationIntro)}</p>
      <table>
        ${row(t.exportedBy, e(d.exportedBy))}
        ${row(t.exportedAt, e(d.exportedAt))}
        ${row(t.ledgerHead, `n° ${e(String(d.ledgerHead.seq))} — ${mono(d.ledgerHead.hash)}`)}
      </table>
      <h3>${e(t.howToVerify)}</h3>
      <ol>${t.howToVerifySteps.map((s) => `<li>${e(s)}</li>`).join('')}</ol>
      <h3>${e(t.signatureBlock)}</h3>
      <table class="sign">
        <tr><th>${e(t.signatureName)}</th><td></td></tr>
        <tr><th>${e(t.signatureTitle)}</th><td></td></tr>
        <tr><th>${e(t.signatureSignature)}</th><td></td></tr>
        <tr><th>${e(t.signatureDate)}</th><td></td></tr>
      </table>
    </section>`;
  return `<!doctype html><html lang="${e(d.lang)}"><head><meta charset="utf-8"><title>${e(t.title)} ${e(d.reference)}</title><style>${css}</style></head><body>
    <h1>${e(t.title)} — ${e(d.reference)}</h1>
    <div class="subtitle">${e(d.organisation)} · ${e(t.subtitle)}</div>
    <h2>${e(t.facts)}</h2>${facts}
    <h2>${e(t.timeline)}</h2>${timeline}
    <h2>${e(t.evidence)}</h2>${evidence}
    ${cert}
  </body></html>`;
}
