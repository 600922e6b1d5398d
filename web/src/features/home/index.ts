import type { Feature } from '../../app/feature';
import { paths } from '../../app/paths';

export const homeFeature: Feature = {
  id: 'home',
  pages: [{ path: paths.home, load: () => import('./home-page') }],
  nav: [{ path: paths.home, labelId: 'nav.home', order: 0, end: true }],
};
