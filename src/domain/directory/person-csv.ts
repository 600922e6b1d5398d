// Parsing and row validation of the staff directory CSV (docs/admin-directory.md). Pure: text in,
// typed rows and issues out. What needs the database (units, associations, existing persons)
// is checked by src/app/directory/import-persons.ts.
//
// The file comes from HR exports and from Excel: French Excel writes `;` separators, may add a
// UTF-8 BOM, and "CSV (séparateur: point-virgule)" is Windows-1252 rather than UTF-8.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

export type PersonCsvField = 'fullName' | 'email' | 'unit' | 'jobTitle' | 'association' | 'employeeNumber' | 'locale';

export type PersonCsvIssueCode =
  | 'empty_file'
  | 'malformed'
  | 'missing_column'
  | 'duplicate_column'
  | 'too_many_fields'
  | 'required'
  | 'too_long'
  | 'invalid_email'
  | 'invalid_locale'
  | 'duplicate_email'
  | 'duplicate_employee_number';

/** Issues found against the directory (see person-import-plan.ts). */
export type PersonImportIssueCode =
  | PersonCsvIssueCode
  | 'unknown_unit'
  | 'unknown_association'
  | 'email_belongs_to_other'
  | 'employee_number_mismatch'
  | 'same_person_as_line';

export interface PersonCsvIssue {
  /** Line of the file; the header is line 1. */
  line: number;
  /** The column header as written in the file. */
  column?: string;
  code: PersonImportIssueCode;
  params?: Record<string, string | number>;
}

export interface PersonCsvRow {
  line: number;
  fullName: string;
  /** Trimmed and lower-cased. */
  email: string;
  /** Unit name or code; '' = no unit; undefined = column absent (leave as is). */
  unit: string | undefined;
  jobTitle: string | undefined;
  association: string | undefined;
  /** undefined = absent or blank: an import never clears an employee number. */
  employeeNumber: string | undefined;
  /** undefined = absent or blank: keep the person's language (organisation default when new). */
  locale: 'fr-CA' | 'en' | undefined;
}

export interface ParsedPersonCsv {
  separator: ',' | ';';
  /** Header label of each recognised field, as written in the file. */
  columns: Partial<Record<PersonCsvField, string>>;
  ignoredColumns: string[];
  rows: PersonCsvRow[];
  issues: PersonCsvIssue[];
}

/** Header names accepted for each field, compared after normaliseHeader (French first). */
const headerAliases: Record<PersonCsvField, string[]> = {
  fullName: ['nom', 'nom_complet', 'full_name', 'fullname', 'name'],
  email: ['courriel', 'adresse_courriel', 'email', 'e_mail', 'mail'],
  unit: ['unite', 'unit', 'etablissement'],
  jobTitle: ['titre', 'titre_d_emploi', 'fonction', 'job_title', 'title'],
  association: ['association', 'syndicat'],
  employeeNumber: ['matricule', 'no_employe', 'numero_employe', 'employee_number', 'employee_id'],
  locale: ['langue', 'locale', 'language'],
};

export const maxLengths: Record<PersonCsvField, number> = {
  fullName: 200,
  email: 320,
  unit: 200,
  jobTitle: 200,
  association: 200,
  employeeNumber: 64,
  locale: 16,
};

const emailSchema = z.email();

/** Lower case, accents removed, runs of anything else than letters and digits as one `_`. */
export function normaliseHeader(label: string): string {
  return label
    .replace(/^\uFEFF/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Case- and accent-insensitive key for matching unit and association names. */
export function nameKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function fieldOfHeader(label: string): PersonCsvField | undefined {
  const key = normaliseHeader(label);
  for (const [field, aliases] of Object.entries(headerAliases) as Array<[PersonCsvField, string[]]>) {
    if (aliases.includes(key)) return field;
  }
  return undefined;
}

/** UTF-8 (with or without BOM); bytes that are not valid UTF-8 are read as Windows-1252. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** `;` when the header line has more semicolons than commas outside quotes, else `,`. */
export function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas += 1;
    else if (!quoted && ch === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

export function parseLocale(value: string): 'fr-CA' | 'en' | undefined | null {
  const key = normaliseHeader(value);
  if (key === '') return undefined;
  if (['fr', 'fr_ca', 'fr_fr', 'francais', 'french', 'fra'].includes(key)) return 'fr-CA';
  if (['en', 'en_ca', 'en_us', 'en_gb', 'anglais', 'english', 'eng'].includes(key)) return 'en';
  return null;
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Reads the CSV text (BOM, `,` or `;`, quoted fields, CRLF) into rows, checking what needs no
 * database: required columns and values, e-mail syntax, lengths, language, duplicates in the file.
 */
export function parsePersonCsv(input: string): ParsedPersonCsv {
  const text = input.replace(/^\uFEFF/, '');
  const separator = detectSeparator(text);
  const result: ParsedPersonCsv = { separator, columns: {}, ignoredColumns: [], rows: [], issues: [] };
  if (text.trim() === '') {
    result.issues.push({ line: 1, code: 'empty_file' });
    return result;
  }
  let records: CsvRecord[];
  try {
    records = parse(text, {
      delimiter: separator,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const lines = (error as { lines?: unknown }).lines;
    result.issues.push({ line: typeof lines === 'number' ? lines : 1, code: 'malformed' });
    return result;
  }
  // info.lines is where a record ends; a quoted cell may span lines, so count back to its start.
  const startLine = (r: CsvRecord) => r.info.lines - r.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);

  const [header, ...data] = records;
  if (!header) {
    result.issues.push({ line: 1, code: 'empty_file' });
    return result;
  }
  const headerLine = startLine(header);
  const indexOf: Partial<Record<PersonCsvField, number>> = {};
  header.record.forEach((raw, index) => {
    const label = raw.trim();
    const field = fieldOfHeader(label);
    if (!field) {
      if (label !== '') result.ignoredColumns.push(label);
      return;
    }
    if (indexOf[field] !== undefined) {
      result.issues.push({ line: headerLine, column: label, code: 'duplicate_column' });
      return;
    }
    indexOf[field] = index;
    result.columns[field] = label;
  });
  for (const field of ['fullName', 'email'] as const) {
    if (indexOf[field] === undefined) {
      result.issues.push({ line: headerLine, code: 'missing_column', params: { column: headerAliases[field][0] ?? field } });
    }
  }
  if (result.issues.length > 0) return result;

  const firstLineOfEmail = new Map<string, number>();
  const firstLineOfNumber = new Map<string, number>();
  for (const r of data) {
    const line = startLine(r);
    const rowIssues: PersonCsvIssue[] = [];
    if (r.record.length > header.record.length && r.record.slice(header.record.length).some((c) => c.trim() !== '')) {
      rowIssues.push({ line, code: 'too_many_fields', params: { count: r.record.length, expected: header.record.length } });
    }
    const cell = (field: PersonCsvField): string | undefined => {
      const index = indexOf[field];
      if (index === undefined) return undefined;
      const value = (r.record[index] ?? '').trim();
      const max = maxLengths[field];
      if (value.length > max) {
        rowIssues.push({ line, column: result.columns[field] ?? field, code: 'too_long', params: { max } });
        return value.slice(0, max);
      }
      return value;
    };
    const fullName = cell('fullName') ?? '';
    const email = (cell('email') ?? '').toLowerCase();
    const rawLocale = cell('locale');
    const employeeNumber = cell('employeeNumber') || undefined;
    const row: PersonCsvRow = {
      line,
      fullName,
      email,
      unit: cell('unit'),
      jobTitle: cell('jobTitle'),
      association: cell('association'),
      employeeNumber,
      locale: undefined,
    };
    if (fullName === '') rowIssues.push({ line, column: result.columns.fullName ?? 'nom', code: 'required' });
    if (email === '') rowIssues.push({ line, column: result.columns.email ?? 'courriel', code: 'required' });
    else if (!emailSchema.safeParse(email).success)
      rowIssues.push({ line, column: result.columns.email ?? 'courriel', code: 'invalid_email', params: { value: email } });
    if (rawLocale !== undefined) {
      const locale = parseLocale(rawLocale);
      if (locale === null)
        rowIssues.push({ line, column: result.columns.locale ?? 'langue', code: 'invalid_locale', params: { value: rawLocale } });
      else row.locale = locale;
    }
    if (email !== '') {
      const first = firstLineOfEmail.get(email);
      if (first !== undefined)
        rowIssues.push({ line, column: result.columns.email ?? 'courriel', code: 'duplicate_email', params: { line: first } });
      else firstLineOfEmail.set(email, line);
    }
    if (employeeNumber !== undefined) {
      const first = firstLineOfNumber.get(employeeNumber);
      if (first !== undefined) {
        rowIssues.push({
          line,
          column: result.columns.employeeNumber ?? 'matricule',
          code: 'duplicate_employee_number',
          params: { line: first },
        });
      } else firstLineOfNumber.set(employeeNumber, line);
    }
    result.rows.push(row);
    result.issues.push(...rowIssues);
  }
  return result;
}
