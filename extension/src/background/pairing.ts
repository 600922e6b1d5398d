// Pairing (device authorisation, src/app/pairing/pairing.ts): the worker starts a pairing, the
// popup shows the short code and opens the server's /appairer page where the signed-in user
// approves it, and the worker polls until it receives a token limited to the capture scope. No
// password and no pasted token ever reach the extension. The poll goes on while the popup is
// closed (opening the approval tab closes it); its state lives in chrome.storage.session.
import { ApiError, api } from '../shared/api';
import { type Auth, getPairing, KEYS, type Pairing } from '../shared/state';
import { clientName } from './browser-info';
import { kickQueue } from './queue';
import { keepAlive, sleep } from './records';

let polling: string | undefined;

export async function startPairing(serverUrl: string): Promise<void> {
  const started = await api.startPairing(serverUrl, await clientName());
  // The popup opens this page in a tab: a web address only (it is the server's PUBLIC_URL, which
  // may differ from the address typed here, e.g. behind an internal name).
  if (!/^https?:\/\//.test(started.verificationUrl)) throw new ApiError('unexpected', 0, 'verificationUrl is not a web address');
  const pairing: Pairing = {
    serverUrl,
    id: started.id,
    userCode: started.userCode,
    pollSecret: started.pollSecret,
    verificationUrl: started.verificationUrl,
    expiresAt: started.expiresAt,
    intervalSeconds: Math.max(1, started.intervalSeconds),
    status: 'pending',
  };
  await chrome.storage.session.set({ [KEYS.pairing]: pairing });
  void pollPairing();
}

export async function cancelPairing(): Promise<void> {
  polling = undefined;
  await chrome.storage.session.remove(KEYS.pairing);
}

/** Polls the pairing in chrome.storage.session until approved, expired or cancelled. */
export async function pollPairing(): Promise<void> {
  const first = await getPairing();
  if (first?.status !== 'pending' || polling === first.id) return;
  polling = first.id;
  await keepAlive(async () => {
    while (polling === first.id) {
      const pairing = await getPairing();
      if (!pairing || pairing.id !== first.id || pairing.status !== 'pending') break;
      if (Date.parse(pairing.expiresAt) <= Date.now()) {
        await chrome.storage.session.set({ [KEYS.pairing]: { ...pairing, status: 'expired' } });
        break;
      }
      try {
        const polled = await api.pollPairing(pairing.serverUrl, pairing.id, pairing.pollSecret);
        if (polled.status === 'approved') {
          const auth: Auth = {
            serverUrl: pairing.serverUrl,
            token: polled.token,
            userEmail: polled.userEmail,
            userName: polled.userName,
            pairedAt: new Date().toISOString(),
          };
          await chrome.storage.local.set({ [KEYS.auth]: auth, [KEYS.serverUrl]: pairing.serverUrl });
          await chrome.storage.session.remove(KEYS.pairing);
          // Captures kept while the extension was not paired can go now.
          kickQueue();
          break;
        }
      } catch (error) {
        if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
          // Expired, consumed or unknown: the user starts again.
          await chrome.storage.session.set({ [KEYS.pairing]: { ...pairing, status: 'expired', error: error.message } });
          break;
        }
        // Network or server trouble: keep polling until the code expires.
      }
      await sleep(pairing.intervalSeconds * 1000);
    }
  });
  if (polling === first.id) polling = undefined;
}

export async function unpair(): Promise<void> {
  await chrome.storage.local.remove([KEYS.auth, KEYS.selectedCase]);
}
