// The applicability-condition grammar of playbook steps (documented in docs/playbook.md):
//   expr   := or
//   or     := and ("or" and)*
//   and    := unary ("and" unary)*
//   unary  := "not" unary | "(" expr ")" | fact
//   fact   := "always" | "flags.<flag>" | "instigator.known" | "instigator.student"
//           | "consent.<purpose>"
// Facts come from the case; evaluation is pure.

export const caseFlags = ['illegalOrSerious', 'studentInvolved', 'staffInvolved', 'publicExposure', 'accountCompromised'] as const;
export type CaseFlag = (typeof caseFlags)[number];
export const consentPurposes = ['union_notice', 'takedown', 'police_dossier_share'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export const knownFacts: readonly string[] = [
  'always',
  ...caseFlags.map((f) => `flags.${f}`),
  'instigator.known',
  'instigator.student',
  ...consentPurposes.map((p) => `consent.${p}`),
];

export type Condition =
  | { kind: 'fact'; fact: string }
  | { kind: 'not'; operand: Condition }
  | { kind: 'and' | 'or'; operands: Condition[] };

export interface CaseFacts {
  flags: Record<CaseFlag, boolean>;
  instigatorKnown: boolean;
  studentInstigator: boolean;
  consents: Record<ConsentPurpose, boolean>;
}

export class ConditionSyntaxError extends Error {
  constructor(
    readonly reason: 'unexpected_end' | 'unexpected_token' | 'unknown_fact' | 'empty',
    readonly token?: string,
  ) {
    super(`${reason}${token ? `: ${token}` : ''}`);
  }
}

function tokenize(text: string): string[] {
  return text.match(/\(|\)|[A-Za-z_][\w.]*|\S/g) ?? [];
}

export function parseCondition(text: string): Condition {
  const tokens = tokenize(text.trim());
  if (tokens.length === 0) throw new ConditionSyntaxError('empty');
  let pos = 0;
  const peek = () => tokens[pos];
  const take = () => {
    const t = tokens[pos];
    if (t === undefined) throw new ConditionSyntaxError('unexpected_end');
    pos += 1;
    return t;
  };
  const parseOr = (): Condition => {
    const operands = [parseAnd()];
    while (peek() === 'or') {
      take();
      operands.push(parseAnd());
    }
    return operands.length === 1 ? (operands[0] as Condition) : { kind: 'or', operands };
  };
  const parseAnd = (): Condition => {
    const operands = [parseUnary()];
    while (peek() === 'and') {
      take();
      operands.push(parseUnary());
    }
    return operands.length === 1 ? (operands[0] as Condition) : { kind: 'and', operands };
  };
  const parseUnary = (): Condition => {
    const t = take();
    if (t === 'not') return { kind: 'not', operand: parseUnary() };
    if (t === '(') {
      const inner = parseOr();
      if (take() !== ')') throw new ConditionSyntaxError('unexpected_token', tokens[pos - 1]);
      return inner;
    }
    if (t === ')' || t === 'and' || t === 'or') throw new ConditionSyntaxError('unexpected_token', t);
    if (!knownFacts.includes(t)) throw new ConditionSyntaxError('unknown_fact', t);
    return { kind: 'fact', fact: t };
  };
  const result = parseOr();
  if (pos !== tokens.length) throw new ConditionSyntaxError('unexpected_token', tokens[pos]);
  return result;
}

function factValue(fact: string, facts: CaseFacts): boolean {
  if (fact === 'always') return true;
  if (fact === 'instigator.known') return facts.instigatorKnown;
  if (fact === 'instigator.student') return facts.studentInstigator;
  const [scope, name] = fact.split('.') as [string, string];
  if (scope === 'flags') return facts.flags[name as CaseFlag] ?? false;
  if (scope === 'consent') return facts.consents[name as ConsentPurpose] ?? false;
  return false;
}

export function evaluateCondition(condition: Condition, facts: CaseFacts): boolean {
  switch (condition.kind) {
    case 'fact':
      return factValue(condition.fact, facts);
    case 'not':
      return !evaluateCondition(condition.operand, facts);
    case 'and':
      return condition.operands.every((c) => evaluateCondition(c, facts));
    case 'or':
      return condition.operands.some((c) => evaluateCondition(c, facts));
  }
}

/** The facts a condition reads, for explaining why a task stopped applying. */
export function factsOf(condition: Condition): string[] {
  switch (condition.kind) {
    case 'fact':
      return [condition.fact];
    case 'not':
      return factsOf(condition.operand);
    default:
      return [...new Set(condition.operands.flatMap(factsOf))];
  }
}

export function emptyFacts(): CaseFacts {
  return {
    flags: { illegalOrSerious: false, studentInvolved: false, staffInvolved: false, publicExposure: false, accountCompromised: false },
    instigatorKnown: false,
    studentInstigator: false,
    consents: { union_notice: false, takedown: false, police_dossier_share: false },
  };
}
