import { describe, expect, it } from 'vitest';
import type { CaseAccess } from '../cases/access.js';
import { canApproveDraft, canEditRecord, canWriteRecord, eventTimeOf, RECORD_TYPES, seesRecord } from './rules.js';

const affected: CaseAccess = { kind: 'affected', roles: ['staff'] };
const supervisor: CaseAccess = { kind: 'participant', roles: ['supervisor'] };
const union: CaseAccess = { kind: 'participant', roles: ['union'] };
const unionAndHr: CaseAccess = { kind: 'participant', roles: ['union', 'hr'] };
const dg: CaseAccess = { kind: 'participant', roles: ['general_direction'] };
const grant: CaseAccess = { kind: 'grant', roles: [] };

describe('record rules', () => {
  it('lets participants write every type, the union notes only, the affected person notes and police reports, a grant nothing', () => {
    for (const type of RECORD_TYPES) expect(canWriteRecord(supervisor, type)).toBe(true);
    expect(RECORD_TYPES.filter((t) => canWriteRecord(union, t))).toEqual(['note']);
    expect(RECORD_TYPES.filter((t) => canWriteRecord(affected, t)).sort()).toEqual(['note', 'police_report']);
    expect(RECORD_TYPES.filter((t) => canWriteRecord(grant, t))).toEqual([]);
    expect(canWriteRecord(unionAndHr, 'meeting')).toBe(true);
    expect(canWriteRecord(supervisor, 'diary')).toBe(false);
  });

  it('shows a private note to its author alone', () => {
    const note = { type: 'note', private: true, authorUserId: 'author' };
    expect(seesRecord(supervisor, 'author', note)).toBe(true);
    for (const access of [affected, supervisor, dg, union, grant]) expect(seesRecord(access, 'someone-else', note)).toBe(false);
  });

  it('hides legal consultations and communication drafts from a union-only participant', () => {
    for (const type of ['legal_consultation', 'communication_draft']) {
      expect(seesRecord(union, 'u', { type, private: false, authorUserId: 'x' })).toBe(false);
      expect(seesRecord(unionAndHr, 'u', { type, private: false, authorUserId: 'x' })).toBe(true);
      expect(seesRecord(affected, 'u', { type, private: false, authorUserId: 'x' })).toBe(true);
    }
    expect(seesRecord(union, 'u', { type: 'meeting', private: false, authorUserId: 'x' })).toBe(true);
  });

  it('lets only the author correct a note; other types by anyone who may write them', () => {
    expect(canEditRecord(supervisor, 'other', { type: 'note', private: false, authorUserId: 'author' })).toBe(false);
    expect(canEditRecord(supervisor, 'author', { type: 'note', private: false, authorUserId: 'author' })).toBe(true);
    expect(canEditRecord(supervisor, 'other', { type: 'meeting', private: false, authorUserId: 'author' })).toBe(true);
    expect(canEditRecord(affected, 'other', { type: 'meeting', private: false, authorUserId: 'author' })).toBe(false);
  });

  it('lets general direction alone approve drafts', () => {
    expect(canApproveDraft(dg)).toBe(true);
    for (const access of [affected, supervisor, union, grant]) expect(canApproveDraft(access)).toBe(false);
  });

  it('dates meetings, contacts, consultations and police reports', () => {
    expect(eventTimeOf('meeting', { occurredAt: '2026-03-04T14:00:00.000Z' })).toBe('2026-03-04T14:00:00.000Z');
    expect(eventTimeOf('police_report', { reportedAt: '2026-03-04' })).toBe('2026-03-04');
    expect(eventTimeOf('note', { text: 'x' })).toBeUndefined();
  });
});
