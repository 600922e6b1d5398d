// The few extension APIs Rempart uses, typed by hand (Chrome/Edge, Manifest V3, promise style):
// no @types/chrome dependency, and a reader sees at a glance everything the extension touches.
// Each matches the documented signature at developer.chrome.com/docs/extensions/reference.

declare namespace chrome {
  export namespace runtime {
    const id: string;
    function getURL(path: string): string;
    function getManifest(): { version: string; name: string };
    function sendMessage<T = unknown>(message: unknown): Promise<T>;
    function getPlatformInfo(): Promise<{ os: string; arch: string }>;
    interface MessageSender {
      id?: string;
      url?: string;
      tab?: tabs.Tab;
    }
    const onMessage: {
      addListener(
        callback: (message: unknown, sender: MessageSender, sendResponse: (response?: unknown) => void) => boolean | undefined,
      ): void;
    };
    const onStartup: { addListener(callback: () => void): void };
    const onInstalled: { addListener(callback: () => void): void };
  }

  export namespace storage {
    interface StorageChange {
      oldValue?: unknown;
      newValue?: unknown;
    }
    interface StorageArea {
      get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(keys: string | string[]): Promise<void>;
    }
    const local: StorageArea;
    const session: StorageArea;
    const managed: StorageArea;
    const onChanged: {
      addListener(callback: (changes: Record<string, StorageChange>, areaName: 'local' | 'session' | 'sync' | 'managed') => void): void;
    };
  }

  export namespace tabs {
    interface Tab {
      id?: number;
      windowId: number;
      active: boolean;
      url?: string;
      title?: string;
      status?: string;
    }
    function query(queryInfo: {
      active?: boolean;
      currentWindow?: boolean;
      lastFocusedWindow?: boolean;
      url?: string | string[];
    }): Promise<Tab[]>;
    function get(tabId: number): Promise<Tab>;
    function update(tabId: number, props: { active?: boolean }): Promise<Tab>;
    function create(props: { url: string; active?: boolean }): Promise<Tab>;
    function captureVisibleTab(windowId: number, options: { format: 'png' | 'jpeg'; quality?: number }): Promise<string>;
  }

  export namespace scripting {
    interface InjectionResult<T> {
      frameId: number;
      result?: T;
    }
    function executeScript<Args extends unknown[], Result>(injection: {
      target: { tabId: number; allFrames?: boolean };
      func: (...args: Args) => Result;
      args?: Args;
      world?: 'ISOLATED' | 'MAIN';
    }): Promise<Array<InjectionResult<Awaited<Result>>>>;
    function executeScript(injection: { target: { tabId: number }; files: string[] }): Promise<Array<InjectionResult<unknown>>>;
  }

  // `debugger` is a reserved word: declared as _debugger, exported under its real name.
  export namespace _debugger {
    interface Debuggee {
      tabId?: number;
    }
    function attach(target: Debuggee, requiredVersion: string): Promise<void>;
    function detach(target: Debuggee): Promise<void>;
    function sendCommand(target: Debuggee, method: string, commandParams?: Record<string, unknown>): Promise<unknown>;
  }
  export { _debugger as debugger };

  export namespace pageCapture {
    function saveAsMHTML(details: { tabId: number }): Promise<Blob | undefined>;
  }

  export namespace permissions {
    function contains(permissions: { origins?: string[]; permissions?: string[] }): Promise<boolean>;
    function request(permissions: { origins?: string[]; permissions?: string[] }): Promise<boolean>;
  }

  export namespace alarms {
    interface Alarm {
      name: string;
      scheduledTime: number;
    }
    function create(name: string, info: { when?: number; delayInMinutes?: number; periodInMinutes?: number }): Promise<void>;
    function clear(name: string): Promise<boolean>;
    const onAlarm: { addListener(callback: (alarm: Alarm) => void): void };
  }

  export namespace i18n {
    function getMessage(messageName: string, substitutions?: string | string[]): string;
    function getUILanguage(): string;
  }
}

/** navigator.userAgentData (Chromium): the browser's brands and full version. */
interface NavigatorUAData {
  brands: Array<{ brand: string; version: string }>;
  platform: string;
  getHighEntropyValues(
    hints: string[],
  ): Promise<{ fullVersionList?: Array<{ brand: string; version: string }>; platform?: string; platformVersion?: string }>;
}

interface Navigator {
  readonly userAgentData?: NavigatorUAData;
}

/** Replaced at build time (scripts/build-extension.ts): true only in the test build. */
declare const __REMPART_TEST_HOOKS__: boolean;
