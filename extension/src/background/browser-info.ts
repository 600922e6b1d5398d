// The browser's name and full version for the manifest (navigator.userAgentData's brands when
// present, else the user-agent string), and a readable client name for pairing.

export interface BrowserInfo {
  name: string;
  version: string;
  userAgent: string;
  platform: string;
}

const PREFERRED = ['Microsoft Edge', 'Google Chrome', 'Opera', 'Brave', 'Chromium'];

export async function browserInfo(): Promise<BrowserInfo> {
  const userAgent = navigator.userAgent;
  const data = navigator.userAgentData;
  if (data) {
    try {
      const high = await data.getHighEntropyValues(['fullVersionList', 'platform', 'platformVersion']);
      const brands = (high.fullVersionList ?? data.brands).filter((b) => !/not.?a.?brand/i.test(b.brand));
      const pick = PREFERRED.map((name) => brands.find((b) => b.brand === name)).find(Boolean) ?? brands[0];
      if (pick) return { name: pick.brand, version: pick.version, userAgent, platform: high.platform ?? data.platform };
    } catch {
      // Fall back to the user-agent string below.
    }
  }
  const edge = /Edg\/([\d.]+)/.exec(userAgent);
  const chrome = /Chrome\/([\d.]+)/.exec(userAgent);
  const firefox = /Firefox\/([\d.]+)/.exec(userAgent);
  const [name, match] = edge
    ? ['Microsoft Edge', edge]
    : chrome
      ? ['Chromium', chrome]
      : firefox
        ? ['Firefox', firefox]
        : ['unknown', null];
  return { name, version: match?.[1] ?? 'unknown', userAgent, platform: data?.platform ?? '' };
}

/** "Rempart — Google Chrome 150 (Windows)": what the user sees when approving, and the token's label. */
export async function clientName(): Promise<string> {
  const info = await browserInfo();
  const major = info.version.split('.')[0] ?? info.version;
  return `Rempart — ${info.name} ${major}${info.platform ? ` (${info.platform})` : ''}`.slice(0, 100);
}
