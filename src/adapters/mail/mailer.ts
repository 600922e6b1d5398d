// Mail adapters (nodemailer): SMTP when SMTP_URL is set, else each message is written as an
// .eml file in <REMPART_DATA_DIR>/outbox so a fresh install never loses a notification.
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Mailer, OutgoingMail } from '../../app/mail/ports.js';

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const url = new URL(smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // Plain loopback relays (and test servers) speak no TLS; STARTTLS is used when offered.
    ignoreTLS: url.searchParams.get('tls') === 'off',
    pool: true,
    maxConnections: 3,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    kind: 'smtp',
    async send(mail: OutgoingMail) {
      const info = await transport.sendMail({ from, ...mail });
      return { messageId: String(info.messageId) };
    },
    async close() {
      transport.close();
    },
  };
}

export function createOutboxMailer(dir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'outbox',
    async send(mail: OutgoingMail) {
      const info = await transport.sendMail({ from, ...mail });
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const name = `${stamp}-${randomUUID()}.eml`;
      const tmp = join(dir, `.${name}.tmp`);
      await writeFile(tmp, info.message as Buffer, { mode: 0o600 });
      await rename(tmp, join(dir, name));
      return { messageId: String(info.messageId) };
    },
    async close() {},
  };
}
