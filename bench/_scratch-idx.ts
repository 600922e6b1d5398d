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

  // SCRATCH: index and query-shape experiments (not kept)
  const sup0 = (await sql<{ user_id: string; person_id: string }>`select user_id, person_id from bench_persons where n = 0`.execute(db)).rows[0]!;
  const staffU = (await sql<{ user_id: string; person_id: string }>`select user_id, person_id from bench_persons where n = 2500`.execute(db)).rows[0]!;
  const dgP = (await sql<{ person_id: string }>`select person_id from users where id = ${dgId}`.execute(db)).rows[0]!.person_id;
  const nobodyP = (await sql<{ person_id: string }>`select person_id from users where id = ${nobodyId}`.execute(db)).rows[0]!.person_id;
  const who = [
    ['supervisor', sup0.user_id, sup0.person_id],
    ['dg', dgId, dgP],
    ['staff', staffU.user_id, staffU.person_id],
    ['nobody', nobodyId, nobodyP],
  ] as const;
  const cols = `c.id, c.reference, c.status, c.summary, c.created_at, c.updated_at, p.full_name, u.name as unit_name,
    (select count(*) from tasks t where t.case_id = c.id and t.status = 'open')::int as open_tasks,
    (select count(*) from tasks t where t.case_id = c.id and t.status = 'open' and t.due_at < $3)::int as overdue_tasks,
    (select min(t.due_at) from tasks t where t.case_id = c.id and t.status = 'open') as next_due_at`;
  const from = `from cases c join persons p on p.id = c.affected_person_id left join units u on u.id = c.unit_id`;
  const visibleOr = `(exists (select 1 from case_participants cp where cp.case_id = c.id and cp.user_id = $1 and cp.removed_at is null and cp.role not in ('committee','admin'))
     or exists (select 1 from case_access_grants g where g.case_id = c.id and g.user_id = $1 and g.revoked_at is null and g.expires_at > $3) or c.affected_person_id = $2)`;
  const visibleIn = `c.id in (select cp.case_id from case_participants cp where cp.user_id = $1 and cp.removed_at is null and cp.role not in ('committee','admin')
      union select g.case_id from case_access_grants g where g.user_id = $1 and g.revoked_at is null and g.expires_at > $3
      union select c2.id from cases c2 where c2.affected_person_id = $2)`;
  const qOr = (w: string) => `and (c.reference ilike '%${w}%' or c.summary ilike '%${w}%' or p.full_name ilike '%${w}%')`;
  const qIn = (w: string) => `and c.id in (select id from cases where organisation_id = $4 and (reference ilike '%${w}%' or summary ilike '%${w}%')
      union select c3.id from cases c3 join persons p3 on p3.id = c3.affected_person_id where p3.organisation_id = $4 and p3.full_name ilike '%${w}%')`;
  const order = `order by c.created_at desc, c.id desc limit 51`;
  const shapes: Record<string, (q?: string) => string> = {
    current: (w) => `select ${cols} ${from} where c.organisation_id = $4 and ${visibleOr} ${w ? qOr(w) : ''} ${order}`,
    visibleIn: (w) => `select ${cols} ${from} where c.organisation_id = $4 and ${visibleIn} ${w ? qOr(w) : ''} ${order}`,
    searchIn: (w) => `select ${cols} ${from} where c.organisation_id = $4 and ${visibleOr} ${w ? qIn(w) : ''} ${order}`,
  };
  async function t(q: string, params: unknown[]) {
    for (let i = 0; i < 3; i++) await handle.pool.query(q, params);
    const s: number[] = [];
    for (let i = 0; i < 30; i++) {
      const a = performance.now();
      await handle.pool.query(q, params);
      s.push(performance.now() - a);
    }
    return `${percentile(s, 50).toFixed(0)}/${percentile(s, 95).toFixed(0)}`;
  }
  async function round(label: string, shapeNames: string[]) {
    console.log(`\n== ${label} (p50/p95 ms; load ${loadavg()[0]!.toFixed(1)})`);
    for (const [name, u, p] of who) {
      const params = [u, p, NOW, orgId];
      const out: string[] = [];
      for (const sn of shapeNames) {
        for (const [qn, w] of [['page1', undefined], ['q=Tremblay', 'Tremblay'], ['q=miss', 'introuvable']] as const) {
          out.push(`${sn}/${qn} ${await t(shapes[sn]!(w), params)}`);
        }
      }
      console.log(name.padEnd(11), out.join(' | '));
    }
  }
  async function planTop(label: string, q: string, params: unknown[]) {
    const pl = await handle.pool.query(`explain (analyze, costs off) ${q}`, params);
    const lines = pl.rows.map((r) => r['QUERY PLAN'] as string).filter((l) => /Scan|Join|Execution/.test(l) && !/tasks/.test(l));
    console.log(`-- plan ${label}:\n   ${lines.slice(0, 8).join('\n   ')}`);
  }
  await round('no new index', ['current', 'visibleIn']);
  await planTop('current, staff page1', shapes.current!(), [staffU.user_id, staffU.person_id, NOW, orgId]);
  await sql`create index bench_cp_user_case on case_participants (user_id, case_id) where removed_at is null`.execute(db);
  await sql`create index bench_cases_org_person on cases (organisation_id, affected_person_id)`.execute(db);
  await sql`analyze`.execute(db);
  await round('+ case_participants(user_id, case_id), cases(organisation_id, affected_person_id)', ['current']);
  await planTop('current, staff page1, with the 2 btree indexes', shapes.current!(), [staffU.user_id, staffU.person_id, NOW, orgId]);
  await sql`drop index bench_cp_user_case`.execute(db);
  await sql`drop index bench_cases_org_person`.execute(db);
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index bench_trgm_summary on cases using gin (summary gin_trgm_ops)`.execute(db);
  await sql`create index bench_trgm_reference on cases using gin (reference gin_trgm_ops)`.execute(db);
  await sql`create index bench_trgm_name on persons using gin (full_name gin_trgm_ops)`.execute(db);
  await sql`analyze`.execute(db);
  await round('+ pg_trgm GIN on cases.summary, cases.reference, persons.full_name', ['current', 'searchIn']);
  await planTop('current, dg q=miss, with trigram indexes', shapes.current!('introuvable'), [dgId, dgP, NOW, orgId]);
  await planTop('searchIn, dg q=miss, with trigram indexes', shapes.searchIn!('introuvable'), [dgId, dgP, NOW, orgId]);
} finally {
  await handle.close();
  await rm(dataDir, { recursive: true, force: true });
  if (handle.embedded) await rm(handle.embedded.baseDir, { recursive: true, force: true });
}
