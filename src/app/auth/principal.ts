// Who is calling: resolved from a session cookie or a bearer token on every API request.
import type { Queryable } from '../../adapters/db/database.js';
import { findLiveApiToken, touchApiToken } from '../../adapters/db/api-tokens.js';
import { findLiveSession, touchSession } from '../../adapters/db/sessions.js';
import { findUserById, listRoleGrants } from '../../adapters/db/users.js';
import { type RoleGrant, requiresTotp } from '../../domain/auth/roles.js';
import { API_TOKEN_PREFIX, secretDigest } from '../../domain/auth/secrets.js';
import { DomainError } from '../../domain/errors.js';
import { isLocale, type Locale } from '../../locales/index.js';

export interface Principal {
  userId: string;
  organisationId: string;
  personId: string | null;
  email: string;
  displayName: string;
  locale: Locale;
  roles: RoleGrant[];
  via: 'session' | 'token';
  sessionId: string | null;
  tokenId: string | null;
  scopes: string[];
  totpEnabled: boolean;
  /** The organisation requires a second factor for one of this user's roles and none is enrolled. */
  mustEnrolTotp: boolean;
}

// Last-seen stamps are written at most once a minute per session/token, not on every request.
const TOUCH_EVERY_MS = 60_000;

async function principalFor(
  db: Queryable,
  userId: string,
  via: Principal['via'],
  ids: { sessionId: string | null; tokenId: string | null; scopes: string[] },
): Promise<Principal | undefined> {
  const user = await findUserById(db, userId);
  if (!user || user.status !== 'active') return undefined;
  const [roles, org] = await Promise.all([
    listRoleGrants(db, user.id),
    db.selectFrom('organisations').select(['require_totp_roles']).where('id', '=', user.organisation_id).executeTakeFirstOrThrow(),
  ]);
  return {
    userId: user.id,
    organisationId: user.organisation_id,
    personId: user.person_id,
    email: user.email,
    displayName: user.display_name,
    locale: isLocale(user.preferred_locale) ? user.preferred_locale : 'fr-CA',
    roles,
    via,
    ...ids,
    totpEnabled: user.totp_enabled_at !== null,
    mustEnrolTotp: user.totp_enabled_at === null && requiresTotp(roles, org.require_totp_roles),
  };
}

export async function principalFromSession(db: Queryable, cookieValue: string, now: Date): Promise<Principal | undefined> {
  if (cookieValue.length < 20 || cookieValue.length > 200) return undefined;
  const session = await findLiveSession(db, secretDigest(cookieValue), now);
  if (!session) return undefined;
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) await touchSession(db, session.id, now);
  return principalFor(db, session.user_id, 'session', { sessionId: session.id, tokenId: null, scopes: ['all'] });
}

export async function principalFromBearer(db: Queryable, token: string, now: Date): Promise<Principal | undefined> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return undefined;
  const row = await findLiveApiToken(db, secretDigest(token));
  if (!row) return undefined;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_EVERY_MS) await touchApiToken(db, row.id, now);
  return principalFor(db, row.user_id, 'token', { sessionId: null, tokenId: row.id, scopes: row.scopes });
}

/**
 * Account security settings (API tokens, second factor, password) change only from a browser
 * session: a leaked API token must not be able to mint more tokens that outlive its revocation,
 * nor put a second factor on the account that locks its owner out.
 */
export function assertSession(p: Principal): asserts p is Principal & { via: 'session'; sessionId: string } {
  if (p.via !== 'session' || !p.sessionId) throw new DomainError('forbidden', { messageKey: 'error.session_required' });
}
