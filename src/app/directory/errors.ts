// DomainErrors shared by the directory use cases: unique indexes → 409 with a message naming
// what is taken; field errors rendered in the caller's language.
import type { FieldError } from '../../contract/errors.js';
import type { Db, Tx } from '../../adapters/db/database.js';
import { uniqueViolation } from '../../adapters/db/pg-errors.js';
import { DomainError } from '../../domain/errors.js';
import { type Locale, t } from '../../locales/index.js';

const conflictKeys: Record<string, string> = {
  units_name_key: 'directory.error.unit_name_taken',
  units_code_key: 'directory.error.unit_code_taken',
  associations_name_key: 'directory.error.association_name_taken',
  persons_email_key: 'directory.error.person_email_taken',
  persons_employee_number_key: 'directory.error.person_employee_number_taken',
  users_email_key: 'error.email_taken',
  users_person_id_key: 'directory.error.person_has_login',
  role_grants_unique_key: 'directory.error.grant_exists',
};

/** Runs `work` in one transaction; a unique violation becomes a 409 `conflict`. */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint !== undefined) throw new DomainError('conflict', { messageKey: conflictKeys[constraint] ?? 'error.conflict' });
    throw error;
  }
}

export interface FieldProblem {
  path: string;
  key: string;
  params?: Record<string, string | number>;
}

export function invalidFields(locale: Locale, problems: FieldProblem[]): DomainError {
  const fields: FieldError[] = problems.map((p) => ({ path: p.path, message: t(locale, p.key, p.params) }));
  return new DomainError('invalid_input', { fields });
}

export function notFound(): DomainError {
  return new DomainError('not_found');
}
