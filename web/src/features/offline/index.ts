// The installable phone app's own screens and header pieces (docs/phone-app.md): the count of
// reports waiting on the device in the header (with the « En attente d'envoi » banner), and the
// page listing them. The report form's share, photo and offline parts live in the report page
// (web/src/features/report/report-page.tsx) and come from this folder.
import type { Feature } from '../../app/feature';
import { pendingPath } from './paths';

export const offlineFeature: Feature = {
  id: 'offline',
  pages: [{ path: pendingPath, load: () => import('./pending-page') }],
  headerItems: [{ id: 'pending', load: () => import('./pending-indicator'), order: 5 }],
};
