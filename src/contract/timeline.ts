// The case timeline: Ledger entries of the case, dated records and task reminders, merged in
// time order, each as a sentence in the reader's language.
import { z } from 'zod';

export const timelineEntrySchema = z
  .object({
    at: z.string(),
    /** The Ledger action (`case.opened`, `task.done`, …) or `record.occurred` for a dated record. */
    kind: z.string(),
    actor: z.object({ id: z.uuid(), name: z.string() }).optional(),
    text: z.string(),
    taskId: z.uuid().optional(),
    recordId: z.uuid().optional(),
    recordType: z.string().optional(),
    stepKey: z.string().optional(),
    /** The Ledger sequence number, for entries that come from the Ledger. */
    seq: z.number().optional(),
  })
  .meta({ id: 'TimelineEntry' });

export const timelineResponse = z.object({
  items: z.array(timelineEntrySchema),
  /** True when the case has more Ledger entries than one answer holds (the oldest are left out). */
  truncated: z.boolean(),
});
