// Roles of the procedure (PLAYBOOK.md "Roles named by the procedure").
export const roles = ['staff', 'supervisor', 'general_direction', 'hr', 'it', 'union', 'legal', 'committee', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface RoleGrant {
  role: Role;
  /** A supervisor supervises a unit; null = the whole organisation. */
  unitId: string | null;
  /** A union grant covers one association. */
  associationId: string | null;
  isPrimary: boolean;
}

export function hasRole(grants: readonly RoleGrant[], role: Role): boolean {
  return grants.some((g) => g.role === role);
}

/** Whether a user holding `grants` must have enrolled a second factor. */
export function requiresTotp(grants: ReadonlyArray<{ role: string }>, requiredRoles: readonly string[]): boolean {
  return grants.some((g) => requiredRoles.includes(g.role));
}
