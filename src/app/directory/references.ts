// A unit or association named in a request body must belong to the caller's organisation;
// otherwise the field is invalid (400), as for any other bad value.
import { associationExists } from '../../adapters/db/associations.js';
import type { Queryable } from '../../adapters/db/database.js';
import { unitExists } from '../../adapters/db/units.js';
import type { DirectoryActor } from './actor.js';
import { type FieldProblem, invalidFields } from './errors.js';

export async function checkReferences(
  db: Queryable,
  actor: DirectoryActor,
  refs: { unitId?: string | null | undefined; associationId?: string | null | undefined },
  prefix = '',
): Promise<void> {
  const problems: FieldProblem[] = [];
  if (refs.unitId && !(await unitExists(db, actor.organisationId, refs.unitId))) {
    problems.push({ path: `${prefix}unitId`, key: 'directory.error.unit_not_found' });
  }
  if (refs.associationId && !(await associationExists(db, actor.organisationId, refs.associationId))) {
    problems.push({ path: `${prefix}associationId`, key: 'directory.error.association_not_found' });
  }
  if (problems.length > 0) throw invalidFields(actor.locale, problems);
}
