// What a feature contributes to the app: its pages (routes) and its navigation entries.
// Features are listed once, in web/src/features/registry.ts; the router and the navigation menu
// are built from that list, so adding a screen never touches the shell.
import type { ComponentType } from 'react';
import type { Role } from '../api/auth';

export interface PageDef {
  /** Absolute path, French words (`/profil`, `/admin/unites/:id`). */
  path: string;
  /** The page module, loaded when first visited: `() => import('./users-page')` (default export). */
  load: () => Promise<{ default: ComponentType }>;
  /**
   * `user` (default): inside the signed-in frame; `public`: the sign-in layout (login, password
   * reset), reachable without a session.
   */
  access?: 'user' | 'public';
  /** Any one of these roles; absent = every signed-in user. The API checks again. */
  roles?: readonly Role[];
  /** Reachable while the organisation still requires this user to enrol a second factor. */
  allowWithoutTotp?: boolean;
}

export interface NavEntry {
  /** Where the entry leads (a PageDef path without parameters). */
  path: string;
  /** Catalogue id of the label, e.g. `nav.profile`. */
  labelId: string;
  /** Position in the menu: lower first (home 0, profile 900; leave gaps). */
  order: number;
  /** Shown only to users holding one of these roles. */
  roles?: readonly Role[];
  /** Active only on an exact match (for `/`). */
  end?: boolean;
}

/**
 * A piece of UI a feature puts into a place the shell owns: a panel at the top of the home page
 * (the report button, "my tasks"), an item in the header beside the menu (the notification
 * bell). Loaded on first render, like pages.
 */
export interface SlotDef {
  /** Unique among the slots of its place (a React key). */
  id: string;
  load: () => Promise<{ default: ComponentType }>;
  /** Position: lower first; leave gaps. */
  order: number;
  /** Shown only to users holding one of these roles. */
  roles?: readonly Role[];
}

export interface Feature {
  id: string;
  pages: readonly PageDef[];
  nav?: readonly NavEntry[];
  /** Panels shown at the top of the home page (web/src/app/slots.tsx). */
  homePanels?: readonly SlotDef[];
  /** Items shown in the header, beside the menu button (web/src/app/slots.tsx). */
  headerItems?: readonly SlotDef[];
}

export function holdsAnyRole(grants: readonly { role: Role }[], roles: readonly Role[] | undefined): boolean {
  return !roles || roles.length === 0 || grants.some((g) => roles.includes(g.role));
}
