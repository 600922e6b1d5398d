// Mail templates: which parameters each one takes, and rendering (subject, plain text, simple
// HTML) from the locale catalogues src/locales/<locale>/mail.json in the recipient's language.
//
// What may go into a mail is fixed here, not by callers: parameters are ids, counts, case
// references and links to this app, each validated by the template's schema. A mail is read on
// phones, forwarded and kept by mail providers, so it never carries a case summary, evidence,
// or the name of an instigator; it points to the app, where access is checked and logged.
import { z } from 'zod';
import { type Locale, t } from '../../locales/index.js';

export interface MailTemplateDefinition {
  /** Parameters stored with the message (mail_messages.params) and used again on retry. */
  params: z.ZodType<Record<string, string | number>>;
  /**
   * Parameters given only for the first attempt and never stored (a one-time secret such as a
   * reset link). A template with any is not retried: the user asks again instead.
   */
  transient: readonly string[];
  /** The parameter holding the link of the main button; `appUrl` is always available. */
  action?: string;
  /** Whether `mail.<template>.after` (a paragraph after the button) exists. */
  after: boolean;
}

export const mailTemplates = {
  password_reset: {
    params: z.strictObject({ validMinutes: z.number().int().positive() }),
    transient: ['resetUrl'],
    action: 'resetUrl',
    after: true,
  },
  password_changed: {
    params: z.strictObject({}),
    transient: [],
    action: 'appUrl',
    after: true,
  },
  totp_disabled: {
    params: z.strictObject({}),
    transient: [],
    action: 'appUrl',
    after: true,
  },
  // An administrator changed the address a login signs in with (sent to the old and the new one).
  login_email_changed: {
    params: z.strictObject({}),
    transient: [],
    action: 'appUrl',
    after: true,
  },
  // An administrator removed the second factor (lost phone).
  totp_reset: {
    params: z.strictObject({}),
    transient: [],
    action: 'appUrl',
    after: true,
  },
  // Cases issue: each carries the case reference and a link; the step key where it matters.
  case_reported: {
    params: z.strictObject({ reference: z.string().regex(/^RMP-\d{4}-\d{4,}$/), caseUrl: z.string().url() }),
    transient: [],
    action: 'caseUrl',
    after: true,
  },
  direction_notified: {
    params: z.strictObject({ reference: z.string().regex(/^RMP-\d{4}-\d{4,}$/), caseUrl: z.string().url() }),
    transient: [],
    action: 'caseUrl',
    after: false,
  },
  union_notice: {
    params: z.strictObject({ reference: z.string().regex(/^RMP-\d{4}-\d{4,}$/), caseUrl: z.string().url() }),
    transient: [],
    action: 'caseUrl',
    after: true,
  },
  task_reminder: {
    params: z.strictObject({ reference: z.string().regex(/^RMP-\d{4}-\d{4,}$/), stepKey: z.string().max(20), caseUrl: z.string().url() }),
    transient: [],
    action: 'caseUrl',
    after: false,
  },
  task_overdue: {
    params: z.strictObject({ reference: z.string().regex(/^RMP-\d{4}-\d{4,}$/), stepKey: z.string().max(20), caseUrl: z.string().url() }),
    transient: [],
    action: 'caseUrl',
    after: false,
  },
  participant_added: {
    params: z.strictObject({ reference: z.string().regex(/^RMP-\d{4}-\d{4,}$/), caseUrl: z.string().url() }),
    transient: [],
    action: 'caseUrl',
    after: false,
  },
  invitation: {
    params: z.strictObject({ signInUrl: z.string().url() }),
    transient: [],
    action: 'signInUrl',
    after: true,
  },
  // A meeting of a case (records): the date and time in the organisation's time zone; the
  // calendar file (.ics) is attached by src/app/records/deliver-invitation.ts.
  meeting_invitation: {
    params: z.strictObject({
      reference: z.string().regex(/^RMP-\d{4}-\d{4,}$/),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      time: z.string().regex(/^\d{2}:\d{2}$/),
      caseUrl: z.string().url(),
    }),
    transient: [],
    action: 'caseUrl',
    after: true,
  },
  // IT asks the affected staff member whether removal requests may be sent.
  takedown_consent_requested: {
    params: z.strictObject({ reference: z.string().regex(/^RMP-\d{4}-\d{4,}$/), consentUrl: z.string().url() }),
    transient: [],
    action: 'consentUrl',
    after: true,
  },
  // A removal request without an answer (or a draft never sent) after the organisation's delay.
  takedown_reminder: {
    params: z.strictObject({
      reference: z.string().regex(/^RMP-\d{4}-\d{4,}$/),
      status: z.enum(['waiting', 'draft']),
      days: z.number().int().positive(),
      caseUrl: z.string().url(),
    }),
    transient: [],
    action: 'caseUrl',
    after: false,
  },
} as const satisfies Record<string, MailTemplateDefinition>;

export type MailTemplateName = keyof typeof mailTemplates;
export type MailParams<T extends MailTemplateName> = z.infer<(typeof mailTemplates)[T]['params']>;

export function isMailTemplateName(name: string): name is MailTemplateName {
  return Object.hasOwn(mailTemplates, name);
}

export function isRetryable(template: string): boolean {
  return isMailTemplateName(template) && mailTemplates[template].transient.length === 0;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** A link parameter must point into this app: a mail never sends anyone elsewhere. */
function assertAppLink(name: string, value: string, appUrl: string): void {
  if (value !== appUrl && !value.startsWith(`${appUrl}/`)) throw new Error(`mail parameter ${name} is not a link to ${appUrl}`);
}

/**
 * Renders `template` in `locale`. Throws (a programming error, not a user error) when stored
 * parameters do not fit the template's schema or a transient parameter is missing.
 */
export function renderMail(
  template: MailTemplateName,
  locale: Locale,
  stored: Record<string, unknown>,
  options: { appUrl: string; transient?: Record<string, string> | undefined },
): RenderedMail {
  const def: MailTemplateDefinition = mailTemplates[template];
  const params: Record<string, string | number> = { ...def.params.parse(stored), appUrl: options.appUrl };
  for (const name of def.transient) {
    const value = options.transient?.[name];
    if (value === undefined) throw new Error(`mail ${template}: transient parameter ${name} missing`);
    params[name] = value;
  }
  for (const [name, value] of Object.entries(params)) {
    if (/url$/i.test(name)) assertAppLink(name, String(value), options.appUrl);
  }
  const k = (part: string) => t(locale, `mail.${template}.${part}`, params);
  const subject = k('subject');
  const body = paragraphs(k('body'));
  const after = def.after ? paragraphs(k('after')) : [];
  const greeting = t(locale, 'mail.common.greeting');
  const footer = t(locale, 'mail.common.footer', { appUrl: options.appUrl });
  const action = def.action ? { label: k('action'), url: String(params[def.action]) } : undefined;

  const textParts = [greeting, ...body];
  if (action) textParts.push(`${t(locale, 'mail.common.action_text', { label: action.label })}\n${action.url}`);
  textParts.push(...after, `-- \n${footer}`);
  const text = `${textParts.join('\n\n')}\n`;

  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s).replaceAll('\n', '<br>')}</p>`;
  const htmlParts = [p(greeting), ...body.map(p)];
  if (action) {
    const href = escapeHtml(action.url);
    htmlParts.push(
      `<p style="margin:24px 0"><a href="${href}" style="background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(action.label)}</a></p>`,
      `<p style="margin:0 0 16px;font-size:13px;color:#4b5563">${escapeHtml(t(locale, 'mail.common.link_hint'))}<br><a href="${href}" style="color:#1d4ed8;word-break:break-all">${href}</a></p>`,
    );
  }
  htmlParts.push(...after.map(p));
  htmlParts.push(
    `<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0"><p style="margin:0;font-size:12px;color:#6b7280">${escapeHtml(footer)}</p>`,
  );
  const html = `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#111827;max-width:600px;margin:0 auto;padding:24px">\n${htmlParts.join('\n')}\n</body></html>\n`;
  return { subject, text, html };
}
