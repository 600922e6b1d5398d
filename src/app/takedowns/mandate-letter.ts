// GET /takedowns/{id}/mandate.pdf: the mandate letter, in French and English, by which the staff
// member names the board as their representative for this one removal request (platforms that
// take reports only from the targeted person or an authorised representative). It lists the
// addresses and has signature and date lines: the signed scan is uploaded (upload-mandate.ts);
// ticking a box is not a signature. DejaVu Sans is embedded so every French letter prints.
import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { appendLedger } from '../../adapters/db/ledger.js';
import { DomainError } from '../../domain/errors.js';
import { canFileTakedowns } from '../../domain/takedowns/status.js';
import { type Locale, t } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { findProvider } from './directory-store.js';
import { loadRequest, requestLocations } from './takedown-store.js';

const FONT_PATHS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
];
let fontBytes: Uint8Array | undefined;

async function loadFont(): Promise<Uint8Array> {
  if (fontBytes) return fontBytes;
  for (const path of FONT_PATHS) {
    try {
      fontBytes = await readFile(path);
      return fontBytes;
    } catch {
      // next candidate
    }
  }
  throw new Error(`DejaVuSans.ttf not found (install fonts-dejavu-core): looked in ${FONT_PATHS.join(', ')}`);
}

/** Splits text into lines no wider than `width`; long words (URLs) are cut where needed. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w.length > 0)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut -= 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

interface Writer {
  page: PDFPage;
  y: number;
}

const MARGIN = 56;
const PAGE: [number, number] = [595.28, 841.89];

export interface MandateContent {
  person: string;
  jobTitle: string | null;
  organisation: string;
  provider: string;
  ground: string;
  caseReference: string;
  requestId: string;
  urls: string[];
  timeZone: string;
}

function section(locale: Locale, c: MandateContent): Array<{ text: string; size: number; gap: number }> {
  const p = {
    person: c.person,
    jobTitle: c.jobTitle?.trim() ? c.jobTitle.trim() : 'none',
    organisation: c.organisation,
    provider: c.provider,
    ground: t(locale, `takedown.ground.${c.ground}`),
    reference: c.caseReference,
    request: c.requestId.slice(0, 8).toUpperCase(),
    count: c.urls.length,
  };
  const k = (key: string) => t(locale, `takedown.mandate.${key}`, p);
  return [
    { text: k('title'), size: 15, gap: 10 },
    { text: k('body'), size: 10.5, gap: 8 },
    { text: k('ground'), size: 10.5, gap: 8 },
    { text: k('urls'), size: 10.5, gap: 4 },
    ...c.urls.map((u, i) => ({ text: `${i + 1}. ${u}`, size: 9.5, gap: 2 })),
    { text: k('scope'), size: 10.5, gap: 8 },
    { text: k('revocable'), size: 10.5, gap: 18 },
    { text: k('sign_person'), size: 10.5, gap: 6 },
    { text: k('print_name'), size: 10.5, gap: 18 },
    { text: k('sign_board'), size: 10.5, gap: 6 },
    { text: k('board_name'), size: 10.5, gap: 24 },
  ];
}

/** The letter's PDF bytes: French first, then English, each starting on its own page. */
export async function renderMandatePdf(c: MandateContent, now: Date, order: readonly Locale[] = ['fr-CA', 'en']): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await loadFont(), { subset: true });
  doc.setTitle(`${t('fr-CA', 'takedown.mandate.doc_title')} / ${t('en', 'takedown.mandate.doc_title')} — ${c.person}`);
  doc.setAuthor(c.organisation);
  doc.setSubject(`${c.provider} — ${c.caseReference}`);
  doc.setKeywords(c.urls);
  doc.setCreator('Rempart');
  doc.setProducer('Rempart (pdf-lib)');
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const width = PAGE[0] - 2 * MARGIN;
  for (const locale of order) {
    const w: Writer = { page: doc.addPage(PAGE), y: PAGE[1] - MARGIN };
    for (const block of section(locale, c)) {
      for (const line of wrapText(block.text, font, block.size, width)) {
        if (w.y - block.size * 1.35 < MARGIN) {
          w.page = doc.addPage(PAGE);
          w.y = PAGE[1] - MARGIN;
        }
        w.y -= block.size * 1.35;
        w.page.drawText(line, { x: MARGIN, y: w.y, size: block.size, font, color: rgb(0.07, 0.07, 0.07) });
      }
      w.y -= block.gap;
    }
  }
  return doc.save();
}

export async function generateMandateLetter(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; requestId: string },
): Promise<{ pdf: Uint8Array; filename: string }> {
  const now = ctx.clock.now();
  const { request, loaded } = await loadRequest(ctx.db, input.actor, input.requestId, now, 'takedown.mandate');
  if (!canFileTakedowns(loaded.access)) throw new DomainError('forbidden');
  const [provider, locations, person, org] = await Promise.all([
    findProvider(ctx.db, request.provider_id),
    requestLocations(ctx.db, request),
    ctx.db
      .selectFrom('persons')
      .select(['full_name', 'job_title'])
      .where('id', '=', loaded.row.affected_person_id)
      .executeTakeFirstOrThrow(),
    ctx.db.selectFrom('organisations').select(['name', 'time_zone']).where('id', '=', loaded.row.organisation_id).executeTakeFirstOrThrow(),
  ]);
  const pdf = await renderMandatePdf(
    {
      person: person.full_name,
      jobTitle: person.job_title || null,
      organisation: org.name,
      provider: provider?.entry.name ?? request.provider_id,
      ground: request.ground,
      caseReference: loaded.row.reference,
      requestId: request.id,
      urls: locations.map((l) => l.url),
      timeZone: org.time_zone,
    },
    now,
  );
  await ctx.db.transaction().execute(async (tx) => {
    await appendLedger(tx, {
      action: 'takedown.mandate_generated',
      at: now,
      actorId: input.actor.userId,
      organisationId: loaded.row.organisation_id,
      caseId: loaded.row.id,
      subject: { type: 'takedown_request', id: request.id },
      data: { locations: locations.length },
    });
  });
  return { pdf, filename: `mandat-${loaded.row.reference}-${request.id.slice(0, 8)}.pdf` };
}
