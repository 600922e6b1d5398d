// Grants a role to a login. Scope rules: supervisor → one unit, union → one association, every
// other role organisation-wide. One primary holder per role and scope: the primary receives the
// role's tasks, so setting it on one grant clears it on the others in the same transaction.
import type { Tx } from '../../adapters/db/database.js';
import { clearOtherPrimaries, findGrant, insertGrant } from '../../adapters/db/grants.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { lockOrganisation } from '../../adapters/db/organisations.js';
import { findUserInOrganisation } from '../../adapters/db/admin-users.js';
import type { Grant, GrantInput } from '../../contract/directory.js';
import { grantScopeIssues } from '../../domain/directory/grant-scope.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction, invalidFields, notFound } from './errors.js';
import { checkReferences } from './references.js';

const scopeKeys = {
  unitId: { scope_required: 'directory.error.grant_unit_required', scope_forbidden: 'directory.error.grant_unit_forbidden' },
  associationId: {
    scope_required: 'directory.error.grant_association_required',
    scope_forbidden: 'directory.error.grant_association_forbidden',
  },
} as const;

/** Checks the scope rules of a grant without touching the database (field paths under `prefix`). */
export function checkGrantScope(actor: DirectoryActor, input: GrantInput, prefix = ''): void {
  const issues = grantScopeIssues(input.role, input.unitId ?? null, input.associationId ?? null);
  if (issues.length > 0)
    throw invalidFields(
      actor.locale,
      issues.map((i) => ({ path: `${prefix}${i.field}`, key: scopeKeys[i.field][i.code] })),
    );
}

/**
 * Inserts a grant in the caller's transaction, which must hold lockOrganisation (so two admins
 * cannot both make a primary holder at once).
 */
export async function insertDirectoryGrant(
  tx: Tx,
  actor: DirectoryActor,
  userId: string,
  input: GrantInput,
  at: Date,
  prefix = '',
): Promise<Grant> {
  checkGrantScope(actor, input, prefix);
  await checkReferences(tx, actor, input, prefix);
  const grant = await insertGrant(tx, {
    userId,
    role: input.role,
    unitId: input.unitId ?? null,
    associationId: input.associationId ?? null,
    isPrimary: input.isPrimary ?? false,
    at,
  });
  const cleared = grant.isPrimary ? await clearOtherPrimaries(tx, actor.organisationId, grant) : [];
  await appendLedger(tx, {
    action: 'grant.created',
    at,
    actorId: actor.userId,
    organisationId: actor.organisationId,
    subject: { type: 'role_grant', id: grant.id },
    data: {
      userId,
      role: grant.role,
      unitId: grant.unitId,
      associationId: grant.associationId,
      isPrimary: grant.isPrimary,
      primaryClearedOn: cleared,
    },
  });
  return grant;
}

export async function addGrant(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, userId, input }: { actor: DirectoryActor; userId: string; input: GrantInput },
): Promise<Grant> {
  if (!(await findUserInOrganisation(ctx.db, actor.organisationId, userId))) throw notFound();
  checkGrantScope(actor, input);
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    await lockOrganisation(tx, actor.organisationId);
    const grant = await insertDirectoryGrant(tx, actor, userId, input, now);
    return (await findGrant(tx, actor.organisationId, grant.id)) ?? grant;
  });
}
