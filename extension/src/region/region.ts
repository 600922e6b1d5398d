// Region selection, injected into the page on demand (chrome.scripting, the extension's isolated
// world: the page's scripts cannot see or change it). A dimmed overlay over the visible part;
// the person drags a rectangle around what matters. Escape: no region (the whole page is still
// captured). The overlay is removed and the page repainted before the screenshots are taken, so
// it never appears in the evidence.

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

declare global {
  var __rempartSelectRegion: (() => Promise<Region | null>) | undefined;
}

const OVERLAY_ID = 'rempart-region-overlay';

function selectRegion(): Promise<Region | null> {
  document.getElementById(OVERLAY_ID)?.remove();
  const host = document.createElement('div');
  host.id = OVERLAY_ID;
  host.setAttribute('role', 'dialog');
  host.setAttribute('aria-label', chrome.i18n.getMessage('regionTitle'));
  host.style.cssText = 'all:initial;position:fixed;inset:0;z-index:2147483647;cursor:crosshair;';
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.innerHTML = `<style>
    .dim{position:fixed;inset:0;background:rgba(0,0,0,.35)}
    .box{position:fixed;border:2px solid #fff;outline:2px solid #1d4e89;background:rgba(255,255,255,.08);display:none}
    .help{position:fixed;top:12px;left:50%;transform:translateX(-50%);background:#1d4e89;color:#fff;font:600 15px/1.4 system-ui,sans-serif;padding:10px 16px;border-radius:6px;max-width:90vw;text-align:center}
  </style><div class="dim"></div><div class="box"></div><p class="help" role="status"></p>`;
  const box = shadow.querySelector<HTMLElement>('.box')!;
  const help = shadow.querySelector<HTMLElement>('.help')!;
  help.textContent = chrome.i18n.getMessage('regionHelp');
  document.documentElement.append(host);
  host.tabIndex = -1;
  host.focus();

  return new Promise((resolve) => {
    let start: { x: number; y: number } | null = null;
    let rect: Region | null = null;

    const finish = (result: Region | null) => {
      host.removeEventListener('pointerdown', down);
      host.removeEventListener('pointermove', move);
      host.removeEventListener('pointerup', up);
      window.removeEventListener('keydown', key, true);
      host.remove();
      // Two frames: the page is painted again without the overlay before anything is captured.
      // (A hidden tab gets no frames: a timer settles it then.)
      let settled = false;
      const settle = () => {
        if (settled) return;
        settled = true;
        resolve(result);
      };
      requestAnimationFrame(() => requestAnimationFrame(settle));
      setTimeout(settle, 300);
    };
    const down = (event: PointerEvent) => {
      event.preventDefault();
      start = { x: event.clientX, y: event.clientY };
      host.setPointerCapture(event.pointerId);
    };
    const move = (event: PointerEvent) => {
      if (!start) return;
      rect = {
        x: Math.min(start.x, event.clientX),
        y: Math.min(start.y, event.clientY),
        width: Math.abs(event.clientX - start.x),
        height: Math.abs(event.clientY - start.y),
      };
      box.style.cssText = `display:block;left:${rect.x}px;top:${rect.y}px;width:${rect.width}px;height:${rect.height}px`;
    };
    const up = (event: PointerEvent) => {
      move(event);
      if (rect && rect.width >= 4 && rect.height >= 4) finish(rect);
      else start = null;
    };
    const key = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      finish(null);
    };
    host.addEventListener('pointerdown', down);
    host.addEventListener('pointermove', move);
    host.addEventListener('pointerup', up);
    window.addEventListener('keydown', key, true);
  });
}

globalThis.__rempartSelectRegion = selectRegion;
