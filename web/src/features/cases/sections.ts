// The sections of the case page, in order. Each is a component reading the case from
// useCase() (case-context.tsx) and rendering one <Section id=…>; the page builds its table of
// contents from this list. Records, timeline, access log and evidence panels are added here.
import type { ComponentType } from 'react';
import { AccessLogSection } from '../case-people/access-log-section';
import { mayReadAccessLog } from '../case-people/api';
import { PeopleSection } from '../case-people/people-section';
import { EvidenceSection } from '../evidence/evidence-section';
import { RecordsSection } from '../records/records-section';
import { TimelineSection } from '../timeline/timeline-section';
import { mayActOnTakedowns, mayReadTakedowns } from '../takedowns/api';
import { HelpSection } from '../takedowns/help-section';
import { RecoverySection } from '../takedowns/recovery-section';
import { TakedownsSection } from '../takedowns/takedowns-section';
import { WatchesSection } from '../watches/watches-section';
import type { CaseDetail } from './api';
import { FactsSection } from './facts-section';
import { FlagsSection } from './flags-section';
import { LocationsSection } from './locations-section';
import { TasksSection } from './tasks-section';

export interface CaseSectionDef {
  /** The section's anchor (French word), also its <Section id>. */
  id: string;
  /** Catalogue id of its title, for the table of contents. */
  labelId: string;
  Component: ComponentType;
  /** Shown only when this holds (default: always). */
  visible?(detail: CaseDetail): boolean;
}

export const caseSections: readonly CaseSectionDef[] = [
  { id: 'faits', labelId: 'cases.facts.title', Component: FactsSection },
  { id: 'situation', labelId: 'cases.flags.title', Component: FlagsSection },
  { id: 'etapes', labelId: 'cases.tasks.title', Component: TasksSection },
  { id: 'liens', labelId: 'cases.locations.title', Component: LocationsSection },
  // Evidence next to the links it preserves (step 4.1.1, docs/ui-case-panels.md).
  { id: 'preuves', labelId: 'evidence.title', Component: EvidenceSection },
  // Takedowns (docs/ui-takedowns.md): per-location removal panel, watches and triage, account
  // recovery (when an account was compromised), help organisations.
  { id: 'retraits', labelId: 'takedowns.section.title', Component: TakedownsSection, visible: (d) => mayReadTakedowns(d.viewer) },
  { id: 'veille', labelId: 'watches.section.title', Component: WatchesSection, visible: (d) => mayActOnTakedowns(d.viewer) },
  {
    id: 'recuperation',
    labelId: 'takedowns.recovery.title',
    Component: RecoverySection,
    visible: (d) => d.flags.accountCompromised && mayReadTakedowns(d.viewer),
  },
  { id: 'aide', labelId: 'takedowns.help.title', Component: HelpSection },
  // Case panels (docs/ui-case-panels.md): records, timeline, people, access log.
  { id: 'consignations', labelId: 'records.title', Component: RecordsSection },
  { id: 'chronologie', labelId: 'timeline.title', Component: TimelineSection },
  { id: 'participants', labelId: 'people.title', Component: PeopleSection },
  { id: 'consultations', labelId: 'people.log.title', Component: AccessLogSection, visible: (d) => mayReadAccessLog(d.viewer) },
];
