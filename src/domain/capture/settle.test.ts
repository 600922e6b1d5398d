import { describe, expect, it } from 'vitest';
import { QUIET_MAX_MS, QUIET_MIN_MS, QUIET_UNKNOWN_MS, quietWindowMs } from './settle.js';

describe('quietWindowMs', () => {
  it('waits twice the median request time', () => {
    expect(quietWindowMs([40, 60, 80])).toBe(120);
    expect(quietWindowMs([40, 60, 80, 100])).toBe(140);
  });

  it('never waits less than the minimum, even for a page served from next door', () => {
    expect(quietWindowMs([1, 2, 3])).toBe(QUIET_MIN_MS);
  });

  it('never waits more than the maximum, even for a slow site', () => {
    expect(quietWindowMs([900, 1200, 3000])).toBe(QUIET_MAX_MS);
  });

  it('is not thrown by one very slow request', () => {
    expect(quietWindowMs([30, 35, 40, 45, 20_000])).toBe(80);
  });

  it('has a middle value when nothing finished, and ignores nonsense', () => {
    expect(quietWindowMs([])).toBe(QUIET_UNKNOWN_MS);
    expect(quietWindowMs([Number.NaN, -5])).toBe(QUIET_UNKNOWN_MS);
  });
});
