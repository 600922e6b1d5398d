// The demo organisation (Foundation issue): seeded on a brand-new embedded data dir or when
// REMPART_DEMO=1, never when REMPART_DEMO=0. Later features and the README rely on these names.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { Role } from '../../domain/auth/roles.js';
import type { AppContext } from '../context.js';

export const DEMO_SLUG = 'demo';

interface DemoLogin {
  email: string;
  name: string;
  title: string;
  unit: 'erables' | 'fleuve' | 'sri' | null;
  association: 'union' | 'managers' | null;
  grants: Array<{ role: Role; unit?: 'erables' | 'fleuve'; association?: 'union'; primary?: boolean }>;
}

export const demoLogins: DemoLogin[] = [
  { email: 'staff@demo.test', name: 'Camille Tremblay', title: 'Enseignante', unit: 'erables', association: 'union', grants: [{ role: 'staff' }] },
  { email: 'staff2@demo.test', name: 'Olivier Gagnon', title: 'Enseignant', unit: 'fleuve', association: 'union', grants: [{ role: 'staff' }] },
  {
    email: 'supervisor@demo.test',
    name: 'Isabelle Roy',
    title: "Directrice d'établissement",
    unit: 'erables',
    association: 'managers',
    grants: [{ role: 'staff' }, { role: 'supervisor', unit: 'erables', primary: true }],
  },
  {
    email: 'supervisor2@demo.test',
    name: 'Marc Bouchard',
    title: "Directeur d'établissement",
    unit: 'fleuve',
    association: 'managers',
    grants: [{ role: 'staff' }, { role: 'supervisor', unit: 'fleuve', primary: true }],
  },
  { email: 'dg@demo.test', name: 'Nathalie Côté', title: 'Directrice générale', unit: null, association: 'managers', grants: [{ role: 'general_direction', primary: true }] },
  { email: 'hr@demo.test', name: 'Sophie Lavoie', title: 'Conseillère en ressources humaines', unit: null, association: null, grants: [{ role: 'hr', primary: true }] },
  { email: 'it@demo.test', name: 'Julien Morin', title: 'Technicien en informatique', unit: 'sri', association: null, grants: [{ role: 'it', primary: true }] },
  { email: 'union@demo.test', name: 'Louise Pelletier', title: 'Présidente du syndicat', unit: null, association: 'union', grants: [{ role: 'union', association: 'union', primary: true }] },
  { email: 'legal@demo.test', name: 'Me François Bélanger', title: 'Avocat', unit: null, association: null, grants: [{ role: 'legal', primary: true }] },
  { email: 'committee@demo.test', name: 'Comité SST', title: 'Comité de santé et sécurité du travail', unit: null, association: null, grants: [{ role: 'committee' }] },
  { email: 'admin@demo.test', name: 'Admin Rempart', title: 'Administrateur de la plateforme', unit: 'sri', association: null, grants: [{ role: 'admin' }] },
];

/** The demo password: REMPART_DEMO_PASSWORD, else one generated once and kept (0600) in the data dir. */
export async function demoPassword(config: AppContext['config']): Promise<string> {
  if (config.demoPassword) return config.demoPassword;
  const file = join(config.dataDir, 'demo-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const generated = Array.from(randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
  await writeFile(file, `${generated}\n`, { mode: 0o600 });
  return generated;
}

export async function demoExists(ctx: Pick<AppContext, 'db'>): Promise<boolean> {
  return (await ctx.db.selectFrom('organisations').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirst()) !== undefined;
}

export async function seedDemo(ctx: Pick<AppContext, 'db' | 'clock' | 'passwords' | 'config'>): Promise<{ created: boolean; password: string }> {
  const password = await demoPassword(ctx.config);
  if (await demoExists(ctx)) return { created: false, password };
  const hash = await ctx.passwords.hash(password);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const org = await tx
      .insertInto('organisations')
      .values({ name: 'Centre de services scolaire de la Démo', slug: DEMO_SLUG, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const event = (action: string, type: string, id: string, data: Record<string, string | boolean> = {}) =>
      appendLedger(tx, { action, at: now, actorId: null, organisationId: org.id, subject: { type, id }, data: { ...data, source: 'demo' } });
    await event('organisation.created', 'organisation', org.id);
    const unitRows = {
      erables: { name: 'École primaire des Érables', kind: 'school' as const, code: 'ERA' },
      fleuve: { name: 'École secondaire du Fleuve', kind: 'school' as const, code: 'FLE' },
      sri: { name: 'Service des ressources informationnelles', kind: 'service' as const, code: 'SRI' },
    };
    const units: Record<string, string> = {};
    for (const [key, u] of Object.entries(unitRows)) {
      const row = await tx.insertInto('units').values({ ...u, organisation_id: org.id, created_at: now }).returning('id').executeTakeFirstOrThrow();
      units[key] = row.id;
      await event('unit.created', 'unit', row.id);
    }
    const associations: Record<string, string> = {};
    for (const [key, a] of Object.entries({
      union: { name: "Syndicat de l'enseignement de la Démo", kind: 'union' as const },
      managers: { name: 'Association des cadres de la Démo', kind: 'managers' as const },
    })) {
      const row = await tx.insertInto('associations').values({ ...a, organisation_id: org.id, created_at: now }).returning('id').executeTakeFirstOrThrow();
      associations[key] = row.id;
      await event('association.created', 'association', row.id);
    }
    for (const login of demoLogins) {
      const person = await tx
        .insertInto('persons')
        .values({
          organisation_id: org.id,
          unit_id: login.unit ? (units[login.unit] ?? null) : null,
          association_id: login.association ? (associations[login.association] ?? null) : null,
          full_name: login.name,
          email: login.email,
          job_title: login.title,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await event('person.created', 'person', person.id);
      const user = await tx
        .insertInto('users')
        .values({ organisation_id: org.id, person_id: person.id, email: login.email, display_name: login.name, password_hash: hash, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await event('user.created', 'user', user.id);
      for (const g of login.grants) {
        const grant = await tx
          .insertInto('role_grants')
          .values({
            user_id: user.id,
            role: g.role,
            unit_id: g.unit ? (units[g.unit] ?? null) : null,
            association_id: g.association ? (associations[g.association] ?? null) : null,
            is_primary: g.primary ?? false,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await event('grant.created', 'role_grant', grant.id, { role: g.role, userId: user.id });
      }
    }
  });
  return { created: true, password };
}
