// The case timeline over the API (src/http/routes/timeline.ts), typed from src/contract/timeline.ts.
import type { z } from 'zod';
import type { timelineEntrySchema, timelineResponse } from '../../../../src/contract/timeline';
import { api } from '../../api/client';

export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export type Timeline = z.infer<typeof timelineResponse>;

export const timelineApi = {
  get: (caseId: string) => api.get<Timeline>(`/api/v1/cases/${encodeURIComponent(caseId)}/timeline`),
};

export const timelineFilters = ['all', 'tasks', 'records', 'notifications', 'evidence'] as const;
export type TimelineFilter = (typeof timelineFilters)[number];

/** Reminders, escalations, mails and invitations: what told someone something. */
const notificationKinds = new Set(['task.reminded', 'task.escalated', 'record.invitation_sent', 'participant.added', 'case.role_joined']);

/** Which filters an entry belongs to (the Ledger action, or `record.occurred`). */
export function matches(entry: TimelineEntry, filter: TimelineFilter): boolean {
  const kind = entry.kind;
  switch (filter) {
    case 'all':
      return true;
    case 'tasks':
      return kind.startsWith('task.');
    case 'records':
      return kind.startsWith('record.');
    case 'notifications':
      return kind.startsWith('mail.') || kind.startsWith('notification.') || notificationKinds.has(kind);
    case 'evidence':
      return kind.startsWith('evidence.') || kind.startsWith('artefact.') || kind.startsWith('location.') || kind === 'case.exported';
  }
}

/** Ledger actions the server has no sentence for yet (it then answers "actor : action"), with dots as underscores. */
const fallbackKinds = new Set([
  'evidence_capture_requested',
  'evidence_capture_started',
  'evidence_capture_retrying',
  'evidence_capture_requeued',
  'evidence_capture_failed',
  'evidence_capture_retried',
  'evidence_sealed',
  'artefact_downloaded',
  'case_exported',
  'location_status_changed',
  'location_recheck_requested',
  'location_checked',
  'location_abuse_contact_looked_up',
]);

/** The catalogue key of our own sentence for an entry the server left untranslated, if any. */
export function fallbackKey(entry: TimelineEntry): string | undefined {
  const key = entry.kind.replaceAll('.', '_');
  return fallbackKinds.has(key) && entry.text.endsWith(entry.kind) ? key : undefined;
}

/** Downloads of evidence files (previews included) are many; shown on demand. */
export const isDownload = (entry: TimelineEntry) => entry.kind === 'artefact.downloaded';
