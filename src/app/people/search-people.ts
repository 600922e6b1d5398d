// People a caller may pick without being an admin:
//  - reporting for someone else (supervisor: staff of their units; HR and general direction:
//    the whole directory) — GET /api/v1/persons;
//  - adding a participant to a case (supervisor, general direction): logins holding a role —
//    GET /api/v1/people/holders?role=legal.
// Only what a picker needs: name, unit, job title; never e-mails or directory details.
import { sql } from 'kysely';
import { containsPattern, foldSql } from '../../adapters/db/text-search.js';
import { hasRole } from '../../domain/auth/roles.js';
import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';

export interface PersonChoice {
  id: string;
  fullName: string;
  unitName: string | null;
  jobTitle: string;
}

export async function searchPersonsForReport(ctx: Pick<AppContext, 'db'>, input: { actor: Principal; q: string; limit: number }): Promise<PersonChoice[]> {
  const { actor } = input;
  const wide = hasRole(actor.roles, 'hr') || hasRole(actor.roles, 'general_direction');
  const units = actor.roles.filter((g) => g.role === 'supervisor' && g.unitId).map((g) => g.unitId as string);
  if (!wide && units.length === 0) throw new DomainError('forbidden');
  let q = ctx.db
    .selectFrom('persons as p')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.full_name', 'p.job_title', 'u.name as unit_name'])
    .where('p.organisation_id', '=', actor.organisationId);
  if (!wide) q = q.where('p.unit_id', 'in', units);
  const term = input.q.trim();
  if (term) q = q.where(foldSql('p.full_name'), 'like', containsPattern(term));
  const rows = await q.orderBy(sql`lower(p.full_name)`).limit(input.limit).execute();
  return rows.map((r) => ({ id: r.id, fullName: r.full_name, unitName: r.unit_name, jobTitle: r.job_title }));
}

export async function listRoleHolders(
  ctx: Pick<AppContext, 'db'>,
  input: { actor: Principal; role: string; q: string; limit: number },
): Promise<Array<{ userId: string; displayName: string; isPrimary: boolean }>> {
  const { actor } = input;
  if (!actor.roles.some((g) => g.role === 'supervisor' || g.role === 'general_direction')) throw new DomainError('forbidden');
  let q = ctx.db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.display_name', 'g.is_primary'])
    .where('u.organisation_id', '=', actor.organisationId)
    .where('u.status', '=', 'active')
    .where('g.role', '=', input.role);
  const term = input.q.trim();
  if (term) q = q.where(foldSql('u.display_name'), 'like', containsPattern(term));
  const rows = await q.orderBy('g.is_primary', 'desc').orderBy('u.display_name').limit(input.limit).execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map((r) => ({ userId: r.id, displayName: r.display_name, isPrimary: r.is_primary }));
}
