// The playbook a case runs on: the organisation's latest version at intake (the default one
// from seed/playbook/default.json is stored as version 1 the first time it is needed).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Tx, Queryable } from '../../adapters/db/database.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { latestPlaybook, playbookById } from '../../adapters/db/playbooks.js';
import { bodyDigest } from '../../domain/ledger/chain.js';
import { type CompiledStep, type PlaybookDefinition, validatePlaybook } from '../../domain/playbook/definition.js';

export const defaultPlaybookPath = fileURLToPath(new URL('../../../seed/playbook/default.json', import.meta.url));
let defaultPlaybookCache: PlaybookDefinition | undefined;

export function defaultPlaybook(): PlaybookDefinition {
  defaultPlaybookCache ??= JSON.parse(readFileSync(defaultPlaybookPath, 'utf8')) as PlaybookDefinition;
  return structuredClone(defaultPlaybookCache);
}

const compiledCache = new Map<string, CompiledStep[]>();

export function compile(id: string, definition: PlaybookDefinition): CompiledStep[] {
  const cached = compiledCache.get(id);
  if (cached) return cached;
  const result = validatePlaybook(definition);
  if (!result.ok) throw new Error(`stored playbook ${id} is invalid: ${result.problems.map((p) => p.code).join(', ')}`);
  compiledCache.set(id, result.steps);
  return result.steps;
}

export async function currentPlaybook(tx: Tx, organisationId: string, at: Date): Promise<{ id: string; version: number; definition: PlaybookDefinition }> {
  const latest = await latestPlaybook(tx, organisationId);
  if (latest) return { id: latest.id, version: latest.version, definition: latest.definition as unknown as PlaybookDefinition };
  // First use: store the default as version 1. Two first uses at once (two intakes, a page's
  // double fetch) must not collide: the loser of the insert reads the winner's row.
  const definition = defaultPlaybook();
  const inserted = await tx
    .insertInto('playbooks')
    .values({ organisation_id: organisationId, version: 1, definition: JSON.stringify(definition), created_by: null, created_at: at })
    .onConflict((oc) => oc.columns(['organisation_id', 'version']).doNothing())
    .returning(['id'])
    .executeTakeFirst();
  if (!inserted) {
    const winner = await latestPlaybook(tx, organisationId);
    if (!winner) throw new Error(`playbook of ${organisationId} vanished`);
    return { id: winner.id, version: winner.version, definition: winner.definition as unknown as PlaybookDefinition };
  }
  await appendLedger(tx, {
    action: 'playbook.saved',
    at,
    actorId: null,
    organisationId,
    subject: { type: 'playbook', id: inserted.id },
    data: { version: 1, digest: bodyDigest(definition), source: 'default' },
  });
  return { id: inserted.id, version: 1, definition };
}

export async function playbookOfCase(db: Queryable, playbookId: string): Promise<{ version: number; definition: PlaybookDefinition; steps: CompiledStep[] }> {
  const row = await playbookById(db, playbookId);
  if (!row) throw new Error(`playbook ${playbookId} missing`);
  const definition = row.definition as unknown as PlaybookDefinition;
  return { version: row.version, definition, steps: compile(row.id, definition) };
}
