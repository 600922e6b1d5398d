// Server captures and locations (DESIGN.md §5): POST /cases/{id}/captures, POST
// /evidence/{id}/retry, POST /cases/{id}/locations. The capture URL is any string here: a
// non-http(s) scheme is a rule refusal (422 destination_blocked), not a schema error.
import { z } from 'zod';
import { locationSchema, webUrl } from './cases.js';

export const captureBody = z.strictObject({ url: z.string().trim().min(1).max(2048) });
export const captureResponse = z.object({ evidenceId: z.uuid() }).meta({ id: 'CaptureQueued' });

export const addLocationBody = z.strictObject({
  url: webUrl,
  authorHandle: z.string().trim().min(1).max(200).optional(),
});
export const addLocationResponse = z.object({ location: locationSchema, evidenceId: z.uuid().nullable() }).meta({ id: 'LocationAdded' });
