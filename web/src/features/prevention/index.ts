// Prevention advice from the procedure (section 3), for every signed-in user.
import type { Feature } from '../../app/feature';

export const preventionFeature: Feature = {
  id: 'prevention',
  pages: [{ path: '/prevention', load: () => import('./prevention-page') }],
  nav: [{ path: '/prevention', labelId: 'nav.prevention', order: 800 }],
};
