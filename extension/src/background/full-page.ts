// The full-page screenshot: the whole document as it stands (a long feed the person scrolled
// through included), not just the visible part. First choice, the debugger protocol (what
// DevTools' "Capture full size screenshot" does): Page.captureScreenshot with
// captureBeyondViewport over the content size, one exact image. When the debugger cannot attach
// (DevTools already open on the tab, a browser without it), screenshots of the visible part are
// stitched while scrolling (captureVisibleTab; at most two per second, Chrome's limit). Sticky
// headers then repeat: the manifest says which way the image was made.

/** Taller pages are cut here (pixels of CSS): beyond, images fail to encode in some browsers. */
export const MAX_FULL_PAGE_HEIGHT = 16_000;
const STITCH_INTERVAL_MS = 600;

function base64ToBlob(data: string, type: string): Blob {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

export function dataUrlToBlob(dataUrl: string): Blob {
  const comma = dataUrl.indexOf(',');
  const type = /^data:([^;,]+)/.exec(dataUrl)?.[1] ?? 'application/octet-stream';
  return base64ToBlob(dataUrl.slice(comma + 1), type);
}

interface LayoutMetrics {
  cssContentSize?: { width: number; height: number };
  contentSize: { width: number; height: number };
}

/** Runs `work` with the debugger attached to the tab (the browser shows it), detached after. */
export async function withDebugger<T>(tabId: number, work: (target: { tabId: number }) => Promise<T>): Promise<T> {
  const target = { tabId };
  await chrome.debugger.attach(target, '1.3');
  try {
    return await work(target);
  } finally {
    await chrome.debugger.detach(target).catch(() => undefined);
  }
}

export function fullPageByDebugger(tabId: number): Promise<Blob> {
  return withDebugger(tabId, async (target) => {
    const metrics = (await chrome.debugger.sendCommand(target, 'Page.getLayoutMetrics')) as LayoutMetrics;
    const size = metrics.cssContentSize ?? metrics.contentSize;
    const width = Math.max(1, Math.ceil(size.width));
    const height = Math.max(1, Math.min(Math.ceil(size.height), MAX_FULL_PAGE_HEIGHT));
    const shot = (await chrome.debugger.sendCommand(target, 'Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
      fromSurface: true,
      clip: { x: 0, y: 0, width, height, scale: 1 },
    })) as { data: string };
    return base64ToBlob(shot.data, 'image/png');
  });
}

interface ScrollFacts {
  width: number;
  height: number;
  total: number;
  x: number;
  y: number;
}

async function inTab<Args extends unknown[], R>(tabId: number, func: (...args: Args) => R, ...args: Args): Promise<Awaited<R>> {
  const [first] = await chrome.scripting.executeScript({ target: { tabId }, func, args });
  return first?.result as Awaited<R>;
}

export async function fullPageByStitching(tabId: number, windowId: number): Promise<Blob> {
  const facts = await inTab(
    tabId,
    () =>
      ({
        width: window.innerWidth,
        height: window.innerHeight,
        total: Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0),
        x: window.scrollX,
        y: window.scrollY,
      }) satisfies ScrollFacts,
  );
  const total = Math.min(facts.total, MAX_FULL_PAGE_HEIGHT);
  let canvas: OffscreenCanvas | undefined;
  let context: OffscreenCanvasRenderingContext2D | null = null;
  let scale = 1;
  try {
    for (let top = 0; top < total; top += facts.height) {
      const reached = await inTab(
        tabId,
        (y: number) => {
          window.scrollTo({ left: 0, top: y, behavior: 'instant' });
          return window.scrollY;
        },
        top,
      );
      await new Promise((resolve) => setTimeout(resolve, STITCH_INTERVAL_MS));
      const bitmap = await createImageBitmap(dataUrlToBlob(await chrome.tabs.captureVisibleTab(windowId, { format: 'png' })));
      if (!canvas) {
        scale = bitmap.width / facts.width;
        canvas = new OffscreenCanvas(bitmap.width, Math.ceil(total * scale));
        context = canvas.getContext('2d');
      }
      context?.drawImage(bitmap, 0, Math.round(reached * scale));
      bitmap.close();
      if (reached + facts.height >= total) break;
    }
  } finally {
    await inTab(tabId, (x: number, y: number) => window.scrollTo({ left: x, top: y, behavior: 'instant' }), facts.x, facts.y).catch(
      () => undefined,
    );
  }
  if (!canvas) throw new Error('nothing captured');
  return canvas.convertToBlob({ type: 'image/png' });
}
