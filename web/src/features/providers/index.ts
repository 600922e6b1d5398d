// The provider directory editor (role admin; docs/ui-takedowns.md): listed in the
// administration's section navigation (features/admin/admin-nav.tsx).
import type { Feature } from '../../app/feature';

const admin = ['admin'] as const;

export const providersFeature: Feature = {
  id: 'providers',
  pages: [
    { path: '/admin/fournisseurs', load: () => import('./directory-page'), roles: admin },
    { path: '/admin/fournisseurs/:id', load: () => import('./provider-page'), roles: admin },
  ],
};
