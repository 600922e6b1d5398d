// What the signed-in shell asks of the device (web/src/app/session.tsx, app.tsx): keep an
// encrypted copy of "who is signed in" so the installed app opens without network, forget
// everything at sign-out, and register the service worker (production builds only).
import type { Me } from '../../api/auth';
import { resetQueue } from './queue';
import { eraseVault, getRecord, openJson, putRecord, type Sealed, sealJson, vaultAvailable } from './vault';

const ME = 'me';

/** After each successful GET /api/v1/me. */
export async function rememberMe(me: Me): Promise<void> {
  if (!vaultAvailable()) return;
  try {
    await putRecord('session', { id: ME, sealed: await sealJson(me, `session:${ME}`) });
  } catch {
    // A browser refusing storage (private mode): the app simply needs the network to open.
  }
}

/** The last signed-in person on this device, when the server cannot be reached. */
export async function offlineMe(): Promise<Me | undefined> {
  if (!vaultAvailable()) return undefined;
  try {
    const record = await getRecord<{ sealed: Sealed }>('session', ME);
    return record ? await openJson<Me>(record.sealed, `session:${ME}`) : undefined;
  } catch {
    return undefined;
  }
}

/** At sign-out: queued reports, photos, shares, the copy of the profile and the key itself. */
export async function forgetDevice(): Promise<void> {
  resetQueue();
  await eraseVault();
}

/** /sw.js (built by web/src/sw/build-plugin.ts); only production builds register it. */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch(() => {
    // Without the worker the app still works online; only the offline shell and sharing are lost.
  });
}
