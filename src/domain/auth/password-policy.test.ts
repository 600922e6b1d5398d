import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { assertAcceptablePassword, MIN_PASSWORD_LENGTH } from './password-policy.js';

describe('password policy', () => {
  it('refuses a password shorter than 12 characters, naming the minimum', () => {
    try {
      assertAcceptablePassword('short-11chr');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('invalid_input');
      expect((error as DomainError).params).toEqual({ min: MIN_PASSWORD_LENGTH });
    }
  });

  it('counts characters, not UTF-16 units', () => {
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(() => assertAcceptablePassword('🔒'.repeat(11))).toThrow(DomainError);
    expect(() => assertAcceptablePassword('🔒'.repeat(12))).not.toThrow();
  });

  it('accepts 12 characters and refuses more than 1024', () => {
    expect(() => assertAcceptablePassword('a'.repeat(12))).not.toThrow();
    expect(() => assertAcceptablePassword('a'.repeat(1025))).toThrow(DomainError);
  });
});
