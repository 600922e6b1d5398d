// Every job kind the worker runs. One file per job kind.
import type { JobDefinition } from './definitions.js';
import { captureEvidenceJob, recoverCapturesJob } from './capture-evidence.js';
import { deliverMailJob } from './deliver-mail.js';
import { recheckDueLocationsJob, recheckLocationJob } from './recheck-locations.js';
import { runDueWatchesJob, runWatchJob } from './run-watches.js';
import { sweepTaskClocksJob } from './sweep-task-clocks.js';
import { takedownRemindersJob } from './takedown-reminders.js';

export const jobs: JobDefinition[] = [deliverMailJob, sweepTaskClocksJob, captureEvidenceJob, recoverCapturesJob, takedownRemindersJob, runDueWatchesJob, runWatchJob, recheckDueLocationsJob, recheckLocationJob] as unknown as JobDefinition[];
