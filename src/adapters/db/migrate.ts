// Forward-only SQL migrations from migrations/NNNN_name.sql, each in its own transaction,
// serialised across processes by an advisory lock. An applied file whose text changed is
// refused: merged migrations are never edited.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const migrationsDir = fileURLToPath(new URL('../../../migrations/', import.meta.url));
const MIGRATION_LOCK = 7_261_001;

export class MigrationError extends Error {}

export interface MigrationResult {
  applied: string[];
  current: string | undefined;
}

export async function migrate(pool: pg.Pool, dir: string = migrationsDir): Promise<MigrationResult> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`create table if not exists schema_migrations (
      version text primary key, checksum text not null, applied_at timestamptz not null default now())`);
    const done = new Map(
      (await client.query<{ version: string; checksum: string }>('select version, checksum from schema_migrations')).rows.map(
        (r) => [r.version, r.checksum],
      ),
    );
    const applied: string[] = [];
    for (const file of files) {
      const sql = await readFile(join(dir, file), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const version = file.replace(/\.sql$/, '');
      const known = done.get(version);
      if (known !== undefined) {
        if (known !== checksum) throw new MigrationError(`Migration ${file} was edited after it was applied.`);
        continue;
      }
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query('insert into schema_migrations (version, checksum) values ($1, $2)', [version, checksum]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new MigrationError(`Migration ${file} failed: ${(error as Error).message}`);
      }
      applied.push(version);
    }
    return { applied, current: files.at(-1)?.replace(/\.sql$/, '') };
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
