// PostgreSQL errors that use cases turn into contract codes (a unique index raced by another
// request is a 409, not a 500).

/** The violated constraint or unique index name, when `error` is a unique violation (23505). */
export function uniqueViolation(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; constraint?: unknown };
  if (e.code !== '23505') return undefined;
  return typeof e.constraint === 'string' ? e.constraint : '';
}
