// Sign-in, sign-out and the current user (DESIGN.md §5; shapes from src/contract/auth.ts).
import type { z } from 'zod';
import type { loginBody, meResponse, roleGrantSchema, updateMeBody } from '../../../src/contract/auth';
import { api } from './client';

export type Me = z.infer<typeof meResponse>;
export type RoleGrant = z.infer<typeof roleGrantSchema>;
export type Role = RoleGrant['role'];
export type Locale = Me['locale'];
export type LoginBody = z.infer<typeof loginBody>;
export type UpdateMeBody = z.infer<typeof updateMeBody>;

export const authApi = {
  login: (body: LoginBody) => api.post<{ userId: string; expiresAt: string }>('/api/v1/auth/login', body),
  logout: () => api.post<null>('/api/v1/auth/logout'),
  me: (signal?: AbortSignal) => api.get<Me>('/api/v1/me', signal ? { signal } : {}),
  updateMe: (body: UpdateMeBody) => api.patch<Me>('/api/v1/me', body),
};
