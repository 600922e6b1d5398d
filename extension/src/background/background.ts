// The service worker: owns pairing, captures and the upload queue, so they go on after the popup
// closes. Listeners are registered at the top level (MV3: a stopped worker is restarted for an
// event and must find its listeners at once).
import { isRequest, type Request, type Response } from '../shared/messages';
import { getAuth } from '../shared/state';
import { isCapturable, startCapture } from './capture';
import { cancelPairing, pollPairing, startPairing, unpair } from './pairing';
import { discardCapture, kickQueue, RETRY_ALARM, recoverAtStartup, retryCapture } from './queue';

async function handle(request: Request): Promise<Response> {
  switch (request.type) {
    case 'pair.start':
      await startPairing(request.serverUrl);
      return { ok: true };
    case 'pair.cancel':
      await cancelPairing();
      return { ok: true };
    case 'unpair':
      await unpair();
      return { ok: true };
    case 'capture.start': {
      const auth = await getAuth();
      if (!auth) return { ok: false, error: 'unauthenticated' };
      const tab = await chrome.tabs.get(request.tabId);
      if (!isCapturable(tab.url)) return { ok: false, error: 'not_capturable' };
      const id = await startCapture({
        tabId: request.tabId,
        serverUrl: auth.serverUrl,
        caseId: request.caseId,
        caseReference: request.caseReference,
        region: request.region,
        ...(request.comment ? { comment: request.comment } : {}),
      });
      return { ok: true, id };
    }
    case 'capture.retry':
      await retryCapture(request.id);
      return { ok: true };
    case 'capture.discard':
      await discardCapture(request.id);
      return { ok: true };
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only the extension's own pages (the popup) talk to the worker: not a content script, not a site.
  if (sender.id !== chrome.runtime.id || !sender.url?.startsWith(chrome.runtime.getURL('')) || !isRequest(message)) return undefined;
  handle(message).then(sendResponse, (error: unknown) => {
    const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'failed';
    sendResponse({ ok: false, error: code, message: error instanceof Error ? error.message : String(error) } satisfies Response);
  });
  return true;
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RETRY_ALARM) kickQueue();
});
chrome.runtime.onStartup.addListener(() => kickQueue());
chrome.runtime.onInstalled.addListener(() => kickQueue());

// Every start of the worker: unfinished work found in storage is picked up again.
void recoverAtStartup();
void pollPairing();
