// Words for the playbook's vocabulary (roles, facts, completions, escalation targets, due rules).
// A value the catalogue does not know (a newer server) is shown as it is, never as a raw id.
import type { IntlShape } from 'react-intl';
import type { DueForm } from './model';

function known(intl: IntlShape, id: string): boolean {
  return Object.hasOwn(intl.messages, id);
}

export function roleLabel(intl: IntlShape, role: string): string {
  if (role === 'any') return intl.formatMessage({ id: 'playbook.role.any' });
  const id = `role.${role}`;
  return known(intl, id) ? intl.formatMessage({ id }) : role;
}

export function factLabel(intl: IntlShape, fact: string): string {
  const id = `playbook.fact.${fact}`;
  return known(intl, id) ? intl.formatMessage({ id }) : fact;
}

export function completionLabel(intl: IntlShape, completion: string): string {
  const id = `playbook.completion.${completion}`;
  return known(intl, id) ? intl.formatMessage({ id }) : completion;
}

export function escalationLabel(intl: IntlShape, target: string): string {
  const id = `playbook.escalation.${target}`;
  return known(intl, id) ? intl.formatMessage({ id }) : target;
}

export function dueLabel(intl: IntlShape, due: DueForm): string {
  if (due.kind !== 'delay') return intl.formatMessage({ id: `playbook.due.summary.${due.kind}` });
  const amount = Number(due.amount);
  if (!Number.isFinite(amount) || due.amount.trim() === '') return `${due.amount}${due.unit}`;
  return intl.formatMessage(
    { id: due.unit === 'h' ? 'playbook.due.summary.hours' : 'playbook.due.summary.businessDays' },
    { count: amount },
  );
}
