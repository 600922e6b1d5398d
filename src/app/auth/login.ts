// POST /auth/login: password (argon2id), optional second factor, new session.
// Unknown e-mail and wrong password answer alike and take similar time (a dummy hash is
// verified); attempts are limited per submitted e-mail and per client address, in PostgreSQL.
import { clearRateLimit, hitRateLimit, peekRateLimit } from '../../adapters/db/rate-limits.js';
import { insertSession, revokeSession } from '../../adapters/db/sessions.js';
import { findUserByEmail, recordLogin } from '../../adapters/db/users.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { claimTotpStep, spendRecoveryCode } from '../../adapters/db/user-credentials.js';
import type { PasswordHasher } from '../../adapters/crypto/passwords.js';
import { newSecret, secretDigest } from '../../domain/auth/secrets.js';
import { recoveryCodeDigest, totpStep } from '../../domain/auth/totp.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';

export const loginLimits = {
  perEmail: { max: 5, windowMs: 15 * 60_000 },
  perAddress: { max: 50, windowMs: 15 * 60_000 },
};

// A hash made by the same hasher as real ones, verified when the e-mail is unknown so both
// paths cost one argon2id verification.
const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>();

export function loginEmailKey(email: string): string {
  return `login:email:${secretDigest(email.trim().toLowerCase())}`;
}

export interface LoginInput {
  email: string;
  password: string;
  totp?: string | undefined;
  address: string;
  userAgent: string;
  /** The session cookie the browser already had, revoked so a new id is issued (rotation). */
  previousSessionToken?: string | undefined;
}

export interface LoginResult {
  sessionToken: string;
  userId: string;
  expiresAt: Date;
}

function retryAfter(resetAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
}

export async function login(ctx: Pick<AppContext, 'db' | 'clock' | 'passwords' | 'config'>, input: LoginInput): Promise<LoginResult> {
  const { db, clock, passwords } = ctx;
  const now = clock.now();
  const email = input.email.trim().toLowerCase();
  const emailKey = loginEmailKey(email);
  const addressKey = `login:address:${input.address}`;

  const byAddress = await hitRateLimit(db, addressKey, loginLimits.perAddress.windowMs, now);
  if (byAddress.count > loginLimits.perAddress.max) {
    throw new DomainError('rate_limited', {
      params: { seconds: retryAfter(byAddress.resetAt, now) },
      retryAfterSeconds: retryAfter(byAddress.resetAt, now),
    });
  }
  const byEmail = await peekRateLimit(db, emailKey, loginLimits.perEmail.windowMs, now);
  if (byEmail.count >= loginLimits.perEmail.max) {
    throw new DomainError('rate_limited', {
      params: { seconds: retryAfter(byEmail.resetAt, now) },
      retryAfterSeconds: retryAfter(byEmail.resetAt, now),
    });
  }

  const user = await findUserByEmail(db, email);
  let dummyHash = dummyHashes.get(passwords);
  if (!dummyHash) {
    dummyHash = passwords.hash('rempart-dummy-password');
    dummyHashes.set(passwords, dummyHash);
  }
  const passwordOk = await passwords.verify(user?.password_hash ?? (await dummyHash), input.password);
  if (!user || !passwordOk || !user.password_hash || user.status !== 'active') {
    await hitRateLimit(db, emailKey, loginLimits.perEmail.windowMs, now);
    throw new DomainError('invalid_credentials');
  }

  // A TOTP code is accepted once (its step must be after the last accepted one); a recovery
  // code is removed as it is used. Both are conditional updates, so two concurrent logins
  // cannot spend the same code; they commit with the session below.
  let usedRecoveryDigest: string | undefined;
  let acceptedStep: number | undefined;
  if (user.totp_enabled_at && user.totp_secret) {
    const code = input.totp?.trim();
    if (!code) throw new DomainError('totp_required');
    const step = totpStep(user.totp_secret, code, now);
    if (step !== null) acceptedStep = step;
    else if (user.recovery_code_hashes.includes(recoveryCodeDigest(code))) usedRecoveryDigest = recoveryCodeDigest(code);
    else {
      await hitRateLimit(db, emailKey, loginLimits.perEmail.windowMs, now);
      throw new DomainError('invalid_credentials', { messageKey: 'error.totp_invalid' });
    }
  }

  const sessionToken = newSecret(32);
  const sessionId = secretDigest(sessionToken);
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3_600_000);
  const codeSpent = await db.transaction().execute(async (tx) => {
    if (acceptedStep !== undefined && !(await claimTotpStep(tx, user.id, acceptedStep))) return false;
    if (usedRecoveryDigest && !(await spendRecoveryCode(tx, user.id, usedRecoveryDigest))) return false;
    if (input.previousSessionToken) await revokeSession(tx, secretDigest(input.previousSessionToken), now);
    await insertSession(tx, {
      id: sessionId,
      userId: user.id,
      at: now,
      expiresAt,
      userAgent: input.userAgent,
      secondFactor: Boolean(user.totp_enabled_at),
    });
    await recordLogin(tx, user.id, now);
    await appendLedger(tx, {
      action: 'session.opened',
      at: now,
      actorId: user.id,
      organisationId: user.organisation_id,
      subject: { type: 'user', id: user.id },
      data: {
        session: sessionId.slice(0, 16),
        secondFactor: usedRecoveryDigest ? 'recovery_code' : user.totp_enabled_at ? 'totp' : 'none',
      },
    });
    return true;
  });
  if (!codeSpent) {
    // The code was already used (replayed, or the same code sent twice at once).
    await hitRateLimit(db, emailKey, loginLimits.perEmail.windowMs, now);
    throw new DomainError('invalid_credentials', { messageKey: 'error.totp_invalid' });
  }
  await clearRateLimit(db, emailKey);
  return { sessionToken, userId: user.id, expiresAt };
}

export async function logout(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { sessionId: string; userId: string; organisationId: string },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (await revokeSession(tx, input.sessionId, now)) {
      await appendLedger(tx, {
        action: 'session.closed',
        at: now,
        actorId: input.userId,
        organisationId: input.organisationId,
        subject: { type: 'user', id: input.userId },
        data: { session: input.sessionId.slice(0, 16) },
      });
    }
  });
}
