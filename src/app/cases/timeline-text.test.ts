import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locales } from '../../locales/index.js';
import { notificationText } from '../notifications/list-notifications.js';
import { describeLedgerEntry, describeRecordEvent } from './timeline-text.js';

function catalogue(locale: string, file: string): Record<string, string> {
  return JSON.parse(readFileSync(new URL(`../../locales/${locale}/${file}`, import.meta.url), 'utf8')) as Record<string, string>;
}

const base = { actorName: 'Julie Tremblay', userName: 'Marc Roy', recipients: [], timeZone: 'America/Toronto' };

describe('timeline and notification catalogues', () => {
  it('have the same keys in fr-CA and en', () => {
    for (const file of ['timeline.json', 'notifications.json', 'records.json', 'participants.json']) {
      expect(Object.keys(catalogue('en', file)).sort(), file).toEqual(Object.keys(catalogue('fr-CA', file)).sort());
    }
  });

  it('render every timeline sentence without a missing parameter, in both languages', () => {
    for (const locale of locales) {
      for (const key of Object.keys(catalogue(locale, 'timeline.json'))) {
        const action = key.replace(/^timeline\./, '');
        if (/^(role|status|purpose|record_type|flag|flag_state|means|actor|record_event)\./.test(action)) continue;
        const text = describeLedgerEntry(locale, {
          ...base,
          action,
          data: { stepKey: '4.2.1', role: 'legal', type: 'meeting', version: 2, level: 1, target: 'general_direction' },
        });
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]|timeline\./);
      }
      for (const type of ['meeting', 'parent_contact', 'police_report', 'legal_consultation']) {
        expect(describeRecordEvent(locale, type, { attendees: ['a'], means: 'phone', service: 'SPVM', counsel: 'Me X' })).not.toMatch(
          /[{}]|timeline\./,
        );
      }
    }
  });

  it('uses translated roles, statuses and purposes', () => {
    expect(describeLedgerEntry('fr-CA', { ...base, action: 'case.status_changed', data: { from: 'reported', to: 'acknowledged' } })).toBe(
      'Julie Tremblay a fait passer le dossier de « signalé » à « pris en charge »',
    );
    expect(describeLedgerEntry('en', { ...base, action: 'participant.added', data: { role: 'legal', reason: 'manual' } })).toBe(
      'Julie Tremblay added Marc Roy to the case (counsel)',
    );
    expect(
      describeLedgerEntry('fr-CA', {
        ...base,
        action: 'case.flags_changed',
        data: { changed: ['illegalOrSerious', 'studentInvolved'], set: ['studentInvolved'] },
      }),
    ).toBe('Julie Tremblay a modifié les indicateurs : illégal ou grave : non et élève impliqué : oui');
    expect(describeLedgerEntry('en', { ...base, actorName: null, action: 'task.done', data: { stepKey: '4.1.2', by: 'system' } })).toBe(
      'Step 4.1.2 was done automatically',
    );
    expect(describeLedgerEntry('fr-CA', { ...base, action: 'access_grant.issued', data: { expiresAt: '2026-03-10T21:00:00.000Z' } })).toBe(
      "Julie Tremblay a donné à Marc Roy un accès temporaire au dossier jusqu'au 10 mars 2026 à 17 h 00",
    );
    expect(describeLedgerEntry('en', { ...base, action: 'something.new', data: {} })).toBe('Julie Tremblay: something.new');
  });

  it('renders every notification kind in both languages', () => {
    for (const locale of locales) {
      for (const kind of [
        'case_reported',
        'direction_notified',
        'union_notice',
        'task_reminder',
        'task_overdue',
        'task_unassigned',
        'participant_added',
        'invitation',
        'meeting_invitation',
        'unknown',
      ]) {
        const text = notificationText(
          locale,
          kind,
          { reference: 'RMP-2026-0001', stepKey: '4.2.1', date: '2026-03-05', time: '14:30' },
          'RMP-2026-0001',
          null,
        );
        expect(text, `${locale} ${kind}`).not.toMatch(/[{}]|notification\./);
      }
    }
    expect(notificationText('fr-CA', 'participant_added', { reference: 'RMP-2026-0001', via: 'grant' }, null, null)).toBe(
      'Vous avez un accès temporaire au dossier RMP-2026-0001.',
    );
  });
});
