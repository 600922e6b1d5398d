import { z } from 'zod';
import { sendTakedownReminders } from '../app/takedowns/send-takedown-reminders.js';
import { defineJob } from './definitions.js';

/** Removal requests left without an answer: reminders to their author and IT (docs/takedowns.md). */
export const takedownRemindersJob = defineJob({
  name: 'takedown-reminders',
  version: 1,
  payload: z.object({}),
  maxAttempts: 1,
  everyMs: 15 * 60_000,
  async handler(ctx) {
    await sendTakedownReminders(ctx);
  },
});
