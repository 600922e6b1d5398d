// argon2id password hashing (@node-rs/argon2: native, prebuilt, no install script).
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id of the package (a const enum, which isolated modules cannot read).
const ARGON2ID = 2;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
}

// OWASP's second recommended argon2id setting (19 MiB, t=2, p=1): ~30 ms here.
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const argon2idHasher: PasswordHasher = {
  hash: (password) => hash(password, options),
  async verify(hashed, password) {
    try {
      return await verify(hashed, password);
    } catch {
      return false;
    }
  },
};

/** Cheap settings for tests only (a real hash, just faster). */
export const fastTestHasher: PasswordHasher = {
  hash: (password) => hash(password, { ...options, memoryCost: 1024, timeCost: 1 }),
  verify: argon2idHasher.verify,
};
