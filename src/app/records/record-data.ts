// Checks record data against its type (for PATCH, where the type is the stored record's) and
// the references it holds; failures are 400 invalid_input with field paths under `data.`.
import type { z } from 'zod';
import type { Queryable } from '../../adapters/db/database.js';
import { recordOfTypeInCase } from '../../adapters/db/records.js';
import { type RecordType, recordDataSchemas } from '../../contract/records.js';
import type { FieldError } from '../../contract/errors.js';
import { DomainError } from '../../domain/errors.js';
import { normaliseRecordData } from '../../domain/records/data.js';

const codeToKey: Record<string, string> = {
  invalid_type: 'field.invalid_type',
  too_small: 'field.too_small',
  too_big: 'field.too_big',
  invalid_format: 'field.invalid_format',
  invalid_value: 'field.invalid_value',
  unrecognized_keys: 'field.invalid',
};

function fieldsOf(error: z.ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const base = ['data', ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: `${base}.${key}`, message: 'field.invalid' });
      continue;
    }
    const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
    out.push({ path: base, message: missing ? 'field.required' : (codeToKey[issue.code] ?? 'field.invalid') });
  }
  return out;
}

export function isRecordType(value: string): value is RecordType {
  return Object.hasOwn(recordDataSchemas, value);
}

/** The data parsed with its type's schema and normalised for storage. */
export function parseRecordData(type: RecordType, raw: unknown): Record<string, unknown> {
  const result = recordDataSchemas[type].safeParse(raw);
  if (!result.success) throw new DomainError('invalid_input', { fields: fieldsOf(result.error) });
  return normaliseRecordData(result.data as Record<string, unknown>);
}

/** A meeting's `withInstigator` names an instigator record of the same case. */
export async function checkRecordReferences(db: Queryable, caseId: string, type: string, data: Record<string, unknown>): Promise<void> {
  if (
    type === 'meeting' &&
    typeof data.withInstigator === 'string' &&
    !(await recordOfTypeInCase(db, caseId, data.withInstigator, 'instigator'))
  ) {
    throw new DomainError('invalid_input', { fields: [{ path: 'data.withInstigator', message: 'field.unknown_reference' }] });
  }
}
