// When a help organisation applies to a case (providers.json "Key findings"): police for threats,
// criminal harassment and intimate images; victim support (CAVAC) for crimes; Cybertip.ca,
// NeedHelpNow, the Canadian Centre for Child Protection and Take It Down when minors (students)
// are involved in intimate images; StopNCII for intimate images; the privacy commissioners (CAI,
// OPC) for personal information; the anti-fraud centre for impersonation; CNESST for any
// psychological harassment at work. An organisation without a rule (added locally) always applies.
import type { Ground } from './directory.js';

export const helpConditions = [
  'always',
  'threats_or_crime',
  'intimate_images',
  'minors_intimate_images',
  'privacy',
  'impersonation',
] as const;
export type HelpCondition = (typeof helpConditions)[number];

const rules: Record<string, readonly HelpCondition[]> = {
  sq: ['threats_or_crime', 'intimate_images'],
  spvm: ['threats_or_crime', 'intimate_images'],
  cavac: ['threats_or_crime', 'intimate_images'],
  cybertip: ['minors_intimate_images'],
  needhelpnow: ['minors_intimate_images'],
  c3p: ['minors_intimate_images'],
  take_it_down: ['minors_intimate_images'],
  stopncii: ['intimate_images'],
  cai: ['privacy'],
  opc: ['privacy'],
  cafc: ['impersonation'],
  cnesst: ['always'],
};

/** The conditions under which an organisation applies (any one of them). */
export function helpConditionsOf(id: string): readonly HelpCondition[] {
  return rules[id] ?? ['always'];
}

export interface HelpFacts {
  /** Case flags (flags.studentInvolved: minors are involved). */
  illegalOrSerious: boolean;
  studentInvolved: boolean;
  /** Grounds of the case's removal requests, and any the reader asks about. */
  grounds: ReadonlySet<Ground>;
}

export function conditionHolds(condition: HelpCondition, facts: HelpFacts): boolean {
  switch (condition) {
    case 'always':
      return true;
    case 'threats_or_crime':
      return facts.illegalOrSerious;
    case 'intimate_images':
      return facts.grounds.has('intimate_images');
    case 'minors_intimate_images':
      return facts.studentInvolved && facts.grounds.has('intimate_images');
    case 'privacy':
      return facts.grounds.has('privacy');
    case 'impersonation':
      return facts.grounds.has('impersonation');
  }
}

/** The conditions that make `id` apply to the case (empty: it does not apply). */
export function helpReasons(id: string, facts: HelpFacts): HelpCondition[] {
  return helpConditionsOf(id).filter((c) => conditionHolds(c, facts));
}
