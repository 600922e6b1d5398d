// The signed-in user's own security settings (second factor, sessions, password) and the
// password reset by e-mail.
import { z } from 'zod';
import { email, isoDateTime } from './common.js';

// Same bounds as src/domain/auth/password-policy.ts (checked again there).
const newPassword = z.string().min(12).max(1024);
const currentPassword = z.string().min(1).max(1024);

export const totpEnrolmentResponse = z
  .object({
    /** Base32 secret, for apps where the QR code cannot be scanned. */
    secret: z.string(),
    otpauthUrl: z.string(),
    /** The otpauth URL as an SVG QR code. */
    qrSvg: z.string(),
  })
  .meta({ id: 'TotpEnrolment' });

export const totpConfirmBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});

export const totpConfirmResponse = z
  .object({
    /** Ten single-use codes, shown this once; each replaces a TOTP code when the phone is lost. */
    recoveryCodes: z.array(z.string()),
  })
  .meta({ id: 'RecoveryCodes' });

export const totpDisableBody = z.strictObject({
  password: currentPassword,
  /** A current six-digit code, or a recovery code. */
  code: z.string().trim().min(6).max(32),
});

export const sessionSchema = z
  .object({
    /** Public id: the first 16 hex digits of the session's digest. */
    id: z.string(),
    createdAt: isoDateTime,
    lastSeenAt: isoDateTime,
    expiresAt: isoDateTime,
    userAgent: z.string(),
    /** The session this request was made with. */
    current: z.boolean(),
  })
  .meta({ id: 'Session' });

export const sessionListResponse = z.object({ items: z.array(sessionSchema) });

export const sessionIdParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{16}$/) });

export const changePasswordBody = z.strictObject({ currentPassword, newPassword });

export const passwordResetBody = z.strictObject({ email });

export const passwordResetConfirmBody = z.strictObject({
  /** The secret from the link's fragment (`#token=…`). */
  token: z.string().trim().min(20).max(200),
  password: newPassword,
});
