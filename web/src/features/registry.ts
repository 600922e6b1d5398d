// Every feature of the UI, once. The router (web/src/app/router.tsx) and the navigation menu
// (web/src/features/shell/app-frame.tsx) are built from this list: a new area adds its
// `features/<area>/index.ts` exporting a Feature and one line here.
import type { Feature } from '../app/feature';
import { adminFeature } from './admin';
import { authFeature } from './auth';
import { casesFeature } from './cases';
import { homeFeature } from './home';
import { notificationsFeature } from './notifications';
import { offlineFeature } from './offline';
import { pairingFeature } from './pairing';
import { playbookFeature } from './playbook';
import { preventionFeature } from './prevention';
import { profileFeature } from './profile';
import { providersFeature } from './providers';
import { reportFeature } from './report';
import { takedownsFeature } from './takedowns';
import { tasksFeature } from './tasks';

export const features: readonly Feature[] = [
  authFeature,
  homeFeature,
  profileFeature,
  adminFeature,
  playbookFeature,
  reportFeature,
  tasksFeature,
  casesFeature,
  preventionFeature,
  notificationsFeature,
  offlineFeature,
  pairingFeature,
  takedownsFeature,
  providersFeature,
];
