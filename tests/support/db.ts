// One fresh database per test file, cloned from the migrated template (fast: no migrations).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Db, kyselyFromPool } from '../../src/adapters/db/database.js';

export interface TestDatabase {
  db: Db;
  pool: pg.Pool;
  name: string;
  config: pg.PoolConfig;
  kind: 'embedded' | 'server';
  drop(): Promise<void>;
}

export function adminConfig(database: string): pg.ClientConfig {
  const admin = inject('pgAdmin');
  if (admin.connectionString) return { connectionString: admin.connectionString.replace(/\/[^/]+$/, `/${database}`) };
  return { ...admin, database };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client(adminConfig('postgres'));
  await client.connect();
  // CREATE DATABASE … TEMPLATE needs the template to have no other session: retry briefly.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await client.query(`create database ${name} template rempart_template`);
      break;
    } catch (error) {
      if (attempt > 50 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await client.end();
  const config = adminConfig(name) as pg.PoolConfig;
  const pool = new pg.Pool({ ...config, max: 10 });
  // drop() ends the database with (force): idle clients then receive "terminating connection";
  // that is expected at teardown and must not surface as an unhandled error.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = kyselyFromPool(pool);
  return {
    db,
    pool,
    name,
    config,
    kind: inject('pgKind'),
    async drop() {
      await db.destroy();
      const c = new pg.Client(adminConfig('postgres'));
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
