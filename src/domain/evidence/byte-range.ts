// HTTP byte ranges for artefact downloads (RFC 9110 §14): a large video or archive can be
// resumed on a phone connection instead of starting over. One range only; anything else the
// RFC lets a server ignore (several ranges, another unit, a malformed header) gets the whole
// file. `If-Range` with another validator than the artefact's (its SHA-256, as the ETag) also
// gets the whole file. An unsatisfiable range is 416 with the size.

export type RangeDecision = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

export function decideRange(input: { range: string | undefined; ifRange: string | undefined; etag: string; size: number }): RangeDecision {
  const { range, size } = input;
  if (!range) return { kind: 'full' };
  // A condition on another representation: send it all (RFC 9110 §13.1.5).
  if (input.ifRange !== undefined && input.ifRange.trim() !== input.etag) return { kind: 'full' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(range);
  if (!match) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    // The last N bytes.
    const n = Number(last);
    if (!Number.isSafeInteger(n)) return { kind: 'full' };
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.MAX_SAFE_INTEGER : Number(last);
  // A last byte before the first is not a range at all (ignored); a first byte past the end is.
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}
