// CSV import of the staff directory (API and `rempart import-persons`). A dry run reports what
// would happen; a real run writes everything in one transaction or nothing at all (any error
// refuses the whole file). Reads and writes are batched (a handful of statements for thousands
// of rows); the ledger gets one entry with the counts and the file's digest, never names or
// e-mails. Parsing and matching rules: src/domain/directory/.
import { createHash } from 'node:crypto';
import { listAssociationRefs } from '../../adapters/db/associations.js';
import type { Queryable } from '../../adapters/db/database.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { findOrganisationSettings, lockOrganisation } from '../../adapters/db/organisations.js';
import { findPersonsForImport, insertPersonsBatch, updatePersonsBatch } from '../../adapters/db/persons.js';
import { listUnitRefs } from '../../adapters/db/units.js';
import type { ImportReport } from '../../contract/directory.js';
import { type ParsedPersonCsv, type PersonCsvRow, parsePersonCsv } from '../../domain/directory/person-csv.js';
import { type PersonImportPlan, planPersonImport } from '../../domain/directory/person-import-plan.js';
import { DomainError } from '../../domain/errors.js';
import { t } from '../../locales/index.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction, notFound } from './errors.js';

export const MAX_REPORTED_ERRORS = 500;

async function plan(db: Queryable, organisationId: string, rows: PersonCsvRow[], parsed: ParsedPersonCsv): Promise<PersonImportPlan> {
  const emails = [...new Set(rows.map((r) => r.email))];
  const numbers = [...new Set(rows.map((r) => r.employeeNumber).filter((n): n is string => n !== undefined))];
  const [org, units, associations, persons] = await Promise.all([
    findOrganisationSettings(db, organisationId),
    listUnitRefs(db, organisationId),
    listAssociationRefs(db, organisationId),
    findPersonsForImport(db, organisationId, emails, numbers),
  ]);
  if (!org) throw notFound();
  return planPersonImport(rows, parsed.columns, { units, associations, persons, defaultLocale: org.defaultLocale });
}

export async function importPersons(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, text, dryRun }: { actor: DirectoryActor; text: string; dryRun: boolean },
): Promise<ImportReport> {
  const parsed = parsePersonCsv(text);
  const badLines = new Set(parsed.issues.map((i) => i.line));
  // Rows already refused by the parser are not matched against the directory.
  const rows = parsed.rows.filter((r) => !badLines.has(r.line));

  const report = (p: PersonImportPlan | undefined, applied: boolean): ImportReport => {
    const issues = [...parsed.issues, ...(p?.issues ?? [])].sort((a, b) => a.line - b.line);
    return {
      dryRun,
      applied,
      rows: parsed.rows.length,
      created: p?.creates.length ?? 0,
      updated: p?.updates.length ?? 0,
      unchanged: p?.unchanged ?? 0,
      errorCount: issues.length,
      errors: issues.slice(0, MAX_REPORTED_ERRORS).map((i) => ({
        line: i.line,
        ...(i.column !== undefined ? { column: i.column } : {}),
        message: t(actor.locale, `directory.import.${i.code}`, i.params),
      })),
      ignoredColumns: parsed.ignoredColumns,
    };
  };

  const unreadable = parsed.issues.some((i) => ['empty_file', 'malformed', 'missing_column', 'duplicate_column'].includes(i.code));
  if (unreadable) return report(undefined, false);
  if (dryRun || parsed.issues.length > 0) return report(await plan(ctx.db, actor.organisationId, rows, parsed), false);

  const now = ctx.clock.now();
  try {
    return await inTransaction(ctx.db, async (tx) => {
      // Planned again under the lock, so what is written is exactly what was checked.
      await lockOrganisation(tx, actor.organisationId);
      const p = await plan(tx, actor.organisationId, rows, parsed);
      if (p.issues.length > 0) return report(p, false);
      await updatePersonsBatch(tx, actor.organisationId, p.updates, now);
      await insertPersonsBatch(tx, actor.organisationId, p.creates, now);
      await appendLedger(tx, {
        action: 'persons.imported',
        at: now,
        actorId: actor.userId,
        organisationId: actor.organisationId,
        subject: { type: 'organisation', id: actor.organisationId },
        data: {
          rows: parsed.rows.length,
          created: p.creates.length,
          updated: p.updates.length,
          unchanged: p.unchanged,
          fileSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
        },
      });
      return report(p, true);
    });
  } catch (error) {
    // A person added or edited elsewhere between planning and writing took an e-mail or number.
    if (error instanceof DomainError && error.code === 'conflict')
      throw new DomainError('conflict', { messageKey: 'directory.error.import_conflict' });
    throw error;
  }
}
