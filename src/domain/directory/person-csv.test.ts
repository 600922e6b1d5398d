import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, detectSeparator, fieldOfHeader, parseLocale, parsePersonCsv } from './person-csv.js';

describe('person CSV header', () => {
  it('accepts French and English column names, accents and case ignored', () => {
    expect(fieldOfHeader('Nom')).toBe('fullName');
    expect(fieldOfHeader('full_name')).toBe('fullName');
    expect(fieldOfHeader('Courriel')).toBe('email');
    expect(fieldOfHeader('E-mail')).toBe('email');
    expect(fieldOfHeader('Unité')).toBe('unit');
    expect(fieldOfHeader(' UNIT ')).toBe('unit');
    expect(fieldOfHeader('Titre')).toBe('jobTitle');
    expect(fieldOfHeader('job title')).toBe('jobTitle');
    expect(fieldOfHeader('Matricule')).toBe('employeeNumber');
    expect(fieldOfHeader('employee_number')).toBe('employeeNumber');
    expect(fieldOfHeader('Langue')).toBe('locale');
    expect(fieldOfHeader('Téléphone')).toBeUndefined();
  });

  it('detects the separator from the header line, ignoring quoted commas', () => {
    expect(detectSeparator('nom;courriel;unite\n"a,b";c;d')).toBe(';');
    expect(detectSeparator('nom,courriel\n')).toBe(',');
    expect(detectSeparator('"Nom, complet";courriel\n')).toBe(';');
  });

  it('reads languages in French or English words and codes', () => {
    expect(parseLocale('fr')).toBe('fr-CA');
    expect(parseLocale('Français')).toBe('fr-CA');
    expect(parseLocale('fr-CA')).toBe('fr-CA');
    expect(parseLocale('EN')).toBe('en');
    expect(parseLocale('anglais')).toBe('en');
    expect(parseLocale('')).toBeUndefined();
    expect(parseLocale('klingon')).toBeNull();
  });
});

describe('person CSV decoding', () => {
  it('reads UTF-8 with a BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('nom;courriel\nÉlise;e@x.test\n')]);
    expect(decodeCsvBytes(bytes)).toBe('nom;courriel\nÉlise;e@x.test\n');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8 (French Excel "CSV")', () => {
    // "Élise Côté" in Windows-1252.
    const bytes = new Uint8Array([0xc9, 0x6c, 0x69, 0x73, 0x65, 0x20, 0x43, 0xf4, 0x74, 0xe9]);
    expect(decodeCsvBytes(bytes)).toBe('Élise Côté');
  });
});

describe('person CSV rows', () => {
  it('parses a ;-separated file with a BOM, quoted cells and CRLF', () => {
    const text =
      '\uFEFFNom;Courriel;Unité;Titre;Association;Matricule;Langue\r\n' +
      '"Tremblay; Camille";Camille.Tremblay@CSS.test;ERA;Enseignante;Syndicat;1001;fr\r\n' +
      ';;;;;;\r\n' +
      'Olivier Gagnon;olivier@css.test;;;;;en\r\n';
    const parsed = parsePersonCsv(text);
    expect(parsed.issues).toEqual([]);
    expect(parsed.separator).toBe(';');
    expect(parsed.columns).toEqual({
      fullName: 'Nom',
      email: 'Courriel',
      unit: 'Unité',
      jobTitle: 'Titre',
      association: 'Association',
      employeeNumber: 'Matricule',
      locale: 'Langue',
    });
    expect(parsed.rows).toEqual([
      {
        line: 2,
        fullName: 'Tremblay; Camille',
        email: 'camille.tremblay@css.test',
        unit: 'ERA',
        jobTitle: 'Enseignante',
        association: 'Syndicat',
        employeeNumber: '1001',
        locale: 'fr-CA',
      },
      {
        line: 4,
        fullName: 'Olivier Gagnon',
        email: 'olivier@css.test',
        unit: '',
        jobTitle: '',
        association: '',
        employeeNumber: undefined,
        locale: 'en',
      },
    ]);
  });

  it('leaves absent columns undefined and lists unknown columns as ignored', () => {
    const parsed = parsePersonCsv('full_name,email,phone\nA B,a@b.test,555\n');
    expect(parsed.issues).toEqual([]);
    expect(parsed.ignoredColumns).toEqual(['phone']);
    expect(parsed.rows[0]).toMatchObject({
      unit: undefined,
      jobTitle: undefined,
      association: undefined,
      employeeNumber: undefined,
      locale: undefined,
    });
  });

  it('reports line errors: missing value, bad e-mail, bad language, too long, duplicates in the file', () => {
    const text = [
      'nom,courriel,matricule,langue',
      ',a@x.test,1,fr',
      'B,not-an-email,2,fr',
      'C,c@x.test,3,klingon',
      `${'D'.repeat(201)},d@x.test,4,`,
      'E,A@X.test,5,',
      'F,f@x.test,3,',
    ].join('\n');
    const { issues } = parsePersonCsv(text);
    expect(issues).toEqual([
      { line: 2, column: 'nom', code: 'required' },
      { line: 3, column: 'courriel', code: 'invalid_email', params: { value: 'not-an-email' } },
      { line: 4, column: 'langue', code: 'invalid_locale', params: { value: 'klingon' } },
      { line: 5, column: 'nom', code: 'too_long', params: { max: 200 } },
      { line: 6, column: 'courriel', code: 'duplicate_email', params: { line: 2 } },
      { line: 7, column: 'matricule', code: 'duplicate_employee_number', params: { line: 4 } },
    ]);
  });

  it('numbers lines by where a row starts, even after a cell spanning lines', () => {
    const parsed = parsePersonCsv('nom,courriel,titre\nA,a@x.test,"two\nlines"\nB,bad,\n');
    expect(parsed.issues).toEqual([{ line: 4, column: 'courriel', code: 'invalid_email', params: { value: 'bad' } }]);
  });

  it('refuses a header without the required columns, an empty file and an unclosed quote', () => {
    expect(parsePersonCsv('nom,unite\nA,B\n').issues).toEqual([{ line: 1, code: 'missing_column', params: { column: 'courriel' } }]);
    expect(parsePersonCsv('\uFEFF  \n').issues).toEqual([{ line: 1, code: 'empty_file' }]);
    expect(parsePersonCsv('nom,courriel\n"A,a@x.test\n').issues[0]).toMatchObject({ code: 'malformed' });
    expect(parsePersonCsv('nom,courriel,Courriel\n').issues).toEqual([{ line: 1, column: 'Courriel', code: 'duplicate_column' }]);
  });

  it('refuses a row with more cells than the header', () => {
    expect(parsePersonCsv('nom,courriel\nA,a@x.test,extra\n').issues).toEqual([
      { line: 2, code: 'too_many_fields', params: { count: 3, expected: 2 } },
    ]);
  });
});
