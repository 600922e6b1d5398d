// Messages from the popup to the service worker (chrome.runtime.sendMessage). The worker owns
// pairing, captures and uploads, so they go on after the popup closes.

export type Request =
  | { type: 'pair.start'; serverUrl: string }
  | { type: 'pair.cancel' }
  | { type: 'unpair' }
  | { type: 'capture.start'; tabId: number; caseId: string; caseReference: string; comment?: string; region: boolean }
  | { type: 'capture.retry'; id: string }
  | { type: 'capture.discard'; id: string };

export type Response = { ok: true; id?: string } | { ok: false; error: string; message?: string };

export function isRequest(value: unknown): value is Request {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export async function send(request: Request): Promise<Response> {
  return chrome.runtime.sendMessage<Response>(request);
}
