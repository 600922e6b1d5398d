// The administration (role admin): organisation and calendar, units and associations, the staff
// directory and its CSV import, logins and roles, undelivered mail (docs/ui-admin.md). The
// playbook editor is its own feature (features/playbook) under the same section navigation.
import type { Feature } from '../../app/feature';
import { adminPaths } from './paths';

const admin = ['admin'] as const;

export const adminFeature: Feature = {
  id: 'admin',
  pages: [
    { path: adminPaths.home, load: () => import('./admin-home-page'), roles: admin },
    { path: adminPaths.organisation, load: () => import('./organisation-page'), roles: admin },
    { path: adminPaths.units, load: () => import('./units-page'), roles: admin },
    { path: adminPaths.persons, load: () => import('./persons-page'), roles: admin },
    { path: adminPaths.newPerson, load: () => import('./person-page'), roles: admin },
    { path: adminPaths.importPersons, load: () => import('./import-page'), roles: admin },
    { path: '/admin/personnel/:id', load: () => import('./person-page'), roles: admin },
    { path: adminPaths.users, load: () => import('./users-page'), roles: admin },
    { path: adminPaths.newUser, load: () => import('./user-new-page'), roles: admin },
    { path: '/admin/comptes/:id', load: () => import('./user-page'), roles: admin },
    { path: adminPaths.roles, load: () => import('./roles-page'), roles: admin },
    { path: adminPaths.mail, load: () => import('./mail-page'), roles: admin },
  ],
  nav: [{ path: adminPaths.home, labelId: 'nav.admin', order: 800, roles: admin }],
};
