// Jobs are declared as data (CONVENTIONS.md §10): name, payload schema, version, retries, and a
// handler that calls a use case. Periodic jobs state their interval and reschedule themselves
// under a fixed job key, so exactly one is pending across all processes.
import type { z } from 'zod';
import type { AppContext } from '../app/context.js';

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  version: number;
  payload: S;
  maxAttempts: number;
  /** For periodic jobs: run again this long after each run. */
  everyMs?: number;
  handler(ctx: AppContext, payload: z.infer<S>): Promise<void>;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}
