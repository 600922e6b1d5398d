import { describe, expect, it } from 'vitest';
import { checkTransition, nextReminderAt, nextTakedownStatuses, type TransitionFacts } from './status.js';

const base: TransitionFacts = {
  from: 'draft',
  to: 'submitted',
  consentActive: true,
  locationsWithoutEvidence: [],
  overrideReason: undefined,
  allRecheckedRemoved: false,
  confirmationNote: undefined,
};

describe('removal request status machine', () => {
  it('allows draft → submitted → acknowledged → removed | refused | no_response', () => {
    expect(nextTakedownStatuses('draft')).toEqual(['submitted']);
    expect(nextTakedownStatuses('submitted')).toEqual(['acknowledged', 'removed', 'refused', 'no_response']);
    expect(nextTakedownStatuses('acknowledged')).toEqual(['removed', 'refused', 'no_response']);
    expect(nextTakedownStatuses('removed')).toEqual([]);
  });

  it('refuses a jump from draft to removed, and going back', () => {
    expect(checkTransition({ ...base, to: 'removed', confirmationNote: 'vu' })).toMatchObject({ ok: false, code: 'invalid_transition' });
    expect(checkTransition({ ...base, from: 'acknowledged', to: 'submitted' })).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('needs the consent to submit, then sealed evidence or a reason', () => {
    expect(checkTransition({ ...base, consentActive: false })).toMatchObject({ ok: false, code: 'consent_required' });
    expect(checkTransition({ ...base, locationsWithoutEvidence: ['l1'] })).toMatchObject({ ok: false, code: 'evidence_required' });
    expect(checkTransition({ ...base, locationsWithoutEvidence: ['l1'], overrideReason: 'urgence' })).toEqual({
      ok: true,
      removalBasis: null,
      overridden: true,
    });
  });

  it('closes as removed only after a re-check or a confirmation', () => {
    const f = { ...base, from: 'submitted' as const, to: 'removed' as const };
    expect(checkTransition(f)).toMatchObject({ ok: false, code: 'invalid_transition', messageKey: 'takedown.error.removal_unconfirmed' });
    expect(checkTransition({ ...f, allRecheckedRemoved: true })).toMatchObject({ ok: true, removalBasis: 'recheck' });
    expect(checkTransition({ ...f, confirmationNote: 'Vérifié à 14 h' })).toMatchObject({ ok: true, removalBasis: 'confirmation' });
  });

  it('reminds N days after the last activity, never for closed requests', () => {
    const at = new Date('2026-03-03T15:00:00Z');
    expect(nextReminderAt('submitted', at, 7)?.toISOString()).toBe('2026-03-10T15:00:00.000Z');
    expect(nextReminderAt('refused', at, 7)).toBeNull();
  });
});
