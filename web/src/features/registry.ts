// Every feature of the UI, once. The router (web/src/app/router.tsx) and the navigation menu
// (web/src/features/shell/app-frame.tsx) are built from this list: a new area adds its
// `features/<area>/index.ts` exporting a Feature and one line here.
import type { Feature } from '../app/feature';
import { authFeature } from './auth';
import { homeFeature } from './home';
import { profileFeature } from './profile';

export const features: readonly Feature[] = [authFeature, homeFeature, profileFeature];
