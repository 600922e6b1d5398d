// Opens the one PostgreSQL database: the embedded server by default, DATABASE_URL otherwise.
// Both run the same migrations and the same queries (no second dialect).
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: queries take this so callers choose. */
export type Queryable = Db | Tx;

// timestamptz → Date is pg's default; bigint (ledger seq, counts) stays a string to keep
// precision, converted where used.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

export interface DatabaseHandle {
  db: Db;
  pool: pg.Pool;
  kind: 'embedded' | 'server';
  embedded: EmbeddedPostgres | undefined;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  log: (message: string) => void;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  let embedded: EmbeddedPostgres | undefined;
  let poolConfig: pg.PoolConfig;
  if (options.databaseUrl) {
    poolConfig = { connectionString: options.databaseUrl };
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: options.dataDir, log: options.log });
    poolConfig = { ...embedded.connection };
  }
  const pool = new pg.Pool({ ...poolConfig, max: options.poolSize ?? 10, application_name: 'rempart' });
  // An idle client's error (server restarted) must not crash the process.
  pool.on('error', (error) => options.log(`database pool: ${error.message}`));
  pool.on('connect', (client) => {
    client.on('error', (error) => options.log(`database client: ${error.message}`));
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    kind: embedded ? 'embedded' : 'server',
    embedded,
    async close() {
      await db.destroy();
      if (embedded) await embedded.stop();
    },
  };
}

/** A Kysely instance over an existing pool (tests, CLI tools). */
export function kyselyFromPool(pool: pg.Pool): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
