// The signed-in user's credentials (password, second factor, sessions, personal API tokens) and
// the password reset requested while signed out. Shapes from src/contract/account.ts and
// src/contract/tokens.ts.
import type { z } from 'zod';
import type {
  changePasswordBody,
  passwordResetBody,
  passwordResetConfirmBody,
  sessionListResponse,
  totpConfirmBody,
  totpConfirmResponse,
  totpDisableBody,
  totpEnrolmentResponse,
} from '../../../src/contract/account';
import type { createdTokenResponse, createTokenBody, tokenListResponse } from '../../../src/contract/tokens';
import { api } from './client';

export type SessionSummary = z.infer<typeof sessionListResponse>['items'][number];
export type ApiTokenSummary = z.infer<typeof tokenListResponse>['items'][number];
export type CreatedApiToken = z.infer<typeof createdTokenResponse>;
/** `qrSvg` is an SVG document: shown through an <img> data: URL only, never as markup. */
export type TotpEnrolment = z.infer<typeof totpEnrolmentResponse>;

export const accountApi = {
  changePassword: (body: z.input<typeof changePasswordBody>) => api.post<null>('/api/v1/me/password', body),

  startTotp: () => api.post<TotpEnrolment>('/api/v1/me/totp'),
  confirmTotp: (body: z.input<typeof totpConfirmBody>) => api.post<z.infer<typeof totpConfirmResponse>>('/api/v1/me/totp/confirm', body),
  disableTotp: (body: z.input<typeof totpDisableBody>) => api.delete('/api/v1/me/totp', { body }),

  listSessions: () => api.get<z.infer<typeof sessionListResponse>>('/api/v1/me/sessions').then((r) => r.items),
  revokeSession: (id: string) => api.delete(`/api/v1/me/sessions/${encodeURIComponent(id)}`),

  listTokens: () => api.get<z.infer<typeof tokenListResponse>>('/api/v1/tokens').then((r) => r.items),
  createToken: (body: z.input<typeof createTokenBody>) => api.post<CreatedApiToken>('/api/v1/tokens', body),
  revokeToken: (id: string) => api.delete(`/api/v1/tokens/${encodeURIComponent(id)}`),

  requestPasswordReset: (body: z.input<typeof passwordResetBody>) => api.post<Record<string, never>>('/api/v1/auth/password-reset', body),
  resetPassword: (body: z.input<typeof passwordResetConfirmBody>) => api.post<null>('/api/v1/auth/password-reset/confirm', body),
};

/** Same bound as src/domain/auth/password-policy.ts and src/contract/account.ts (checked again there). */
export const MIN_PASSWORD_LENGTH = 12;
