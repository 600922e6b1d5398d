// The part of @harvard-lil/js-wacz 0.1.6 that Rempart uses (the package ships no types).
declare module '@harvard-lil/js-wacz' {
  export interface WACZLog {
    trace(...args: unknown[]): void;
    info(...args: unknown[]): void;
    warn(...args: unknown[]): void;
    error(...args: unknown[]): void;
  }
  export interface WACZOptions {
    input: string | string[];
    output: string;
    url?: string;
    ts?: string;
    title?: string;
    description?: string;
    detectPages?: boolean;
    log?: WACZLog;
    datapackageExtras?: Record<string, unknown>;
  }
  export class WACZ {
    constructor(options: WACZOptions);
    addPage(url: string, title?: string | null, ts?: string | null): { id: string; url: string };
    addCDXJ(line: string): void;
    process(verbose?: boolean): Promise<void>;
    initWorkerPool: () => void;
    sha256: (file: string | Uint8Array) => Promise<string>;
  }
}
