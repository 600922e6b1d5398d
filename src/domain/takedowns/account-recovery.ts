// Step 4.6.2 ("deactivate the affected account with the provider"): a checklist per provider of
// a compromised account. The order matters: the mailbox first (whoever holds it can reset every
// other password), then the provider's own recovery channel, then locking the intruder out,
// then the damage done in the person's name; deactivation when the account cannot be recovered.
export const recoverySteps = [
  'secure_email',
  'recovery_channel',
  'change_password',
  'enable_two_factor',
  'sign_out_sessions',
  'review_recent_activity',
  'warn_contacts',
  'deactivate_if_unrecoverable',
] as const;
export type RecoveryStep = (typeof recoverySteps)[number];

export interface RecoveryState {
  step: RecoveryStep;
  done: boolean;
}

/** A provider's checklist is complete when every step is done. */
export function checklistComplete(states: readonly RecoveryState[]): boolean {
  return recoverySteps.every((s) => states.some((x) => x.step === s && x.done));
}
