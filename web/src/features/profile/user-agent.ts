// A readable name for a session's device ("Firefox sur Windows") from its User-Agent header.
// Approximate on purpose: it helps a person recognise their own devices, nothing more.
export interface DeviceName {
  browser: string | undefined;
  system: string | undefined;
}

export function deviceName(userAgent: string): DeviceName {
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrom(e|ium)\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : /^rempart/i.test(ua)
              ? 'Rempart'
              : undefined;
  const system = /iPhone|iPad|iPod/.test(ua)
    ? 'iOS'
    : /Android/.test(ua)
      ? 'Android'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : undefined;
  return { browser, system };
}
