// Helpers for authentication tests: inject shortcuts, TOTP enrolment through the API, ledger
// lookups.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../src/adapters/db/database.js';
import type { ManualClock } from '../../src/domain/clock.js';
import { currentTotp } from '../../src/domain/auth/totp.js';
import { asBrowser, loginCookie } from './builders.js';
import { TEST_ORIGIN } from './app.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A same-origin browser request with the session cookie. */
export function browser(
  app: FastifyInstance,
  cookie: string,
  method: Method,
  url: string,
  payload?: object,
): Promise<LightMyRequestResponse> {
  return app.inject({ method, url, headers: asBrowser(cookie), ...(payload ? { payload } : {}) });
}

/** A request with an API token. */
export function bearer(
  app: FastifyInstance,
  token: string,
  method: Method,
  url: string,
  payload?: object,
): Promise<LightMyRequestResponse> {
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
}

export function login(
  app: FastifyInstance,
  body: { email: string; password: string; totp?: string },
  extra: { remoteAddress?: string; cookie?: string } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin: TEST_ORIGIN, ...(extra.cookie ? { cookie: extra.cookie } : {}) },
    payload: { email: body.email, password: body.password, ...(body.totp ? { totp: body.totp } : {}) },
    ...(extra.remoteAddress ? { remoteAddress: extra.remoteAddress } : {}),
  });
}

/** Enrols a second factor through the API; the code used is spent (advance the clock for the next). */
export async function enrolTotp(
  app: FastifyInstance,
  cookie: string,
  clock: ManualClock,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await browser(app, cookie, 'POST', '/api/v1/me/totp');
  if (start.statusCode !== 200) throw new Error(`enrolment failed: ${start.statusCode} ${start.body}`);
  const { secret } = start.json<{ secret: string }>();
  const confirm = await browser(app, cookie, 'POST', '/api/v1/me/totp/confirm', { code: currentTotp(secret, clock.now()) });
  if (confirm.statusCode !== 200) throw new Error(`confirmation failed: ${confirm.statusCode} ${confirm.body}`);
  return { secret, recoveryCodes: confirm.json<{ recoveryCodes: string[] }>().recoveryCodes };
}

/** The code of the next 30 s step (moves the clock), so it was never used before. */
export function nextTotp(secret: string, clock: ManualClock): string {
  clock.advance(30_000);
  return currentTotp(secret, clock.now());
}

export async function loginWithTotp(
  app: FastifyInstance,
  user: { email: string; password: string },
  secret: string,
  clock: ManualClock,
): Promise<string> {
  return loginCookie(app, user, nextTotp(secret, clock));
}

export async function ledgerEntries(db: Db, action: string) {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['seq', 'action', 'body'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.body as { actorId: string | null; subject: { type: string; id: string } | null; data: Record<string, unknown> });
}
