// Reporting a situation: the form (/signaler), the confirmation with "what to do now"
// (/signaler/envoye/:id), and the button at the top of everyone's home page.
import type { Feature } from '../../app/feature';

export const reportFeature: Feature = {
  id: 'report',
  pages: [
    { path: '/signaler', load: () => import('./report-page') },
    { path: '/signaler/envoye/:id', load: () => import('./confirmation-page') },
  ],
  nav: [{ path: '/signaler', labelId: 'nav.report', order: 10 }],
  homePanels: [{ id: 'report', load: () => import('./home-panel'), order: 30 }],
};
