// Date-time fields in the organisation's time zone (react-intl's timeZone, from GET /me), not the
// device's: a meeting held at 14 h at school is 14 h whoever types it, wherever their phone is
// set. `<input type="datetime-local">` holds a wall time ("2026-03-03T14:00"); these turn it into
// an instant and back, with Intl only.

function partsIn(date: Date, timeZone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const out: Record<string, number> = {};
  for (const p of parts) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const p = partsIn(new Date(instant), timeZone);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** "2026-03-03T14:00" in `timeZone` → ISO instant ("2026-03-03T19:00:00.000Z"); undefined if not a date-time. */
export function wallTimeToIso(value: string, timeZone: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (!timeZone) return new Date(wall + new Date(wall).getTimezoneOffset() * 60_000).toISOString();
  // Two passes settle the offset around a change of time (DST).
  let instant = wall - offsetAt(wall, timeZone);
  const second = offsetAt(instant, timeZone);
  if (wall - second !== instant) instant = wall - second;
  return new Date(instant).toISOString();
}

/** An instant → the wall time of `timeZone`, for a datetime-local field. */
export function isoToWallTime(iso: string | Date, timeZone: string | undefined): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  if (!timeZone) {
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }
  const p = partsIn(date, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** Today's date (YYYY-MM-DD) in the zone, for date fields. */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  return isoToWallTime(now, timeZone).slice(0, 10);
}

/** The zone's name in the reader's language ("heure de l'Est"), for field hints. */
export function zoneName(timeZone: string | undefined, locale: string): string {
  if (!timeZone) return '';
  try {
    const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}
