import { describe, expect, it } from 'vitest';
import { parsePersonCsv } from './person-csv.js';
import { type DirectoryPerson, type ImportDirectory, planPersonImport } from './person-import-plan.js';

const units = [
  { id: 'u-era', name: 'École primaire des Érables', code: 'ERA' },
  { id: 'u-sri', name: 'Service des ressources informationnelles', code: null },
];
const associations = [{ id: 'a-syn', name: "Syndicat de l'enseignement" }];

function person(overrides: Partial<DirectoryPerson>): DirectoryPerson {
  return {
    id: 'p-1',
    fullName: 'Camille Tremblay',
    email: 'camille@css.test',
    unitId: 'u-era',
    jobTitle: 'Enseignante',
    associationId: 'a-syn',
    employeeNumber: '1001',
    preferredLocale: 'fr-CA',
    ...overrides,
  };
}

function plan(csv: string, persons: DirectoryPerson[] = []) {
  const parsed = parsePersonCsv(csv);
  expect(parsed.issues).toEqual([]);
  const dir: ImportDirectory = { units, associations, persons, defaultLocale: 'fr-CA' };
  return planPersonImport(parsed.rows, parsed.columns, dir);
}

describe('person import plan', () => {
  it('creates unknown persons, resolving units by code or name (case and accents ignored)', () => {
    const p = plan(
      'nom,courriel,unite,association\nA,a@x.test,era,SYNDICAT DE L’ENSEIGNEMENT\nB,b@x.test,service des ressources informationnelles,\n'.replace(
        '’',
        "'",
      ),
    );
    expect(p.issues).toEqual([]);
    expect(p.creates).toEqual([
      {
        fullName: 'A',
        email: 'a@x.test',
        unitId: 'u-era',
        jobTitle: '',
        associationId: 'a-syn',
        employeeNumber: null,
        preferredLocale: 'fr-CA',
      },
      {
        fullName: 'B',
        email: 'b@x.test',
        unitId: 'u-sri',
        jobTitle: '',
        associationId: null,
        employeeNumber: null,
        preferredLocale: 'fr-CA',
      },
    ]);
  });

  it('matches by employee number first (e-mail may change), then by e-mail', () => {
    const p = plan('nom,courriel,matricule\nCamille Tremblay,camille.t@css.test,1001\nOlivier,olivier@css.test,\n', [
      person({}),
      person({ id: 'p-2', fullName: 'Olivier G', email: 'Olivier@CSS.test', employeeNumber: null }),
    ]);
    expect(p.issues).toEqual([]);
    expect(p.updates).toEqual([
      { ...person({}), email: 'camille.t@css.test' },
      // Stored e-mail spelling kept when only the case differs; absent columns keep their values.
      { ...person({ id: 'p-2', fullName: 'Olivier', email: 'Olivier@CSS.test', employeeNumber: null }) },
    ]);
  });

  it('counts identical rows as unchanged and never clears an employee number', () => {
    const p = plan(
      "nom,courriel,unite,titre,association,matricule,langue\nCamille Tremblay,camille@css.test,ERA,Enseignante,Syndicat de l'enseignement,,\n",
      [person({})],
    );
    expect(p).toMatchObject({ creates: [], updates: [], unchanged: 1, issues: [] });
  });

  it('refuses unknown units and associations, naming the value', () => {
    const p = plan('nom,courriel,unite,association\nA,a@x.test,Nowhere,Ghost union\n');
    expect(p.issues).toEqual([
      { line: 2, column: 'unite', code: 'unknown_unit', params: { value: 'Nowhere' } },
      { line: 2, column: 'association', code: 'unknown_association', params: { value: 'Ghost union' } },
    ]);
    expect(p.creates).toEqual([]);
  });

  it('never merges two persons: e-mail of someone else, contradicting employee number, same person twice', () => {
    const p = plan('nom,courriel,matricule\nX,olivier@css.test,1001\nZ,camille@css.test,\nY,sam@css.test,2002\n', [
      person({}),
      person({ id: 'p-2', email: 'olivier@css.test', employeeNumber: '3003' }),
      person({ id: 'p-3', email: 'sam@css.test', employeeNumber: '4004' }),
    ]);
    expect(p.issues).toEqual([
      { line: 2, column: 'courriel', code: 'email_belongs_to_other' },
      { line: 3, code: 'same_person_as_line', params: { line: 2 } },
      { line: 4, column: 'matricule', code: 'employee_number_mismatch', params: { number: '4004' } },
    ]);
    expect(p).toMatchObject({ creates: [], updates: [], unchanged: 0 });
  });
});
