import { describe, expect, it } from 'vitest';
import { currentTotp, newRecoveryCodes, newTotpSecret, recoveryCodeDigest, totpStep } from './totp.js';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const at = new Date('2026-03-02T14:00:10Z');
  const step = Math.floor(at.getTime() / 30_000);

  it('gives the step of the current code', () => {
    expect(totpStep(secret, currentTotp(secret, at), at)).toBe(step);
  });

  it('accepts the previous and next step (clock drift) and names them', () => {
    expect(totpStep(secret, currentTotp(secret, new Date(at.getTime() - 30_000)), at)).toBe(step - 1);
    expect(totpStep(secret, currentTotp(secret, new Date(at.getTime() + 30_000)), at)).toBe(step + 1);
  });

  it('refuses a code two steps old, a malformed code and another secret’s code', () => {
    expect(totpStep(secret, currentTotp(secret, new Date(at.getTime() - 61_000)), at)).toBeNull();
    expect(totpStep(secret, '12345', at)).toBeNull();
    expect(totpStep(secret, 'abcdef', at)).toBeNull();
    const other = newTotpSecret();
    const code = currentTotp(other, at);
    // Either the other secret's code is refused or it collides by chance with one of ours.
    const ours = [-30_000, 0, 30_000].map((d) => currentTotp(secret, new Date(at.getTime() + d)));
    if (!ours.includes(code)) expect(totpStep(secret, code, at)).toBeNull();
  });
});

describe('recovery codes', () => {
  it('makes ten distinct codes whose digests ignore case and spaces', () => {
    const { codes, digests } = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(recoveryCodeDigest(` ${codes[0]?.toUpperCase()} `)).toBe(digests[0]);
  });
});
