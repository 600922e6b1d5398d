// Case list benchmark (Cases issue: "case-list latency with 100 000 cases in the database").
// Measures listCases (GET /api/v1/cases without HTTP) for several callers, filters and pages, in
// milliseconds (p50/p95), against a bare count(*) of the cases measured in the same run.
//   node bin/tsx.js bench/case-list.ts [cases=100000] [runs=50]
// Runs on a throwaway embedded PostgreSQL (or DATABASE_URL if set: it must be an empty database).
//
// The data is made in bulk with SQL, shaped like what the app writes: two template cases are
// opened by the app's own code (openCase; the second also gets step 4.2.2, notifyDirectionInTx),
// and every bulk case copies the participants, roles and tasks of one of them (20 % after 4.2.2),
// with dates shifted to its own. Not made in bulk: Ledger entries, notifications and mails (the
// list reads none of them).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { argon2idHasher } from '../src/adapters/crypto/passwords.js';
import { openDatabase } from '../src/adapters/db/database.js';
import { migrate } from '../src/adapters/db/migrate.js';
import type { Database } from '../src/adapters/db/schema.js';
import { listRoleGrants } from '../src/adapters/db/users.js';
import type { Principal } from '../src/app/auth/principal.js';
import { listCases } from '../src/app/cases/list-cases.js';
import { notifyDirectionInTx } from '../src/app/cases/notify-direction.js';
import { openCase } from '../src/app/cases/open-case.js';
import { loadConfig } from '../src/config.js';
import { ManualClock } from '../src/domain/clock.js';
import { migrateQueue } from '../src/jobs/queue.js';

const N = Number(process.argv[2] ?? 100_000);
const loadAtStart = loadavg()[0]!;
const RUNS = Number(process.argv[3] ?? 50);
const UNITS = 50;
const PERSONS = 5_000;
const DIRECTION_SHARE = 0.2;
// The dataset's "now": five years of reports end here (business hours, a Monday).
const NOW = new Date('2026-03-02T15:00:00Z');
const FIRST = new Date('2021-01-04T14:00:00Z');

const dataDir = await mkdtemp(join(tmpdir(), 'rempart-bench-'));
await chmod(dataDir, 0o755);
const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, log: () => undefined });
await migrate(handle.pool);
await migrateQueue(handle.pool); // intake queues the supervisor's mail
const db = handle.db;
// The same pool with a query log: the SQL of the slowest case goes through EXPLAIN ANALYZE.
let lastQuery: { sql: string; parameters: readonly unknown[] } | undefined;
const loggedDb = new Kysely<Database>({
  dialect: new PostgresDialect({ pool: handle.pool }),
  log(event) {
    if (event.level === 'query') lastQuery = { sql: event.query.sql, parameters: event.query.parameters };
  },
});

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

async function principalOf(userId: string): Promise<Principal> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'organisation_id', 'person_id', 'email', 'display_name'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    userId: user.id,
    organisationId: user.organisation_id,
    personId: user.person_id,
    email: user.email,
    displayName: user.display_name,
    locale: 'fr-CA',
    roles: await listRoleGrants(db, user.id),
    via: 'session',
    sessionId: null,
    tokenId: null,
    scopes: ['all'],
    totpEnabled: false,
    mustEnrolTotp: false,
  };
}

try {
  // ─────────────────────────────── 1. Directory ───────────────────────────────
  let t0 = performance.now();
  const passwordHash = await argon2idHasher.hash('bench-password-not-used');
  const org = await db
    .insertInto('organisations')
    .values({ name: 'Centre de services scolaire du Banc-d’essai', slug: 'bench', created_at: FIRST })
    .returning('id')
    .executeTakeFirstOrThrow();
  const orgId = org.id;
  await sql`
  insert into units (organisation_id, name, kind, code, created_at)
  select ${orgId}, case when n <= 45 then 'École ' || n else 'Service ' || n end, case when n <= 45 then 'school' else 'service' end, 'U' || n, ${FIRST}
  from generate_series(1, ${UNITS}::int) n`.execute(db);
  // Persons numbered 0…PERSONS-1, unit n % UNITS; the first person of each unit is its supervisor.
  await sql`
  create table bench_persons as
  with u as (select id, row_number() over (order by code) - 1 as k from units where organisation_id = ${orgId}),
  first_names as (select array['Marie','Julie','Nathalie','Isabelle','Sophie','Catherine','Mélanie','Geneviève','Annie','Chantal',
    'Karine','Valérie','Émilie','Caroline','Stéphanie','Josée','Martine','Sylvie','Manon','Lucie',
    'Jean','Marc','Pierre','Martin','François','Éric','Patrick','Stéphane','Sébastien','Alexandre',
    'Mathieu','Nicolas','David','Simon','Luc','Daniel','Michel','Guillaume','Olivier','Maxime'] as a),
  last_names as (select array['Tremblay','Gagnon','Roy','Côté','Bouchard','Gauthier','Morin','Lavoie','Fortin','Gagné',
    'Ouellet','Pelletier','Bélanger','Lévesque','Bergeron','Leblanc','Paquette','Girard','Simard','Boucher',
    'Caron','Beaulieu','Cloutier','Dubé','Poirier','Fournier','Lapointe','Leclerc','Lefebvre','Poulin',
    'Thibault','St-Pierre','Nadeau','Martin','Landry','Martel','Bédard','Grenier','Lessard','Bernier'] as a)
  select n, gen_random_uuid() as person_id, gen_random_uuid() as user_id, u.id as unit_id, (n < ${UNITS}) as is_supervisor,
    (select a[1 + (n * 7) % 40] from first_names) || ' ' || (select a[1 + (n * 13 + n / 40) % 40] from last_names) as full_name
  from generate_series(0, ${PERSONS - 1}::int) n join u on u.k = n % ${UNITS}`.execute(db);
  await sql`
  insert into persons (id, organisation_id, unit_id, full_name, email, created_at, updated_at)
  select person_id, ${orgId}, unit_id, full_name, 'personne' || n || '@banc.test', ${FIRST}, ${FIRST} from bench_persons`.execute(db);
  await sql`
  insert into users (id, organisation_id, person_id, email, display_name, password_hash, created_at)
  select user_id, ${orgId}, person_id, 'personne' || n || '@banc.test', full_name, ${passwordHash}, ${FIRST} from bench_persons`.execute(
    db,
  );
  await sql`insert into role_grants (user_id, role, is_primary, created_at) select user_id, 'staff', false, ${FIRST} from bench_persons`.execute(
    db,
  );
  await sql`
  insert into role_grants (user_id, role, unit_id, is_primary, created_at)
  select user_id, 'supervisor', unit_id, true, ${FIRST} from bench_persons where is_supervisor`.execute(db);
  // Organisation-wide roles (no unit), and one user who sees no case.
  const orgUser = async (label: string, role: string | null) => {
    const person = await db
      .insertInto('persons')
      .values({
        organisation_id: orgId,
        unit_id: null,
        full_name: `Personne ${label}`,
        email: `${label}@banc.test`,
        created_at: FIRST,
        updated_at: FIRST,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await db
      .insertInto('users')
      .values({
        organisation_id: orgId,
        person_id: person.id,
        email: `${label}@banc.test`,
        display_name: `Personne ${label}`,
        password_hash: passwordHash,
        created_at: FIRST,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (role)
      await db.insertInto('role_grants').values({ user_id: user.id, role, unit_id: null, is_primary: true, created_at: FIRST }).execute();
    return user.id;
  };
  const dgId = await orgUser('dg', 'general_direction');
  await orgUser('rh', 'hr');
  await orgUser('ti', 'it');
  const nobodyId = await orgUser('personne-sans-dossier', 'staff');
  const directoryMs = performance.now() - t0;

  // ───────────────────── 2. Two template cases, opened by the app ─────────────────────
  t0 = performance.now();
  const clock = new ManualClock('2020-06-01T14:00:00Z');
  const config = loadConfig({ REMPART_DATA_DIR: dataDir, REMPART_DEMO: '0', LOG_LEVEL: 'silent' });
  const ctx = { db, clock, config };
  const templateStaff = await sql<{ user_id: string }>`select user_id from bench_persons where n = ${UNITS}`.execute(db);
  const staffActor = await principalOf(templateStaff.rows[0]!.user_id);
  const supervisorOfTemplate = await sql<{ user_id: string }>`
  select s.user_id from bench_persons s join bench_persons p on p.unit_id = s.unit_id where p.n = ${UNITS} and s.is_supervisor`.execute(db);
  const supervisorActor = await principalOf(supervisorOfTemplate.rows[0]!.user_id);
  const report = (summary: string) => ({ summary, urls: ['https://social.example.test/template'] });
  const templateA = await openCase(ctx, { actor: staffActor, body: report('Modèle A'), locale: 'fr-CA' });
  const templateB = await openCase(ctx, { actor: staffActor, body: report('Modèle B'), locale: 'fr-CA' });
  clock.advance(3_600_000);
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('cases').selectAll().where('id', '=', templateB.body.id).executeTakeFirstOrThrow();
    await notifyDirectionInTx(tx, ctx, row, supervisorActor);
  });
  const tplA = templateA.body.id;
  const tplB = templateB.body.id;
  const templateMs = performance.now() - t0;

  // ───────────────────────────── 3. Bulk cases ─────────────────────────────
  t0 = performance.now();
  await sql`select setseed(0.42)`.execute(db);
  // One row per case: its person (random), dates, status by age, and template (20 % after 4.2.2).
  await sql`
  create table bench_cases as
  with raw as (
    select i, gen_random_uuid() as id, floor(random() * ${PERSONS})::int as n, random() as r_status, random() as r_tpl,
      ${FIRST}::timestamptz + (${NOW}::timestamptz - ${FIRST}::timestamptz - interval '2 hours') * (i::float / ${N}) + random() * interval '90 minutes' as created_at,
      (array['Une vidéo','Une publication','Des commentaires','Une fausse page','Un montage photo','Des messages privés','Une diffusion en direct','Un sondage moqueur'])[1 + floor(random() * 8)::int] as what,
      (array['Facebook','TikTok','Instagram','X','Snapchat','YouTube','un forum de parents','un groupe Messenger'])[1 + floor(random() * 8)::int] as platform,
      (array['me vise nommément','reprend ma photo de classe','m’accuse à tort','appelle à me harceler','révèle mon adresse','se moque de mon enseignement'])[1 + floor(random() * 6)::int] as harm
    from generate_series(1, ${N}::int) i
  )
  select raw.i, raw.id, p.person_id, p.user_id as staff_user_id, p.unit_id, p.is_supervisor, raw.created_at,
    extract(year from raw.created_at at time zone 'America/Toronto')::int as year,
    case when raw.r_tpl < ${DIRECTION_SHARE} then 'B' else 'A' end as tpl,
    case
      when ${NOW}::timestamptz - raw.created_at > interval '120 days' then case when raw.r_status < 0.95 then 'closed' else 'mitigated' end
      when raw.r_status < 0.10 then 'reported'
      when raw.r_status < 0.25 then 'acknowledged'
      when raw.r_status < 0.65 then 'in_progress'
      when raw.r_status < 0.85 then 'mitigated'
      else 'closed'
    end as status,
    raw.what || ' sur ' || raw.platform || ' ' || raw.harm || '. Des élèves et des parents l’ont partagée; je crains pour ma sécurité et celle de ma famille.' as summary
  from raw join bench_persons p on p.n = raw.n`.execute(db);
  await sql`create unique index on bench_cases (id)`.execute(db);
  // Copies of the template's columns the app sets at intake (flags, playbook).
  await sql`
  insert into cases (id, organisation_id, reference, status, summary, occurred_at, flags, affected_person_id, unit_id,
    supervisor_is_general_direction, opened_by, playbook_id, version, created_at, updated_at, closed_at)
  select b.id, ${orgId},
    'RMP-' || b.year || '-' || to_char(row_number() over (partition by b.year order by b.created_at, b.i), 'FM0000999999'),
    b.status, b.summary, b.created_at - interval '1 day', t.flags, b.person_id, b.unit_id,
    b.is_supervisor, b.staff_user_id, t.playbook_id, case when b.status = 'reported' then 1 else 3 end,
    b.created_at, b.created_at + interval '2 days', case when b.status = 'closed' then b.created_at + interval '30 days' end
  from bench_cases b join cases t on t.id = ${tplA}`.execute(db);
  await sql`
  insert into case_reference_counters (organisation_id, year, last_value)
  select ${orgId}, year, count(*) from bench_cases group by year
  on conflict (organisation_id, year) do update set last_value = case_reference_counters.last_value + excluded.last_value`.execute(db);
  await sql`
  insert into locations (case_id, url, host, created_by, created_at)
  select b.id, 'https://social.example.test/post/' || b.i, 'social.example.test', b.staff_user_id, b.created_at from bench_cases b`.execute(
    db,
  );
  // Participants as the procedure adds them: the staff member and the unit's supervisor (general
  // direction when the case is about the supervisor) at intake; DG, HR and IT at step 4.2.2.
  await sql`
  insert into case_participants (case_id, user_id, role, joined_at, added_by, reason)
  select b.id, b.staff_user_id, 'staff', b.created_at, b.staff_user_id, 'intake' from bench_cases b
  union all
  select b.id, s.user_id, 'supervisor', b.created_at, b.staff_user_id, 'intake'
  from bench_cases b join bench_persons s on s.unit_id = b.unit_id and s.is_supervisor and s.person_id <> b.person_id
  union all
  select b.id, ${dgId}, 'general_direction', b.created_at, b.staff_user_id, 'replaces_supervisor' from bench_cases b where b.is_supervisor`.execute(
    db,
  );
  await sql`
  insert into case_participants (case_id, user_id, role, joined_at, added_by, reason)
  select b.id, tp.user_id, tp.role, b.created_at + (tp.joined_at - t.created_at), s.user_id, tp.reason
  from bench_cases b
  join cases t on t.id = ${tplB}
  join case_participants tp on tp.case_id = t.id and tp.reason = 'step_4.2.2'
  left join bench_persons s on s.unit_id = b.unit_id and s.is_supervisor
  where b.tpl = 'B'
  on conflict do nothing`.execute(db);
  await sql`
  insert into case_roles (case_id, role, joined_at)
  select b.id, r.role, b.created_at + (r.joined_at - t.created_at)
  from bench_cases b join cases t on t.id = case when b.tpl = 'B' then ${tplB}::uuid else ${tplA}::uuid end
  join case_roles r on r.case_id = t.id`.execute(db);
  // Tasks: the template's, dates shifted; a mitigated or closed case has its open tasks done.
  await sql`
  insert into tasks (case_id, step_key, location_id, occurrence, role, status, assignee_user_id, activated_at, due_at, completed_at,
    completed_by, completion_source, retired_by_system, na_reason, escalation_level, next_check_at, created_at, updated_at)
  select b.id, tt.step_key, case when tt.location_id is null then null else l.id end, tt.occurrence, tt.role,
    case when b.status in ('mitigated', 'closed') and tt.status = 'open' then 'done'
         when b.status in ('mitigated', 'closed') and tt.status = 'pending' then 'not_applicable'
         else tt.status end,
    case when tt.role = 'staff' then b.staff_user_id when tt.role = 'supervisor' and b.is_supervisor then ${dgId}::uuid
         when tt.role = 'supervisor' then s.user_id else tt.assignee_user_id end,
    b.created_at + (tt.activated_at - t.created_at), b.created_at + (tt.due_at - t.created_at),
    case when tt.status = 'done' or (b.status in ('mitigated', 'closed') and tt.status = 'open') then b.created_at + coalesce(tt.completed_at - t.created_at, interval '3 days') end,
    case when tt.status = 'open' and b.status in ('mitigated', 'closed') then b.staff_user_id else tt.completed_by end,
    case when tt.status = 'open' and b.status in ('mitigated', 'closed') then 'action' else tt.completion_source end,
    tt.retired_by_system or (tt.status = 'pending' and b.status in ('mitigated', 'closed')),
    case when tt.status = 'pending' and b.status in ('mitigated', 'closed') then 'case_closed' else tt.na_reason end,
    0,
    case when b.status in ('mitigated', 'closed') then null else b.created_at + (tt.next_check_at - t.created_at) end,
    b.created_at, b.created_at
  from bench_cases b
  join cases t on t.id = case when b.tpl = 'B' then ${tplB}::uuid else ${tplA}::uuid end
  join tasks tt on tt.case_id = t.id
  join locations l on l.case_id = b.id
  left join bench_persons s on s.unit_id = b.unit_id and s.is_supervisor and not b.is_supervisor`.execute(db);
  // A few explicit, time-limited grants (half expired), as the list checks them too.
  await sql`
  insert into case_access_grants (case_id, user_id, granted_by, reason, created_at, expires_at)
  select b.id, p.user_id, ${dgId}, 'bench', b.created_at, case when b.i % 2 = 0 then ${NOW}::timestamptz + interval '30 days' else b.created_at + interval '30 days' end
  from bench_cases b join bench_persons p on p.n = (b.i * 7919) % ${PERSONS}
  where b.i % 100 = 0`.execute(db);
  const bulkMs = performance.now() - t0;
  t0 = performance.now();
  await sql`vacuum analyze`.execute(db);
  const analyzeMs = performance.now() - t0;

  const counts = await sql<{ cases: number; tasks: number; participants: number; grants: number }>`
  select (select count(*) from cases)::int as cases, (select count(*) from tasks)::int as tasks,
    (select count(*) from case_participants)::int as participants, (select count(*) from case_access_grants)::int as grants`.execute(db);
  const c = counts.rows[0]!;
  console.log(
    `case list benchmark: ${c.cases} cases, ${c.tasks} tasks (${(c.tasks / c.cases).toFixed(1)} per case), ${c.participants} participants, ${c.grants} grants, ${UNITS} units, ${PERSONS} persons; PostgreSQL ${handle.kind}`,
  );
  console.log(
    `setup: directory ${(directoryMs / 1000).toFixed(1)} s, 2 template cases by openCase ${(templateMs / 1000).toFixed(1)} s, bulk SQL ${(bulkMs / 1000).toFixed(1)} s, vacuum analyze ${(analyzeMs / 1000).toFixed(1)} s`,
  );

  // ───────────────────────────── 4. Measurements ─────────────────────────────
  const listCtx = { db: loggedDb, clock: new ManualClock(NOW) };
  const supervisorUnit0 = (await sql<{ user_id: string }>`select user_id from bench_persons where n = 0`.execute(db)).rows[0]!.user_id;
  // A staff member (not a supervisor) with the median number of cases about them.
  const staffRow = (
    await sql<{ user_id: string; cases: number }>`
    select p.user_id, count(*)::int as cases from bench_cases b join bench_persons p on p.person_id = b.person_id
    where not p.is_supervisor group by p.user_id order by count(*), p.user_id offset ${Math.floor((PERSONS - UNITS) / 2)} limit 1`.execute(
      db,
    )
  ).rows[0]!;
  const actors = {
    supervisor: await principalOf(supervisorUnit0),
    dg: await principalOf(dgId),
    staff: await principalOf(staffRow.user_id),
    nobody: await principalOf(nobodyId),
  };
  const visible = async (userId: string) =>
    (
      await sql<{ n: number }>`
      select count(*)::int as n from cases c where exists (select 1 from case_participants cp where cp.case_id = c.id and cp.user_id = ${userId} and cp.removed_at is null)
        or c.affected_person_id = (select person_id from users where id = ${userId})`.execute(db)
    ).rows[0]!.n;
  const seen = {
    supervisor: await visible(actors.supervisor.userId),
    dg: await visible(actors.dg.userId),
    staff: await visible(actors.staff.userId),
    nobody: await visible(actors.nobody.userId),
  };

  type Query = {
    status?: 'reported' | 'acknowledged' | 'in_progress' | 'mitigated' | 'closed';
    q?: string;
    limit: number;
    cursor?: string;
  };
  /** The cursor of page `page` (1-based), walking the pages once (not measured). */
  async function cursorAt(actor: Principal, page: number): Promise<string | undefined> {
    let cursor: string | undefined;
    for (let p = 1; p < page; p += 1) {
      const res = await listCases(listCtx, { actor, query: { limit: 50, ...(cursor ? { cursor } : {}) } });
      if (!res.nextCursor) return undefined;
      cursor = res.nextCursor;
    }
    return cursor;
  }

  const surname = 'Tremblay';
  const cases: Array<{ what: string; actor: Principal; query: Query }> = [];
  for (const [key, label] of [
    ['supervisor', `supervisor, 1 unit (${seen.supervisor})`],
    ['dg', `general direction (${seen.dg})`],
    ['staff', `staff member (${seen.staff})`],
    ['nobody', `user with no case (${seen.nobody})`],
  ] as const) {
    const actor = actors[key];
    cases.push({ what: `${label}: page 1`, actor, query: { limit: 50 } });
    cases.push({ what: `${label}: status=in_progress`, actor, query: { limit: 50, status: 'in_progress' } });
    cases.push({ what: `${label}: q=${surname}`, actor, query: { limit: 50, q: surname } });
    cases.push({ what: `${label}: q=no match`, actor, query: { limit: 50, q: 'introuvable' } });
    if (key === 'supervisor' || key === 'dg') {
      const deep = key === 'dg' ? 200 : 20;
      const cursor = await cursorAt(actor, deep);
      if (cursor) cases.push({ what: `${label}: page ${deep} (cursor)`, actor, query: { limit: 50, cursor } });
    }
  }

  async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
    for (let i = 0; i < 3; i += 1) await run();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const s = performance.now();
      await run();
      samples.push(performance.now() - s);
    }
    return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) };
  }

  const sampleCaseId = (await sql<{ id: string }>`select id from bench_cases where i = ${Math.floor(N / 2)}`.execute(db)).rows[0]!.id;
  const baseline = await time(() => sql`select count(*) from cases`.execute(db));
  const lookup = await time(() =>
    db.selectFrom('cases').select(['id', 'reference', 'status']).where('id', '=', sampleCaseId).executeTakeFirst(),
  );
  const results: Array<{
    what: string;
    p50: number;
    p95: number;
    max: number;
    items: number;
    query: { sql: string; parameters: readonly unknown[] };
  }> = [];
  for (const item of cases) {
    let items = 0;
    const r = await time(async () => {
      const res = await listCases(listCtx, { actor: item.actor, query: item.query });
      items = res.items.length;
    });
    results.push({ what: item.what, ...r, items, query: lastQuery! });
  }

  const f = (v: number) => v.toFixed(2).padStart(9);
  const ratio = (v: number, b: number) => (v / b).toFixed(1).padStart(9);
  console.log(
    `\nlatency in ms over ${RUNS} runs (after 3 warm-up runs); ratio to the bare count(*) of cases; ${cpus().length} CPUs, load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} now`,
  );
  console.log('what'.padEnd(52), '      p50', '      p95', '      max', '  items', 'p50/base', 'p95/base');
  console.log(
    'bare select count(*) from cases (baseline)'.padEnd(52),
    f(baseline.p50),
    f(baseline.p95),
    f(baseline.max),
    '       ',
    ratio(1, 1),
    ratio(1, 1),
  );
  console.log(
    'primary-key lookup of one case'.padEnd(52),
    f(lookup.p50),
    f(lookup.p95),
    f(lookup.max),
    '      1',
    ratio(lookup.p50, baseline.p50),
    ratio(lookup.p95, baseline.p95),
  );
  for (const r of results) {
    console.log(
      r.what.padEnd(52),
      f(r.p50),
      f(r.p95),
      f(r.max),
      String(r.items).padStart(7),
      ratio(r.p50, baseline.p50),
      ratio(r.p95, baseline.p95),
    );
  }

  // ───────────────────────────── 5. The slowest plan ─────────────────────────────
  const slowest = results.reduce((a, b) => (b.p95 > a.p95 ? b : a));
  const over = results.filter((r) => r.p95 > 150);
  console.log(
    `\nslowest: ${slowest.what} (p95 ${slowest.p95.toFixed(1)} ms); p95 above 150 ms: ${over.length === 0 ? 'none' : over.map((r) => r.what).join('; ')}`,
  );
  const plan = await handle.pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off) ${slowest.query.sql}`, [
    ...slowest.query.parameters,
  ]);
  const lines = plan.rows.map((r) => r['QUERY PLAN']);
  console.log('EXPLAIN (ANALYZE, BUFFERS) of its query, plan nodes and totals:');
  // Plan nodes with their filters and index conditions, the top node's buffer totals, and timings.
  let buffersShown = false;
  for (const line of lines) {
    const node = /^\s*(->\s+)?([A-Z][A-Za-z ]*)?(Scan|Join|Loop|Sort|Limit|Aggregate|Hash|Result|Materialize|Gather)\b/.test(line);
    const detail = /SubPlan|Planning Time|Execution Time|Rows Removed|Filter:|Index Cond/.test(line);
    const buffers = !buffersShown && /Buffers:/.test(line);
    if (buffers) buffersShown = true;
    if (node || detail || buffers) console.log(`  ${line.length > 150 ? `${line.slice(0, 147)}…` : line}`);
  }
} finally {
  await handle.close();
  await rm(dataDir, { recursive: true, force: true });
  if (handle.embedded) await rm(handle.embedded.baseDir, { recursive: true, force: true });
}
