// The web UI: a single-page app served by the API server from web/dist (src/http/app.ts).
// The server's CSP allows scripts and styles from 'self' only, so nothing here may load from a CDN
// or inline a script: Vite emits hashed files under /assets that the server serves as they are.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { serviceWorkerPlugin } from './src/sw/build-plugin.ts';

const apiTarget = 'http://127.0.0.1:3000';
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // The service worker is built after the app, into dist/sw.js (no hash): see src/sw/build-plugin.ts.
  plugins: [react(), serviceWorkerPlugin(fileURLToPath(new URL('./src/sw/sw.ts', import.meta.url)))],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Keep small assets as files: a data: URL script would be refused by the CSP anyway.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // The API refuses unsafe requests whose Origin is not its PUBLIC_URL (CSRF). In development
    // the page lives on :5173, so the proxy presents the API's own origin (dev only).
    proxy: {
      '/api': {
        target: apiTarget,
        configure(proxy) {
          proxy.on('proxyReq', (proxyReq) => {
            if (proxyReq.getHeader('origin')) proxyReq.setHeader('origin', apiTarget);
          });
        },
      },
    },
  },
});
