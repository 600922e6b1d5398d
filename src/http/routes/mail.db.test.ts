import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app/context.js';
import type { Mailer } from '../../app/mail/ports.js';
import { retryFailedMail } from '../../app/mail/retry-failed-mail.js';
import { drainMailDeliveries, sendMail } from '../../app/mail/send-mail.js';
import { createTestApp, type TestApp } from '../../../tests/support/app.js';
import { browser, ledgerEntries } from '../../../tests/support/auth.js';
import { buildOrganisation, buildUser, loginCookie } from '../../../tests/support/builders.js';

let t: TestApp;
let organisationId: string;
let adminCookie: string;

/** A mail server that refuses everything, as a down relay would. */
const refusingMailer: Mailer = {
  kind: 'smtp',
  async send() {
    throw new Error('connect ECONNREFUSED 127.0.0.1:25');
  },
  async close() {},
};

function failingCtx(): AppContext {
  return { ...t.ctx, mailer: refusingMailer };
}

beforeAll(async () => {
  t = await createTestApp();
  organisationId = (await buildOrganisation(t.ctx)).id;
  const admin = await buildUser(t.ctx, { organisationId, roles: [{ role: 'admin' }] });
  adminCookie = await loginCookie(t.app, admin);
});
afterAll(async () => {
  await drainMailDeliveries();
  await t.close();
});

describe('sendMail', () => {
  it('renders in the recipient’s language, records the message and marks it sent', async () => {
    const user = await buildUser(t.ctx, { organisationId, locale: 'en' });
    const outcome = await sendMail(t.ctx, {
      to: { userId: user.id },
      template: 'password_changed',
      params: {},
      organisationId,
      actorId: user.id,
    });
    expect(outcome).toMatchObject({ status: 'sent', attempts: 1 });
    const mail = await t.smtp.waitFor((m) => m.to.includes(user.email));
    expect(mail.subject).toBe('Your Rempart password was changed');
    expect(mail.text).toContain('Hello,');
    expect(mail.text).toContain(t.config.publicUrl);
    expect(mail.html).toContain('<a href="http://rempart.test"');
    const row = await t.ctx.db.selectFrom('mail_messages').selectAll().where('id', '=', outcome.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      locale: 'en',
      template: 'password_changed',
      last_error: null,
      to_address: user.email,
    });
    expect(row.sent_at).toEqual(t.clock.now());
    const actions = (await t.ctx.db.selectFrom('ledger_entries').select(['action', 'body']).execute())
      .filter((e) => (e.body as { subject?: { id?: string } }).subject?.id === outcome.id)
      .map((e) => e.action);
    expect(actions).toEqual(['mail.queued', 'mail.sent']);
  });

  it('records a failed delivery with its error instead of throwing', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const outcome = await sendMail(failingCtx(), {
      to: { userId: user.id },
      template: 'password_changed',
      params: {},
      organisationId,
      actorId: null,
    });
    expect(outcome).toMatchObject({ status: 'failed', attempts: 1 });
    const row = await t.ctx.db.selectFrom('mail_messages').selectAll().where('id', '=', outcome.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 1, last_error: 'connect ECONNREFUSED 127.0.0.1:25', sent_at: null });
    expect((await ledgerEntries(t.ctx.db, 'mail.failed')).some((e) => e.subject?.id === outcome.id)).toBe(true);
  });

  it('retryFailedMail sends a failed message again, once', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const failed = await sendMail(failingCtx(), {
      to: { userId: user.id },
      template: 'password_changed',
      params: {},
      organisationId,
      actorId: null,
    });
    const again = await retryFailedMail(failingCtx(), failed.id);
    expect(again).toMatchObject({ status: 'failed', attempts: 2 });
    const retried = await retryFailedMail(t.ctx, failed.id);
    expect(retried).toMatchObject({ status: 'sent', attempts: 3 });
    await t.smtp.waitFor((m) => m.to.includes(user.email));
    await expect(retryFailedMail(t.ctx, failed.id)).rejects.toMatchObject({ code: 'invalid_transition' });
  });
});

describe('admin mail outbox', () => {
  it('lists failed mail for administrators and retries it', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const failed = await sendMail(failingCtx(), {
      to: { userId: user.id },
      template: 'password_changed',
      params: {},
      organisationId,
      actorId: null,
    });

    const list = await browser(t.app, adminCookie, 'GET', '/api/v1/admin/mail?status=failed');
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: Array<{ id: string; status: string }> }>().items;
    expect(items.every((i) => i.status === 'failed')).toBe(true);
    expect(items.find((i) => i.id === failed.id)).toMatchObject({
      to: user.email,
      template: 'password_changed',
      status: 'failed',
      attempts: 1,
      lastError: 'connect ECONNREFUSED 127.0.0.1:25',
      retryable: true,
      sentAt: null,
    });

    const retry = await browser(t.app, adminCookie, 'POST', `/api/v1/admin/mail/${failed.id}/retry`);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ id: failed.id, status: 'sent', attempts: 2, lastError: null });
    await t.smtp.waitFor((m) => m.to.includes(user.email));
    const retried = await ledgerEntries(t.ctx.db, 'mail.retry_requested');
    expect(retried.some((e) => e.subject?.id === failed.id && e.actorId !== null)).toBe(true);

    const twice = await browser(t.app, adminCookie, 'POST', `/api/v1/admin/mail/${failed.id}/retry`);
    expect(twice.statusCode).toBe(409);
    expect(
      (await browser(t.app, adminCookie, 'GET', '/api/v1/admin/mail?status=failed')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(failed.id);
  });

  it('does not retry a mail that held a one-time link', async () => {
    const user = await buildUser(t.ctx, { organisationId });
    const failed = await sendMail(
      failingCtx(),
      { to: { userId: user.id }, template: 'password_reset', params: { validMinutes: 60 }, organisationId, actorId: null },
      { resetUrl: `${t.config.publicUrl}/reinitialiser#token=secret-value` },
    );
    const row = await t.ctx.db.selectFrom('mail_messages').selectAll().where('id', '=', failed.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('secret-value');
    const list = await browser(t.app, adminCookie, 'GET', '/api/v1/admin/mail?status=failed');
    expect(list.json().items.find((i: { id: string }) => i.id === failed.id)).toMatchObject({ retryable: false });
    const retry = await browser(t.app, adminCookie, 'POST', `/api/v1/admin/mail/${failed.id}/retry`);
    expect(retry.statusCode).toBe(409);
    expect(retry.json().error.code).toBe('invalid_transition');
  });

  it('is for administrators of the same organisation only', async () => {
    const staff = await loginCookie(t.app, await buildUser(t.ctx, { organisationId }));
    expect((await browser(t.app, staff, 'GET', '/api/v1/admin/mail?status=failed')).statusCode).toBe(403);

    const otherOrg = await buildOrganisation(t.ctx);
    const otherUser = await buildUser(t.ctx, { organisationId: otherOrg.id });
    const foreign = await sendMail(failingCtx(), {
      to: { userId: otherUser.id },
      template: 'password_changed',
      params: {},
      organisationId: otherOrg.id,
      actorId: null,
    });
    const list = await browser(t.app, adminCookie, 'GET', '/api/v1/admin/mail');
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(foreign.id);
    expect((await browser(t.app, adminCookie, 'POST', `/api/v1/admin/mail/${foreign.id}/retry`)).statusCode).toBe(404);
    expect((await browser(t.app, adminCookie, 'GET', '/api/v1/admin/mail?status=lost')).statusCode).toBe(400);
  });
});
