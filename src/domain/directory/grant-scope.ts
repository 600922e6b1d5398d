// Scope rules of a role grant (DESIGN.md §7): a supervisor supervises one unit, a union grant
// covers one association, every other role is organisation-wide.
import type { Role } from '../auth/roles.js';

export type GrantScopeIssue = { field: 'unitId' | 'associationId'; code: 'scope_required' | 'scope_forbidden' };

export function scopeOfRole(role: Role): 'unit' | 'association' | 'organisation' {
  if (role === 'supervisor') return 'unit';
  if (role === 'union') return 'association';
  return 'organisation';
}

export function grantScopeIssues(role: Role, unitId: string | null, associationId: string | null): GrantScopeIssue[] {
  const scope = scopeOfRole(role);
  const issues: GrantScopeIssue[] = [];
  if (scope === 'unit' && !unitId) issues.push({ field: 'unitId', code: 'scope_required' });
  if (scope !== 'unit' && unitId) issues.push({ field: 'unitId', code: 'scope_forbidden' });
  if (scope === 'association' && !associationId) issues.push({ field: 'associationId', code: 'scope_required' });
  if (scope !== 'association' && associationId) issues.push({ field: 'associationId', code: 'scope_forbidden' });
  return issues;
}
