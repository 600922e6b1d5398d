// Ports of removal re-checks: the page fetcher (src/adapters/recheck/pinned-fetch.ts), which
// applies the capture's private-network rule to every hop, and the captured HTML of a location.

export type PageFetchOutcome =
  | {
      kind: 'response';
      status: number;
      finalUrl: string;
      /** Every URL followed before the final one, in order. */
      redirects: string[];
      contentType: string | null;
      body: Buffer;
      /** SHA-256 (hex) of the body bytes as received (decoded from gzip/br, cut at the limit). */
      sha256: string;
      /** The body was cut at the size limit (its hash is of the bytes read). */
      truncated: boolean;
      /** The address actually connected to for the final hop. */
      address: string;
    }
  | {
      kind: 'failed';
      reason: 'destination_blocked' | 'timeout' | 'network_error' | 'too_many_redirects' | 'invalid_url';
      /** The URL that failed or was refused. */
      url: string;
      redirects: string[];
      detail: string;
    };

export interface PageFetcher {
  fetch(url: string): Promise<PageFetchOutcome>;
}

/** The HTML artefact of a sealed capture, by its SHA-256 (undefined when the store lacks it). */
export type CapturedHtmlReader = (sha256: string) => Promise<string | undefined>;
