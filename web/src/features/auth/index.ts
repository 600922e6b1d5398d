import type { Feature } from '../../app/feature';
import { paths } from '../../app/paths';

export const authFeature: Feature = {
  id: 'auth',
  pages: [
    { path: paths.login, access: 'public', load: () => import('./login-page') },
    { path: paths.forgotPassword, access: 'public', load: () => import('./forgot-password-page') },
    { path: paths.resetPassword, access: 'public', load: () => import('./reset-password-page') },
  ],
};
