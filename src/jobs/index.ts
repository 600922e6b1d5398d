// Every job kind the worker runs. One file per job kind.
import type { JobDefinition } from './definitions.js';
import { deliverMailJob } from './deliver-mail.js';
import { sweepTaskClocksJob } from './sweep-task-clocks.js';

export const jobs: JobDefinition[] = [deliverMailJob, sweepTaskClocksJob] as unknown as JobDefinition[];
