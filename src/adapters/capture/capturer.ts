// The capture adapter behind the Capturer port: one warm Chromium per process (started on the
// first capture, restarted if it dies), a fresh browser context and a fresh egress proxy per
// capture, and at most CAPTURE_CONCURRENCY captures at a time in this process.
import type { AppContext } from '../../app/context.js';
import type { BrowserStatus, Capturer, DestinationCheck } from '../../app/evidence/capture-ports.js';
import { CaptureError } from '../../app/evidence/capture-ports.js';
import type { Config } from '../../config.js';
import { type AllowList, checkCaptureUrl, decideDestination } from '../../domain/capture/destination.js';
import { isIpLiteral } from '../../domain/capture/ip-ranges.js';
import { type CapturePageOptions, capturePage, defaultCapturePageOptions, type PreparedCapture, prepareCapture } from './capture-page.js';
import { BrowserUnavailable, chromiumVersion, findChromium, type LaunchedBrowser, launchChromium } from './chromium.js';
import { type EgressProxy, type Resolver, startEgressProxy, systemResolver } from './egress-proxy.js';

export type CaptureConfig = Pick<Config, 'chromiumPath' | 'captureAllowHosts' | 'captureConcurrency' | 'captureNoSandbox'>;

class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly size: number) {}
  async acquire(): Promise<() => void> {
    if (this.active >= this.size) await new Promise<void>((r) => this.waiting.push(r));
    this.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.waiting.shift()?.();
    };
  }
}

export interface CapturerOptions {
  config: CaptureConfig;
  log: AppContext['log'];
  /** Tests inject a resolver; production resolves with the system's. */
  resolve?: Resolver;
  page?: Partial<CapturePageOptions>;
}

export interface CapturerHandle extends Capturer {
  /** The running browser, if any (tests inspect its processes). */
  launched(): LaunchedBrowser | undefined;
}

export function createCapturer(options: CapturerOptions): CapturerHandle {
  const { config, log } = options;
  const resolve = options.resolve ?? systemResolver;
  const allow: AllowList = config.captureAllowHosts;
  const slots = new Semaphore(config.captureConcurrency);
  const pageOptions: CapturePageOptions = { ...defaultCapturePageOptions, ...options.page };
  let starting: Promise<{ launched: LaunchedBrowser; denyAll: EgressProxy }> | undefined;
  let current: { launched: LaunchedBrowser; denyAll: EgressProxy } | undefined;
  let lastError: string | null = null;
  let closed = false;
  // Fresh contexts prepared in advance (never used before), one per slot, so a capture starts at once.
  const spares: Array<Promise<PreparedCapture | undefined>> = [];

  const prepare = async (launched: LaunchedBrowser): Promise<PreparedCapture> => {
    const proxy = await startEgressProxy({ allow, resolve });
    try {
      return await prepareCapture(launched.browser, proxy, pageOptions);
    } catch (error) {
      await proxy.close();
      throw error;
    }
  };
  const discard = async (p: PreparedCapture | undefined) => {
    await p?.context.close().catch(() => undefined);
    await p?.proxy.close().catch(() => undefined);
  };
  const keepSpare = (launched: LaunchedBrowser) => {
    if (closed || spares.length >= config.captureConcurrency || !launched.browser.isConnected()) return;
    spares.push(prepare(launched).catch(() => undefined));
  };
  const takeSpare = async (launched: LaunchedBrowser): Promise<PreparedCapture | undefined> => {
    const pending = spares.shift();
    const p = await pending;
    if (p && p.browser === launched.browser && launched.browser.isConnected()) return p;
    await discard(p);
    return undefined;
  };

  const ensureBrowser = async (): Promise<{ launched: LaunchedBrowser; denyAll: EgressProxy }> => {
    if (closed) throw new CaptureError('browser_unavailable', 'the capture service is shutting down', true);
    if (current?.launched.browser.isConnected()) return current;
    if (!starting) {
      const previous = current;
      current = undefined;
      starting = (async () => {
        await previous?.launched.close();
        await previous?.denyAll.close();
        // Browser-wide traffic outside any capture context (there should be none) is refused.
        const denyAll = await startEgressProxy({ allow, denyAll: true });
        try {
          const launched = await launchChromium({
            executablePath: findChromium(config.chromiumPath),
            noSandbox: config.captureNoSandbox,
            defaultProxyPort: denyAll.port,
            log,
          });
          launched.browser.on('disconnected', () => {
            if (current?.launched === launched)
              log.warn({ component: 'capture' }, 'capture browser disconnected; it restarts on the next capture');
          });
          lastError = null;
          // Contexts ready before the first capture asks for one.
          for (let i = 0; i < config.captureConcurrency; i += 1) keepSpare(launched);
          return { launched, denyAll };
        } catch (error) {
          await denyAll.close();
          lastError = (error as Error).message;
          throw error;
        }
      })();
      starting
        .then((s) => {
          current = s;
        })
        .catch(() => undefined)
        .finally(() => {
          starting = undefined;
        });
    }
    const s = await starting;
    current = s;
    return s;
  };

  return {
    launched: () => current?.launched,

    async checkDestination(url: string): Promise<DestinationCheck> {
      const checked = checkCaptureUrl(url);
      if (!checked.ok) return { ok: false, reason: checked.reason, detail: checked.detail };
      let addresses: string[];
      if (isIpLiteral(checked.host)) addresses = [checked.host];
      else {
        try {
          addresses = await Promise.race([
            resolve(checked.host),
            new Promise<string[]>((_, reject) => setTimeout(() => reject(new Error('DNS timeout')), 5_000)),
          ]);
        } catch {
          // A name that does not resolve now is queued: the capture will say "unreachable".
          return { ok: true };
        }
      }
      const d = decideDestination(checked.host, addresses, allow);
      if (!d.allowed && d.reason === 'blocked_address')
        return { ok: false, reason: 'blocked_address', detail: d.refused.map((r) => `${r.address} (${r.range})`).join(', ') };
      return { ok: true };
    },

    async capture(input) {
      const release = await slots.acquire();
      let prepared: PreparedCapture | undefined;
      let background = false;
      try {
        let browser: { launched: LaunchedBrowser; denyAll: EgressProxy };
        try {
          browser = await ensureBrowser();
        } catch (error) {
          if (error instanceof CaptureError) throw error;
          const retryable = !(error instanceof BrowserUnavailable && error.reason !== 'launch_failed');
          throw new CaptureError('browser_unavailable', (error as Error).message, retryable);
        }
        prepared = (await takeSpare(browser.launched)) ?? (await prepare(browser.launched));
        try {
          const { output, closed: contextClosed } = await capturePage(
            prepared,
            { browserVersion: browser.launched.version, sandbox: browser.launched.sandbox, allowList: [...allow.entries] },
            input,
            pageOptions,
          );
          // The slot is held until the context is gone; the caller goes on sealing meanwhile.
          const done = prepared;
          background = true;
          void contextClosed.finally(async () => {
            await done.proxy.close().catch(() => undefined);
            release();
            // Its replacement is prepared once this capture's browser work is over, so the two
            // never compete for the CPU; the pool holds one spare per slot.
            keepSpare(browser.launched);
          });
          return output;
        } catch (error) {
          if (error instanceof CaptureError) throw error;
          if (!browser.launched.browser.isConnected())
            throw new CaptureError('browser_unavailable', 'the browser stopped during the capture', true);
          throw new CaptureError('capture_error', (error as Error).message.split('\n')[0] ?? 'capture failed', true);
        }
      } finally {
        if (!background) {
          await prepared?.context.close().catch(() => undefined);
          await prepared?.proxy.close().catch(() => undefined);
          release();
          if (current) keepSpare(current.launched);
        }
      }
    },

    async status(): Promise<BrowserStatus> {
      const executablePath = current?.launched.executablePath ?? findChromium(config.chromiumPath) ?? null;
      return {
        found: executablePath !== null,
        executablePath,
        version: current?.launched.version ?? (executablePath ? ((await chromiumVersion(executablePath)) ?? null) : null),
        running: Boolean(current?.launched.browser.isConnected()),
        sandbox: current ? current.launched.sandbox : !config.captureNoSandbox,
        user: current?.launched.user ?? null,
        error: lastError,
      };
    },

    async close() {
      closed = true;
      const s = current ?? (starting ? await starting.catch(() => undefined) : undefined);
      current = undefined;
      for (const p of spares.splice(0)) await discard(await p);
      await s?.launched.close();
      await s?.denyAll.close();
    },
  };
}
