// GET /artefacts/{id}/email: the text and attachment list of an e-mail kept as evidence, to read
// it in the case without downloading the .eml (same access as the file; the read goes to the
// case's access log). Large messages are not parsed (the file can still be downloaded).
import { findArtefact } from '../../adapters/db/evidence.js';
import { EMAIL_BODY_MAX_BYTES, type EmailBody, readEmailBody } from '../../adapters/media/email-body.js';
import { emailMetaOf } from '../../domain/evidence/eml.js';
import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { isUuid, loadCaseEvidence } from './evidence-access.js';

export const EMAIL_TEXT_MAX_CHARS = 100_000;

export function isEmailArtefact(artefact: { kind: string; meta: unknown }): boolean {
  return artefact.kind === 'upload' && emailMetaOf(artefact.meta) !== undefined;
}

export async function readArtefactEmail(
  ctx: Pick<AppContext, 'db' | 'clock' | 'blobs'>,
  input: { actor: Principal; artefactId: string },
): Promise<EmailBody & { readable: boolean }> {
  if (!isUuid(input.artefactId)) throw new DomainError('not_found');
  const found = await findArtefact(ctx.db, input.actor.organisationId, input.artefactId);
  if (!found) throw new DomainError('not_found');
  await loadCaseEvidence(ctx.db, input.actor, found.caseId, ctx.clock.now(), 'artefact.read_email');
  if (!isEmailArtefact(found.artefact)) throw new DomainError('not_found');
  if (Number(found.artefact.size) > EMAIL_BODY_MAX_BYTES) return { readable: false, text: '', truncated: false, attachments: [] };
  const body = await readEmailBody(await ctx.blobs.get(found.artefact.sha256), { maxChars: EMAIL_TEXT_MAX_CHARS });
  return { readable: true, ...body };
}
