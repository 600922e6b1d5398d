// One visit of the case page reads several parts of the case (the case, its records, its
// timeline…), each logged: the access log shows consecutive reads by the same person within two
// minutes as one row listing what was read.
// (No imports: this module is also loaded by node tests, under the server's module rules.)

/** The fields of an access-log entry (src/contract/participants.ts) a visit is made of. */
export interface AccessLogEntry {
  userId: string;
  name: string;
  roles: string[];
  viaGrant: boolean;
  actionLabel: string;
  at: string;
}

const VISIT_MS = 2 * 60_000;

export interface Visit {
  key: string;
  userId: string;
  name: string;
  roles: string[];
  viaGrant: boolean;
  /** Distinct things read, in the order read. */
  what: string[];
  /** Newest and oldest read of the visit. */
  last: string;
  first: string;
}

/** Entries come newest first: a visit grows backwards in time while the same person reads on. */
export function groupVisits(entries: readonly AccessLogEntry[]): Visit[] {
  const visits: Visit[] = [];
  for (const e of entries) {
    const current = visits.at(-1);
    if (current && current.userId === e.userId && new Date(current.first).getTime() - new Date(e.at).getTime() <= VISIT_MS) {
      current.first = e.at;
      if (!current.what.includes(e.actionLabel)) current.what.unshift(e.actionLabel);
      continue;
    }
    visits.push({
      key: `${e.userId}-${e.at}`,
      userId: e.userId,
      name: e.name,
      roles: e.roles,
      viaGrant: e.viaGrant,
      what: [e.actionLabel],
      last: e.at,
      first: e.at,
    });
  }
  return visits;
}
