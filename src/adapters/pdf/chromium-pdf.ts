// PDF rendering of Rempart's own HTML in Chromium (the same browser as captures, found the same
// way, run the same way: as the unprivileged capture user with its sandbox on when the server
// runs as root). The page gets no network at all (every request is aborted, names resolve to
// nothing) and no JavaScript: the HTML is built by us with every value escaped, and images are
// embedded as data: URLs. The browser starts on first use and stops after a minute idle.
import type { Browser } from 'playwright-core';
import type { AppContext } from '../../app/context.js';
import type { PdfRenderer } from '../../app/evidence/pdf-port.js';
import { findChromium, type LaunchedBrowser, launchChromium } from '../capture/chromium.js';

const IDLE_MS = 60_000;

function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
// A loopback port nothing listens on: should a request ever escape the page's routing, the
// browser-wide proxy refuses it by connection error.
const DEAD_PROXY_PORT = 9;

export function createChromiumPdfRenderer(options: { chromiumPath: string | undefined; noSandbox: boolean; log: AppContext['log'] }): PdfRenderer {
  let launching: Promise<LaunchedBrowser> | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let active = 0;

  const browser = async (): Promise<Browser> => {
    launching ??= launchChromium({
      executablePath: findChromium(options.chromiumPath),
      noSandbox: options.noSandbox,
      defaultProxyPort: DEAD_PROXY_PORT,
      log: options.log,
    }).catch((error: unknown) => {
      launching = undefined;
      throw error;
    });
    const launched = await launching;
    if (!launched.browser.isConnected()) {
      launching = undefined;
      return browser();
    }
    return launched.browser;
  };

  const scheduleIdleClose = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (active > 0 || !launching) return;
      const l = launching;
      launching = undefined;
      void l.then((b) => b.close()).catch(() => undefined);
    }, IDLE_MS);
    idleTimer.unref();
  };

  return {
    async render(html, renderOptions = {}) {
      active += 1;
      try {
        const b = await browser();
        const context = await b.newContext({ javaScriptEnabled: false, offline: true, locale: 'fr-CA' });
        try {
          await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
          const page = await context.newPage();
          await page.setContent(html, { waitUntil: 'load', timeout: 30_000 });
          const footer = escapeHtml(renderOptions.footerLabel ?? '');
          const header = escapeHtml(renderOptions.headerLabel ?? '');
          return await page.pdf({
            format: 'A4',
            printBackground: true,
            margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
            displayHeaderFooter: true,
            headerTemplate: `<div style="font-size:8px;width:100%;padding:0 16mm;color:#555">${header}</div>`,
            footerTemplate: `<div style="font-size:8px;width:100%;padding:0 16mm;color:#555;display:flex;justify-content:space-between"><span>${footer}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
          });
        } finally {
          await context.close().catch(() => undefined);
        }
      } finally {
        active -= 1;
        scheduleIdleClose();
      }
    },
    async close() {
      if (idleTimer) clearTimeout(idleTimer);
      const l = launching;
      launching = undefined;
      if (l) await l.then((b) => b.close()).catch(() => undefined);
    },
  };
}
