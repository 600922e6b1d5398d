// The playbook editor (role admin): the organisation's procedure as a form, validated and
// previewed by the API before a new version is saved (docs/ui-admin.md).
import type { Feature } from '../../app/feature';
import { adminPaths } from '../admin/paths';

export const playbookFeature: Feature = {
  id: 'playbook',
  pages: [{ path: adminPaths.playbook, load: () => import('./playbook-page'), roles: ['admin'] }],
};
