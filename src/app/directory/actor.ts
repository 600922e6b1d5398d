// Who administers the directory: a signed-in admin (API) or the operator at the command line
// (userId null). The locale renders field messages and import reports in the caller's language.
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';

export interface DirectoryActor {
  /** null: the command line (the ledger records no actor). */
  userId: string | null;
  organisationId: string;
  locale: Locale;
}

export function directoryActor(principal: Principal, locale: Locale): DirectoryActor {
  return { userId: principal.userId, organisationId: principal.organisationId, locale };
}
