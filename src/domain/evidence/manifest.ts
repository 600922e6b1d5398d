// The evidence manifest (DESIGN.md §3): canonical JSON describing what was seen, by whom, when,
// how, and each artefact's kind, media type, size and SHA-256. Its SHA-256 goes to the ledger
// when the evidence is sealed. Changing this shape needs a new version and an ADR.
import { canonicalJson, sha256Hex } from '../ledger/chain.js';

export const MANIFEST_VERSION = 1;

export const artefactKinds = ['screenshot', 'viewport', 'pdf', 'mhtml', 'html', 'http', 'wacz', 'upload', 'thumbnail'] as const;
export type ArtefactKind = (typeof artefactKinds)[number];

export interface ManifestArtefact {
  kind: ArtefactKind;
  mediaType: string;
  size: number;
  sha256: string;
  filename: string;
  /** Hash announced by the client (upload, extension) — equal to sha256 or the upload was refused. */
  clientSha256?: string;
  /** Extracted metadata: e-mail headers and dates, image EXIF… */
  meta?: Record<string, unknown>;
}

export interface EvidenceManifest {
  v: typeof MANIFEST_VERSION;
  evidenceId: string;
  caseId: string;
  source: 'capture' | 'upload' | 'extension';
  sourceUrl: string | null;
  finalUrl: string | null;
  httpStatus: number | null;
  /** Response headers of the main document (captures). */
  httpHeaders: Record<string, string> | null;
  title: string | null;
  comment: string | null;
  captureStartedAt: string;
  captureEndedAt: string;
  capturedBy: { userId: string };
  agent: { name: 'rempart'; version: string; tool?: string | undefined };
  browser: { name: string; version: string; userAgent?: string | undefined } | null;
  viewport: { width: number; height: number } | null;
  artefacts: ManifestArtefact[];
}

export function manifestJson(manifest: EvidenceManifest): string {
  return canonicalJson(manifest);
}

export function manifestSha256(manifest: EvidenceManifest): string {
  return sha256Hex(manifestJson(manifest));
}

export type ManifestProblem =
  | { kind: 'manifest_hash'; expected: string; found: string }
  | { kind: 'artefact_missing'; artefact: ArtefactKind; sha256: string }
  | { kind: 'artefact_hash'; artefact: ArtefactKind; expected: string; found: string }
  | { kind: 'artefact_size'; artefact: ArtefactKind; expected: number; found: number };
