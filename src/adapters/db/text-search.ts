// Case- and accent-insensitive matching for directory searches, without extensions (unaccent and
// pg_trgm are not guaranteed on the embedded PostgreSQL). lower() only folds ASCII under the C
// collation, so the translation table lists upper-case accented letters too.
import { type RawBuilder, sql } from 'kysely';

const pairs: Array<[string, string]> = [
  ['àáâäãå', 'a'],
  ['ç', 'c'],
  ['èéêë', 'e'],
  ['ìíîï', 'i'],
  ['ñ', 'n'],
  ['òóôöõ', 'o'],
  ['ùúûü', 'u'],
  ['ýÿ', 'y'],
];
const lowerFrom = pairs.map(([from]) => from).join('');
const lowerTo = pairs.map(([from, to]) => to.repeat([...from].length)).join('');
const FOLD_FROM = lowerFrom + lowerFrom.toUpperCase();
const FOLD_TO = lowerTo + lowerTo;

/** SQL: the column folded to lower-case ASCII letters (as foldText does in JS). */
export function foldSql(column: string): RawBuilder<string> {
  return sql<string>`translate(lower(${sql.ref(column)}), ${FOLD_FROM}, ${FOLD_TO})`;
}

/** JS twin of foldSql, for the search terms. */
export function foldText(value: string): string {
  let out = '';
  for (const ch of value.toLowerCase()) {
    const i = FOLD_FROM.indexOf(ch);
    out += i >= 0 ? (FOLD_TO[i] ?? ch) : ch;
  }
  return out;
}

/** A LIKE pattern matching `term` anywhere, wildcards in the term taken literally. */
export function containsPattern(term: string): string {
  return `%${foldText(term).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
