// Queries on the organisation's own settings: name, language, business calendar, closure days.
import { sql } from 'kysely';
import type { OrganisationSettings } from '../../contract/directory.js';
import type { Queryable, Tx } from './database.js';

type SettingsRow = {
  id: string;
  name: string;
  slug: string;
  default_locale: string;
  time_zone: string;
  work_day_start: string;
  work_day_end: string;
  work_days: number[];
  good_friday_off: boolean;
  easter_monday_off: boolean;
  require_totp_roles: string[];
};

function toSettings(r: SettingsRow): OrganisationSettings {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    defaultLocale: r.default_locale === 'en' ? 'en' : 'fr-CA',
    timeZone: r.time_zone,
    workDayStart: r.work_day_start,
    workDayEnd: r.work_day_end,
    workDays: r.work_days.map(Number),
    goodFridayOff: r.good_friday_off,
    easterMondayOff: r.easter_monday_off,
    requireTotpRoles: r.require_totp_roles as OrganisationSettings['requireTotpRoles'],
  };
}

const settingsColumns = [
  'id',
  'name',
  'slug',
  'default_locale',
  'time_zone',
  'work_day_start',
  'work_day_end',
  'work_days',
  'good_friday_off',
  'easter_monday_off',
  'require_totp_roles',
] as const;

export async function findOrganisationSettings(db: Queryable, organisationId: string): Promise<OrganisationSettings | undefined> {
  const row = await db.selectFrom('organisations').select(settingsColumns).where('id', '=', organisationId).executeTakeFirst();
  return row ? toSettings(row) : undefined;
}

export async function updateOrganisationSettings(
  tx: Tx,
  organisationId: string,
  s: Omit<OrganisationSettings, 'id' | 'slug'>,
): Promise<OrganisationSettings> {
  const row = await tx
    .updateTable('organisations')
    .set({
      name: s.name,
      default_locale: s.defaultLocale,
      time_zone: s.timeZone,
      work_day_start: s.workDayStart,
      work_day_end: s.workDayEnd,
      work_days: s.workDays,
      good_friday_off: s.goodFridayOff,
      easter_monday_off: s.easterMondayOff,
      require_totp_roles: s.requireTotpRoles,
    })
    .where('id', '=', organisationId)
    .returning(settingsColumns)
    .executeTakeFirstOrThrow();
  return toSettings(row);
}

/**
 * Serialises directory changes that must see a stable set of grants (one primary holder per
 * role and scope, last admin). NO KEY UPDATE does not block inserts referencing the organisation.
 */
export async function lockOrganisation(tx: Tx, organisationId: string): Promise<boolean> {
  const row = await sql<{ id: string }>`select id from organisations where id = ${organisationId} for no key update`.execute(tx);
  return row.rows.length > 0;
}

export async function listOrganisations(db: Queryable) {
  return db.selectFrom('organisations').select(['id', 'name', 'slug', 'default_locale']).orderBy('slug').execute();
}

export async function findOrganisationBySlug(db: Queryable, slug: string) {
  return db.selectFrom('organisations').select(['id', 'name', 'slug', 'default_locale']).where('slug', '=', slug).executeTakeFirst();
}

export async function listClosureDays(db: Queryable, organisationId: string, range?: { from: string; to: string }) {
  let q = db.selectFrom('closure_days').select(['day', 'label']).where('organisation_id', '=', organisationId);
  if (range) q = q.where('day', '>=', range.from).where('day', '<=', range.to);
  return q.orderBy('day').execute();
}

export async function findClosureDay(db: Queryable, organisationId: string, day: string) {
  return db
    .selectFrom('closure_days')
    .select(['day', 'label'])
    .where('organisation_id', '=', organisationId)
    .where('day', '=', day)
    .executeTakeFirst();
}

/** Inserts or relabels; `created` tells which. */
export async function upsertClosureDay(tx: Tx, organisationId: string, day: string, label: string): Promise<{ created: boolean }> {
  const existing = await findClosureDay(tx, organisationId, day);
  await tx
    .insertInto('closure_days')
    .values({ organisation_id: organisationId, day, label })
    .onConflict((oc) => oc.columns(['organisation_id', 'day']).doUpdateSet({ label }))
    .execute();
  return { created: existing === undefined };
}

export async function deleteClosureDay(tx: Tx, organisationId: string, day: string): Promise<boolean> {
  const r = await tx.deleteFrom('closure_days').where('organisation_id', '=', organisationId).where('day', '=', day).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
