// The playbook as the editor holds it: each step's due rule and condition broken into form
// fields, and back to the definition the API validates (src/domain/playbook: due rules
// "<N>h" / "<N>bd" / weekly / at_intake / none; conditions of facts with and / or / not).
// The API remains the judge: whatever the form builds is sent, and its problems come back by
// path (steps.3.due) to be shown next to the field.
import type { z } from 'zod';
import type {
  playbookDefinitionSchema,
  playbookResponse,
  previewPlaybookBody,
  previewPlaybookResponse,
} from '../../../../src/contract/playbook';

export type PlaybookDefinition = z.infer<typeof playbookDefinitionSchema>;
export type PlaybookStep = PlaybookDefinition['steps'][number];
export type PlaybookData = z.infer<typeof playbookResponse>;
export type Vocabulary = PlaybookData['vocabulary'];
export type PreviewFacts = NonNullable<z.input<typeof previewPlaybookBody>['facts']>;
export type PreviewResult = z.infer<typeof previewPlaybookResponse>;
export type CaseFlag = NonNullable<PreviewFacts['flags']>[number];
export type ConsentPurpose = NonNullable<PreviewFacts['consents']>[number];

export const caseFlags: readonly CaseFlag[] = [
  'illegalOrSerious',
  'studentInvolved',
  'staffInvolved',
  'publicExposure',
  'accountCompromised',
];
export const consentPurposes: readonly ConsentPurpose[] = ['union_notice', 'takedown', 'police_dossier_share'];

let counter = 0;
export const newUid = () => `s${++counter}`;

// ---- Due rule -------------------------------------------------------------------------------

export type DueKind = 'delay' | 'weekly' | 'at_intake' | 'none';
export interface DueForm {
  kind: DueKind;
  amount: string;
  unit: 'h' | 'bd';
}

export function parseDue(text: string): DueForm {
  const t = text.trim();
  if (t === 'weekly' || t === 'at_intake' || t === 'none') return { kind: t, amount: '1', unit: 'bd' };
  const m = /^(.*?)(h|bd)$/.exec(t);
  if (m) return { kind: 'delay', amount: m[1] ?? '', unit: m[2] as 'h' | 'bd' };
  return { kind: 'delay', amount: t, unit: 'h' };
}

export function dueText(due: DueForm): string {
  return due.kind === 'delay' ? `${due.amount.trim()}${due.unit}` : due.kind;
}

// ---- Condition ------------------------------------------------------------------------------

export interface Term {
  uid: string;
  not: boolean;
  fact: string;
}

export interface ConditionForm {
  mode: 'builder' | 'advanced';
  join: 'and' | 'or';
  /** No term = "always". */
  terms: Term[];
  text: string;
}

/**
 * A condition the builder can show: facts (each possibly negated) joined by one operator, no
 * parentheses; "always" alone is the empty list. Anything else stays in the advanced field.
 */
export function parseFlatCondition(text: string): { join: 'and' | 'or'; terms: Term[] } | undefined {
  const tokens = text.match(/\(|\)|[A-Za-z_][\w.]*|\S/g) ?? [];
  if (tokens.length === 0) return undefined;
  if (tokens.length === 1 && tokens[0] === 'always') return { join: 'and', terms: [] };
  const terms: Term[] = [];
  let join: 'and' | 'or' | undefined;
  let i = 0;
  for (;;) {
    let not = false;
    if (tokens[i] === 'not') {
      not = true;
      i += 1;
    }
    const fact = tokens[i];
    if (!fact || !/^[A-Za-z_][\w.]*$/.test(fact) || ['and', 'or', 'not', 'always'].includes(fact)) return undefined;
    terms.push({ uid: newUid(), not, fact });
    i += 1;
    if (i === tokens.length) break;
    const op = tokens[i];
    if (op !== 'and' && op !== 'or') return undefined;
    if (join && join !== op) return undefined;
    join = op;
    i += 1;
  }
  return { join: join ?? 'and', terms };
}

export function builderText(join: 'and' | 'or', terms: Term[]): string {
  if (terms.length === 0) return 'always';
  return terms.map((t) => `${t.not ? 'not ' : ''}${t.fact}`).join(` ${join} `);
}

export function conditionForm(text: string): ConditionForm {
  const flat = parseFlatCondition(text);
  return flat ? { mode: 'builder', ...flat, text } : { mode: 'advanced', join: 'and', terms: [], text };
}

export function conditionText(c: ConditionForm): string {
  return c.mode === 'advanced' ? c.text.trim() : builderText(c.join, c.terms);
}

// ---- Steps ----------------------------------------------------------------------------------

export interface StepForm {
  uid: string;
  key: string;
  role: string;
  titleFr: string;
  titleEn: string;
  guidanceFr: string;
  guidanceEn: string;
  due: DueForm;
  condition: ConditionForm;
  completion: string;
  escalation: { uid: string; target: string }[];
  dependsOn: string[];
  perLocation: boolean;
  optional: boolean;
}

export interface PlaybookForm {
  nameFr: string;
  nameEn: string;
  source: string;
  steps: StepForm[];
}

export function stepForm(step: PlaybookStep): StepForm {
  return {
    uid: newUid(),
    key: step.key,
    role: step.role,
    titleFr: step.title['fr-CA'],
    titleEn: step.title.en,
    guidanceFr: step.guidance['fr-CA'],
    guidanceEn: step.guidance.en,
    due: parseDue(step.due),
    condition: conditionForm(step.appliesWhen),
    completion: step.completion,
    escalation: step.escalation.map((target) => ({ uid: newUid(), target })),
    dependsOn: step.dependsOn ?? [],
    perLocation: step.perLocation ?? false,
    optional: step.optional ?? false,
  };
}

export function playbookForm(definition: PlaybookDefinition): PlaybookForm {
  return {
    nameFr: definition.name['fr-CA'],
    nameEn: definition.name.en,
    source: definition.source ?? '',
    steps: definition.steps.map(stepForm),
  };
}

export function toDefinition(form: PlaybookForm): PlaybookDefinition {
  return {
    format: 1,
    name: { 'fr-CA': form.nameFr.trim(), en: form.nameEn.trim() },
    ...(form.source.trim() ? { source: form.source.trim() } : {}),
    steps: form.steps.map((s) => ({
      key: s.key.trim(),
      role: s.role,
      title: { 'fr-CA': s.titleFr.trim(), en: s.titleEn.trim() },
      guidance: { 'fr-CA': s.guidanceFr.trim(), en: s.guidanceEn.trim() },
      due: dueText(s.due),
      appliesWhen: conditionText(s.condition),
      completion: s.completion,
      escalation: s.escalation.map((e) => e.target),
      ...(s.dependsOn.length > 0 ? { dependsOn: s.dependsOn } : {}),
      ...(s.perLocation ? { perLocation: true } : {}),
      ...(s.optional ? { optional: true } : {}),
    })),
  };
}

/** The next key after the last step's (4.6.2 → 4.6.3), for a new step. */
export function nextKey(steps: StepForm[]): string {
  const keys = new Set(steps.map((s) => s.key));
  const last = steps.at(-1)?.key ?? '0';
  const parts = /^\d+(\.\d+)*$/.test(last) ? last.split('.').map(Number) : [0];
  for (let n = 1; n < 1000; n += 1) {
    const candidate = [...parts.slice(0, -1), (parts.at(-1) ?? 0) + n].join('.');
    if (!keys.has(candidate)) return candidate;
  }
  return '';
}

export function blankStep(steps: StepForm[]): StepForm {
  return {
    uid: newUid(),
    key: nextKey(steps),
    role: 'staff',
    titleFr: '',
    titleEn: '',
    guidanceFr: '',
    guidanceEn: '',
    due: { kind: 'delay', amount: '1', unit: 'bd' },
    condition: { mode: 'builder', join: 'and', terms: [], text: 'always' },
    completion: 'manual',
    escalation: [{ uid: newUid(), target: 'assignee' }],
    dependsOn: [],
    perLocation: false,
    optional: false,
  };
}

// ---- Problems -------------------------------------------------------------------------------

export interface Problem {
  /** The step the problem is about (by its editor id, so reordering does not misplace it). */
  stepUid?: string | undefined;
  /** The step's key when the problem was found, for the summary. */
  stepKey?: string | undefined;
  /** The field inside the step (due, title.fr-CA, escalation.1…) or of the playbook (name.en, steps). */
  field: string;
  message: string;
}

/** API problems and field errors (`steps.3.due`, `definition.steps.3.title.fr-CA`) tied to the steps. */
export function mapProblems(problems: { path: string; message: string }[], steps: StepForm[]): Problem[] {
  return problems.map((p) => {
    const path = p.path.replace(/^definition\./, '');
    const m = /^steps\.(\d+)(?:\.(.+))?$/.exec(path);
    if (m) {
      const step = steps[Number(m[1])];
      if (step) return { stepUid: step.uid, stepKey: step.key, field: m[2] ?? '', message: p.message };
    }
    return { field: path, message: p.message };
  });
}

/** The messages of a step's field (and of its sub-fields: escalation.1 under escalation). */
export function messagesFor(problems: Problem[], stepUid: string, field: string): string | undefined {
  const found = problems.filter((p) => p.stepUid === stepUid && (p.field === field || p.field.startsWith(`${field}.`)));
  return found.length > 0 ? found.map((p) => p.message).join(' ') : undefined;
}

/** The id of the input a problem points to (the page focuses it from the summary). */
export function fieldId(stepUid: string | undefined, field: string, steps: StepForm[]): string {
  if (!stepUid) {
    if (field === 'name.en') return 'playbook-name-en';
    if (field.startsWith('name')) return 'playbook-name-fr';
    if (field === 'source') return 'playbook-source';
    return 'playbook-steps-title';
  }
  const base = `step-${stepUid}`;
  const step = steps.find((s) => s.uid === stepUid);
  const [head, sub] = field.split('.');
  switch (head) {
    case 'key':
    case 'role':
    case 'completion':
      return `${base}-${head}`;
    case 'title':
    case 'guidance':
      return `${base}-${head}-${sub === 'en' ? 'en' : 'fr'}`;
    case 'due':
      return step?.due.kind === 'delay' ? `${base}-due-amount` : `${base}-due-kind`;
    case 'appliesWhen':
      return step?.condition.mode === 'advanced' ? `${base}-condition-text` : `${base}-condition`;
    case 'escalation':
      return sub !== undefined && step?.escalation[Number(sub)] ? `${base}-escalation-${sub}` : `${base}-escalation`;
    case 'dependsOn':
      return `${base}-depends`;
    case 'perLocation':
      return `${base}-per-location`;
    case 'optional':
      return `${base}-optional`;
    default:
      return `${base}-toggle`;
  }
}
