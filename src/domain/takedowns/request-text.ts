// The text of a removal request (Takedown issue): specific to the ground (what happened, which
// law), to the provider (its name, what kind of service it is, what we ask of it, its channel's
// notes) and to who files it, citing each URL with its sealed capture's date (in the
// organisation's time zone) and the SHA-256 of its manifest and artefacts. Sentences come from
// the locale catalogues through `tr`, so the module stays pure.
import { DateTime } from 'luxon';
import type { Ground, ProviderChannel, ProviderKind } from './directory.js';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface CitedArtefact {
  kind: string;
  filename: string;
  sha256: string;
}

export interface CitedEvidence {
  evidenceId: string;
  capturedAt: Date;
  manifestSha256: string;
  artefacts: readonly CitedArtefact[];
}

export interface CitedLocation {
  url: string;
  evidence: readonly CitedEvidence[];
}

export interface RequestTextInput {
  provider: { id: string; name: string; kind: ProviderKind };
  channel: ProviderChannel | undefined;
  ground: Ground;
  filer: 'board' | 'staff_member';
  person: { fullName: string; jobTitle: string | null };
  organisation: { name: string; timeZone: string };
  /** Who prepares the request for the board (signs a board-filed request). */
  sender: { name: string };
  caseReference: string;
  /** The host's registrable domain, for a web host. */
  domain: string | null;
  locations: readonly CitedLocation[];
}

/** "3 mars 2026 à 10 h 15 HNE (America/Toronto, UTC−05:00)": unambiguous for any reader. */
export function formatCaptureTime(at: Date, timeZone: string, locale: 'fr-CA' | 'en'): string {
  const local = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(at);
  const offset = DateTime.fromJSDate(at).setZone(timeZone).toFormat('ZZ').replace('-', '−');
  return `${local} (${timeZone}, UTC${offset})`;
}

/** Whether the text must name the country whose law applies (legal forms ask for it). */
function needsCountry(channel: ProviderChannel | undefined): boolean {
  return channel?.method === 'legal_form';
}

export function generateRequestText(input: RequestTextInput, locale: 'fr-CA' | 'en', tr: Translate): string {
  const p = {
    provider: input.provider.name,
    person: input.person.fullName,
    jobTitle: input.person.jobTitle?.trim() ? input.person.jobTitle.trim() : 'none',
    organisation: input.organisation.name,
    sender: input.sender.name,
    reference: input.caseReference,
    domain: input.domain ?? input.provider.name,
    mandate: input.filer === 'board' && input.channel?.whoMayFile.includes('representative') ? 'yes' : 'no',
  };
  const kind = input.provider.kind;
  const parts: string[] = [];
  const subjectKey = kind === 'search_engine' ? `takedown.text.subject.search.${input.ground}` : `takedown.text.subject.${input.ground}`;
  parts.push(tr(subjectKey, p));
  parts.push(tr('takedown.text.greeting', p));
  parts.push(tr(`takedown.text.intro.${input.filer}`, p));
  parts.push(tr(`takedown.text.facts.${input.ground}`, p));
  parts.push(kind === 'platform' ? tr(`takedown.text.policy.platform.${input.ground}`, p) : tr(`takedown.text.policy.${kind}`, p));

  const lines: string[] = [tr('takedown.text.locations.heading', { count: input.locations.length })];
  input.locations.forEach((loc, i) => {
    lines.push(tr('takedown.text.location.line', { n: i + 1, url: loc.url }));
    if (loc.evidence.length === 0) lines.push(`   ${tr('takedown.text.location.no_evidence')}`);
    for (const ev of loc.evidence) {
      lines.push(
        `   ${tr('takedown.text.location.evidence', { capturedAt: formatCaptureTime(ev.capturedAt, input.organisation.timeZone, locale), manifest: ev.manifestSha256 })}`,
      );
      for (const a of ev.artefacts) {
        lines.push(
          `     ${tr('takedown.text.location.artefact', { kind: tr(`takedown.artefact.${a.kind}`), filename: a.filename, sha256: a.sha256 })}`,
        );
      }
    }
  });
  parts.push(lines.join('\n'));
  if (input.locations.some((l) => l.evidence.length > 0)) parts.push(tr('takedown.text.evidence_note', p));
  parts.push(tr(`takedown.text.law.${input.ground}`, p));
  if (needsCountry(input.channel)) parts.push(tr('takedown.text.country', p));
  parts.push(tr(`takedown.text.ask.${kind}`, p));
  parts.push(tr(`takedown.text.closing.${input.filer}`, p));
  return `${parts.join('\n\n')}\n`;
}
