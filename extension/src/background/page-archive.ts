// The page as MHTML: chrome.pageCapture first (what "Save page as… Webpage, single file" makes).
// Its blob is backed by a temporary file the browser may already have deleted when a service
// worker reads it (seen in Chromium 150: "A requested file or directory could not be found"), so
// it is read at once and asked for again on failure; then the same Blink serializer is reached
// through the debugger protocol (Page.captureSnapshot), which answers with the text itself.
import { withDebugger } from './full-page';

export type ArchiveWay = 'pageCapture' | 'debugger';

async function byPageCapture(tabId: number): Promise<Blob> {
  const blob = await chrome.pageCapture.saveAsMHTML({ tabId });
  if (!blob) throw new Error('pageCapture returned nothing');
  return new Blob([await blob.arrayBuffer()], { type: 'multipart/related' });
}

function byDebugger(tabId: number): Promise<Blob> {
  return withDebugger(tabId, async (target) => {
    const snapshot = (await chrome.debugger.sendCommand(target, 'Page.captureSnapshot', { format: 'mhtml' })) as { data: string };
    return new Blob([snapshot.data], { type: 'multipart/related' });
  });
}

export async function pageArchive(tabId: number): Promise<{ blob: Blob; way: ArchiveWay }> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      return { blob: await byPageCapture(tabId), way: 'pageCapture' };
    } catch {
      // Asked again, then through the debugger.
    }
  }
  return { blob: await byDebugger(tabId), way: 'debugger' };
}
