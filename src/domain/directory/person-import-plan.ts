// What a directory CSV import would do, given the rows and the directory as it is: which persons
// to create, which to update, which are unchanged, and which rows cannot be applied. Pure.
//
// Matching: employee number first, then e-mail. Two persons are never merged silently: a row
// whose e-mail belongs to someone else, or whose employee number contradicts the e-mail's owner,
// is an error. Absent columns leave fields as they are; an empty unit/association/title cell
// clears it; an empty employee number or language keeps the stored one.
import { nameKey, type PersonCsvIssue, type PersonCsvRow } from './person-csv.js';

export interface DirectoryPerson {
  id: string;
  fullName: string;
  email: string;
  unitId: string | null;
  jobTitle: string;
  associationId: string | null;
  employeeNumber: string | null;
  preferredLocale: string;
}

export type PersonValues = Omit<DirectoryPerson, 'id'>;

export interface ImportDirectory {
  units: Array<{ id: string; name: string; code: string | null }>;
  associations: Array<{ id: string; name: string }>;
  /** Existing persons whose e-mail or employee number appears in the rows (more is harmless). */
  persons: DirectoryPerson[];
  defaultLocale: string;
}

export interface PersonImportPlan {
  issues: PersonCsvIssue[];
  creates: PersonValues[];
  updates: DirectoryPerson[];
  unchanged: number;
}

export function planPersonImport(rows: PersonCsvRow[], columns: Partial<Record<string, string>>, dir: ImportDirectory): PersonImportPlan {
  // A unit is named by its code or its name (case and accents ignored); codes win on a tie.
  const unitByKey = new Map<string, string>();
  for (const u of dir.units) unitByKey.set(nameKey(u.name), u.id);
  for (const u of dir.units) if (u.code) unitByKey.set(nameKey(u.code), u.id);
  const associationByKey = new Map(dir.associations.map((a) => [nameKey(a.name), a.id]));
  const byEmail = new Map(dir.persons.map((p) => [p.email.toLowerCase(), p]));
  const byNumber = new Map<string, DirectoryPerson>();
  for (const p of dir.persons) if (p.employeeNumber !== null) byNumber.set(p.employeeNumber, p);

  const plan: PersonImportPlan = { issues: [], creates: [], updates: [], unchanged: 0 };
  const lineOfPerson = new Map<string, number>();
  for (const row of rows) {
    const issues: PersonCsvIssue[] = [];
    let unitId: string | null | undefined;
    if (row.unit !== undefined) {
      unitId = row.unit === '' ? null : unitByKey.get(nameKey(row.unit));
      if (unitId === undefined)
        issues.push({ line: row.line, column: columns.unit ?? 'unite', code: 'unknown_unit', params: { value: row.unit } });
    }
    let associationId: string | null | undefined;
    if (row.association !== undefined) {
      associationId = row.association === '' ? null : associationByKey.get(nameKey(row.association));
      if (associationId === undefined) {
        issues.push({
          line: row.line,
          column: columns.association ?? 'association',
          code: 'unknown_association',
          params: { value: row.association },
        });
      }
    }

    let target = row.employeeNumber !== undefined ? byNumber.get(row.employeeNumber) : undefined;
    const emailOwner = row.email !== '' ? byEmail.get(row.email) : undefined;
    if (target) {
      if (emailOwner && emailOwner.id !== target.id)
        issues.push({ line: row.line, column: columns.email ?? 'courriel', code: 'email_belongs_to_other' });
    } else if (emailOwner) {
      if (row.employeeNumber !== undefined && emailOwner.employeeNumber !== null && emailOwner.employeeNumber !== row.employeeNumber) {
        issues.push({
          line: row.line,
          column: columns.employeeNumber ?? 'matricule',
          code: 'employee_number_mismatch',
          params: { number: emailOwner.employeeNumber },
        });
      } else target = emailOwner;
    }
    if (target) {
      const first = lineOfPerson.get(target.id);
      if (first !== undefined) issues.push({ line: row.line, code: 'same_person_as_line', params: { line: first } });
      else lineOfPerson.set(target.id, row.line);
    }
    plan.issues.push(...issues);
    if (issues.length > 0) continue;

    const values: PersonValues = {
      fullName: row.fullName,
      // Keep the stored spelling when only the case differs.
      email: target && target.email.toLowerCase() === row.email ? target.email : row.email,
      unitId: unitId === undefined ? (target?.unitId ?? null) : unitId,
      jobTitle: row.jobTitle ?? target?.jobTitle ?? '',
      associationId: associationId === undefined ? (target?.associationId ?? null) : associationId,
      employeeNumber: row.employeeNumber ?? target?.employeeNumber ?? null,
      preferredLocale: row.locale ?? target?.preferredLocale ?? dir.defaultLocale,
    };
    if (!target) plan.creates.push(values);
    else if ((Object.keys(values) as Array<keyof PersonValues>).every((k) => values[k] === target[k])) plan.unchanged += 1;
    else plan.updates.push({ ...values, id: target.id });
  }
  return plan;
}
