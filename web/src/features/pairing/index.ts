// Pairing a capture client (the browser extension, the installed app): the client shows a short
// code and opens /appairer?code=…; the signed-in user checks it and authorises the client
// (POST /api/v1/pairings/approve, src/app/pairing/pairing.ts). Reached from the client only: no
// menu entry. A signed-out visitor signs in first and comes back here with the code.
import type { Feature } from '../../app/feature';

export const pairingFeature: Feature = {
  id: 'pairing',
  pages: [{ path: '/appairer', load: () => import('./pairing-page') }],
};
