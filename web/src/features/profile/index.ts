import type { Feature } from '../../app/feature';
import { paths } from '../../app/paths';

export const profileFeature: Feature = {
  id: 'profile',
  pages: [
    { path: paths.profile, load: () => import('./profile-page') },
    { path: paths.totpEnrolment, load: () => import('./totp-enrolment-page'), allowWithoutTotp: true },
  ],
  nav: [{ path: paths.profile, labelId: 'nav.profile', order: 900 }],
};
