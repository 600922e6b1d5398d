// Vitest global setup for database projects: starts one PostgreSQL (the embedded one, through
// Rempart's own adapter, or a Debian server), migrates a template database once, and hands its
// address to the test files, which clone it per file (tests/support/db.ts).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/adapters/db/embedded-postgres.js';
import { migrate } from '../../src/adapters/db/migrate.js';
import { migrateQueue } from '../../src/jobs/queue.js';
import { startSystemPg } from './pg-server.js';

export const TEMPLATE_DB = 'rempart_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdmin: pg.ClientConfig;
    pgKind: 'embedded' | 'server';
  }
}

export default async function setup(project: TestProject) {
  const kind = process.env.TEST_DB_KIND === 'server' ? 'server' : 'embedded';
  let admin: pg.ClientConfig;
  let stop: () => Promise<void>;
  if (kind === 'embedded') {
    const dataDir = await mkdtemp(join(tmpdir(), 'rempart-embedded-test-'));
    await chmod(dataDir, 0o755);
    const embedded = await startEmbeddedPostgres({ dataDir, log: () => undefined });
    admin = { ...embedded.connection, database: 'postgres' };
    stop = async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(embedded.baseDir, { recursive: true, force: true });
    };
  } else {
    const server = await startSystemPg();
    admin = { connectionString: server.url('postgres') };
    stop = server.stop;
  }
  const client = new pg.Client(admin);
  await client.connect();
  await client.query(`drop database if exists ${TEMPLATE_DB}`);
  await client.query(`create database ${TEMPLATE_DB}`);
  await client.end();
  const pool = new pg.Pool({ ...admin, ...(admin.connectionString ? { connectionString: admin.connectionString.replace(/\/postgres$/, `/${TEMPLATE_DB}`) } : { database: TEMPLATE_DB }) });
  pool.on('error', () => undefined);
  pool.on('connect', (c) => c.on('error', () => undefined));
  await migrate(pool);
  await migrateQueue(pool);
  await pool.end();
  project.provide('pgAdmin', admin);
  project.provide('pgKind', kind);
  return stop;
}
