// Outgoing mail port. Adapters: SMTP (SMTP_URL) or .eml files in <data dir>/outbox.
export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  contentType: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  /** Resolves when the SMTP server accepted the message (or the file is written). */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  readonly kind: 'smtp' | 'outbox';
  close(): Promise<void>;
}
