import type { z } from 'zod';
import type { caseSchema, taskSchema } from '../../contract/cases.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadCase } from './load-case.js';
import { presentCase, presentTasks } from './present.js';

export async function getCase(ctx: Pick<AppContext, 'db' | 'clock'>, input: { actor: Principal; caseId: string; locale: Locale }): Promise<z.infer<typeof caseSchema>> {
  const loaded = await loadCase(ctx.db, input.actor, input.caseId, ctx.clock.now(), 'case.view');
  return presentCase(ctx.db, loaded, input.locale);
}

export async function listTasks(ctx: Pick<AppContext, 'db' | 'clock'>, input: { actor: Principal; caseId: string; locale: Locale }): Promise<Array<z.infer<typeof taskSchema>>> {
  const loaded = await loadCase(ctx.db, input.actor, input.caseId, ctx.clock.now(), 'tasks.view');
  return presentTasks(ctx.db, loaded, input.locale);
}
