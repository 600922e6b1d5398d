// Browser journeys: the real application (tests/support/app.ts, on its own cloned database)
// listening on 127.0.0.1, the built web UI (web/dist) it serves, and Debian's Chromium driven
// by playwright-core. PUBLIC_URL is the address the browser uses, so the CSRF origin check and
// the cookies behave as in production.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ManualClock } from '../../src/domain/clock.js';
import type { Role } from '../../src/domain/auth/roles.js';
import { createTestApp, type TestApp } from './app.js';
import { type BuiltUser, buildOrganisation, buildUnit, buildUser } from './builders.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const SHOTS_DIR = process.env.REMPART_SHOTS_DIR ?? '/tmp/rempart-shots';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('Chromium is missing: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return found;
}

function newestChange(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), info.mtimeMs);
}

/**
 * The test script builds the UI first; when the tests run alone, build it here if web/dist is
 * missing or older than its sources (a stale bundle would test yesterday's UI).
 */
export async function ensureWebBuilt(): Promise<void> {
  const index = join(repoRoot, 'web/dist/index.html');
  if (existsSync(index)) {
    const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public', 'src/contract']
      .map((p) => join(repoRoot, p))
      .filter((p) => existsSync(p));
    if (Math.max(...sources.map(newestChange)) <= statSync(index).mtimeMs) return;
  }
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which would bundle React's development build (and the React
  // plugin's development JSX, `jsxDEV`, which the production React lacks): build what users get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(repoRoot, 'web/vite.config.ts'), logLevel: 'warn', mode: 'production', define: { 'process.env.NODE_ENV': JSON.stringify('production') } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface E2eUser extends BuiltUser {
  displayName: string;
}

export interface E2e {
  baseUrl: string;
  testApp: TestApp;
  clock: ManualClock;
  browser: Browser;
  organisation: { id: string; name: string };
  unit: { id: string; name: string };
  /** A user of the test organisation, with a readable name (staff of the unit by default). */
  newUser(options?: { roles?: Array<{ role: Role; unitId?: string }>; locale?: 'fr-CA' | 'en'; displayName?: string }): Promise<E2eUser>;
  /** A fresh browser context (no cookies, no localStorage) and page; errors on the page are recorded. */
  newPage(options?: { width?: number; height?: number; locale?: string }): Promise<E2ePage>;
  close(): Promise<void>;
}

export interface E2ePage {
  context: BrowserContext;
  page: Page;
  /** Console errors (CSP refusals among them) and uncaught exceptions seen so far; 4xx answers excepted. */
  problems: string[];
}

let counter = 0;
const names = ['Marie-Ève Tremblay', 'Jean-François Gagnon', 'Nathalie Côté', 'Mathieu Bouchard', 'Sophie Lévesque', 'Karim Benali'];

/** `env`: extra configuration for the application (e.g. REMPART_EXTENSION_DIR). */
export async function startE2e(options: { env?: Record<string, string> } = {}): Promise<E2e> {
  await ensureWebBuilt();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // A clock the test can move (TOTP steps), starting at the real time so the browser does not
  // see the session cookie as already expired.
  const clock = new ManualClock(new Date());
  const testApp = await createTestApp({ clock, env: { ...options.env, PUBLIC_URL: baseUrl, PORT: String(port) } });
  await testApp.app.listen({ host: '127.0.0.1', port });
  const ctx = testApp.ctx;

  const organisation = await buildOrganisation(ctx, { name: 'Centre de services scolaire des Mille-Ruisseaux' });
  const unit = await buildUnit(ctx, organisation.id, { name: 'École primaire des Érables' });
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];

  return {
    baseUrl,
    testApp,
    clock,
    browser,
    organisation,
    unit,
    async newUser(options = {}) {
      const displayName = options.displayName ?? names[counter++ % names.length]!;
      const user = await buildUser(ctx, {
        organisationId: organisation.id,
        unitId: unit.id,
        roles: options.roles ?? [{ role: 'staff', unitId: unit.id }],
        ...(options.locale ? { locale: options.locale } : {}),
      });
      await ctx.db.updateTable('users').set({ display_name: displayName }).where('id', '=', user.id).execute();
      return { ...user, displayName };
    },
    async newPage(options = {}) {
      // The browser asks for English: the UI must still open in French (the board's language).
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
        locale: options.locale ?? 'en-US',
        timezoneId: 'UTC',
        reducedMotion: 'reduce',
      });
      contexts.push(context);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        // The browser logs every 4xx answer (401 before sign-in, a wrong password…): expected.
        if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
          problems.push(`console: ${message.text()}`);
        }
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      return { context, page, problems };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await testApp.close();
    },
  };
}

/** Signs in through the login form and waits for the home page. */
export async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto('/connexion');
  await page.locator('#login-email').fill(user.email);
  await page.locator('#login-password').fill(user.password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  await page.locator('main h1').waitFor();
}

/** Serious and critical WCAG 2.1 A/AA violations on the current page, as readable lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SHOTS_DIR, { recursive: true });
  const path = join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Whether the page scrolls sideways (the 360 px rule). */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
}
