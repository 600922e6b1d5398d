// Extracted metadata (EXIF, e-mail headers) goes into the manifest, which is canonical JSON
// stored as PostgreSQL jsonb: only finite numbers, well-formed strings without NUL (jsonb
// refuses \u0000 and lone surrogates), bounded sizes. Bytes are dropped; dates become ISO text.
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const MAX_STRING = 16_384;
const MAX_ITEMS = 2_000;
const MAX_DEPTH = 8;

export function cleanString(value: string, max = MAX_STRING): string {
  const cleaned = value
    .replaceAll(String.fromCharCode(0), '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return cleaned.length > max ? `${cleaned.slice(0, max)}…` : cleaned;
}

export function jsonSafe(value: unknown, depth = 0): JsonValue | undefined {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
      return cleanString(value);
    case 'number':
      return Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (depth >= MAX_DEPTH) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return undefined;
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (const item of value.slice(0, MAX_ITEMS)) {
      const v = jsonSafe(item, depth + 1);
      if (v !== undefined) out.push(v);
    }
    return out;
  }
  const out: { [key: string]: JsonValue } = {};
  let n = 0;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (n >= MAX_ITEMS) break;
    const safe = jsonSafe(v, depth + 1);
    if (safe === undefined) continue;
    out[cleanString(k, 200)] = safe;
    n += 1;
  }
  return out;
}

/** A display-safe file name: no path, no control characters, bounded, never empty. */
export function safeFilename(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = [...cleanString(base, 200)]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c !== '\u007f' && c !== '"')
    .join('')
    .trim()
    .replace(/^\.+/, '');
  return cleaned || fallback;
}
