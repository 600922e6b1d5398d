// The provider directory's administration over the API (src/http/routes/providers.ts;
// docs/takedowns.md "Editing it"). Reading is GET /api/v1/providers (every signed-in user).
import type { z } from 'zod';
import type {
  createProviderBody,
  providerChannelInput,
  takedownSettingsSchema,
  updateProviderBody,
} from '../../../../src/contract/takedowns';
import { api } from '../../api/client';
import { forgetDirectory, type Provider } from '../takedowns/api';

export type ChannelInput = z.input<typeof providerChannelInput>;
export type UpdateProviderBody = z.input<typeof updateProviderBody>;
export type CreateProviderBody = z.input<typeof createProviderBody>;
export type TakedownSettings = z.infer<typeof takedownSettingsSchema>;
export type ChannelPurpose = ChannelInput['purpose'];
export type ChannelMethod = ChannelInput['method'];
export type FilerKind = ChannelInput['whoMayFile'][number];

// The contract's enums, in its order (types only come from the server: these lists must match,
// and the `satisfies` + exhaustiveness checks below fail to compile when one gains a value).
export const purposes = ['harassment', 'defamation', 'impersonation', 'intimate_images', 'privacy', 'account_recovery', 'other'] as const satisfies readonly ChannelPurpose[];
export const methods = ['in_app', 'web_form', 'legal_form', 'email', 'phone', 'mail', 'other'] as const satisfies readonly ChannelMethod[];
export const filers = ['victim', 'representative', 'anyone'] as const satisfies readonly FilerKind[];
type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : Exclude<All, Listed>;
const complete: [Missing<ChannelPurpose, (typeof purposes)[number]>, Missing<ChannelMethod, (typeof methods)[number]>, Missing<FilerKind, (typeof filers)[number]>] = [true, true, true];
void complete;

const enc = encodeURIComponent;

export const providersAdminApi = {
  update: async (id: string, body: UpdateProviderBody) => {
    const provider = await api.patch<Provider>(`/api/v1/admin/providers/${enc(id)}`, body);
    forgetDirectory();
    return provider;
  },
  create: async (body: CreateProviderBody) => {
    const provider = await api.post<Provider>('/api/v1/admin/providers', body);
    forgetDirectory();
    return provider;
  },
  settings: () => api.get<TakedownSettings>('/api/v1/admin/takedown-settings'),
  updateSettings: (body: TakedownSettings) => api.patch<TakedownSettings>('/api/v1/admin/takedown-settings', body),
};

export const providerPaths = {
  list: '/admin/fournisseurs',
  provider: (id: string) => `/admin/fournisseurs/${enc(id)}`,
};
