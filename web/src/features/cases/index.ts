// Cases: the list ("Dossiers"), the case page (/dossiers/:id — the address the e-mails link to)
// and the affected person's consent screen.
import type { Feature } from '../../app/feature';

const readers = ['staff', 'supervisor', 'general_direction', 'hr', 'it', 'union', 'legal'] as const;

export const casesFeature: Feature = {
  id: 'cases',
  pages: [
    { path: '/dossiers', load: () => import('./cases-page') },
    { path: '/dossiers/:id', load: () => import('./case-page') },
    { path: '/dossiers/:id/consentements', load: () => import('./consent-page') },
  ],
  // The committee and the platform admin never see a case (DESIGN.md §7): no entry for them.
  nav: [{ path: '/dossiers', labelId: 'nav.cases', order: 30, roles: readers }],
};
