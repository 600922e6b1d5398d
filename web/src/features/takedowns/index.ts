// Removal requests (steps 4.3.2, 4.3.3; docs/ui-takedowns.md): the screens under a case — prepare a
// request, the request editor, and the staff member's takedown consent in plain words. The
// per-location panel, the help organisations and the account-recovery checklist are sections of
// the case page (web/src/features/cases/sections.ts).
import type { Feature } from '../../app/feature';

export const takedownsFeature: Feature = {
  id: 'takedowns',
  pages: [
    { path: '/dossiers/:id/retraits/nouvelle', load: () => import('./new-request-page') },
    { path: '/dossiers/:id/retraits/consentement', load: () => import('./consent-page') },
    { path: '/dossiers/:id/retraits/:requestId', load: () => import('./request-page') },
  ],
};
