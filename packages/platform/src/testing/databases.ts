// Throwaway PostgreSQL databases for integration tests: one per test file, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createSql } from '../sql/create-sql.ts';
import type { Sql } from '../sql/sql.ts';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

const adminUrl = () => process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function onAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl(), application_name: 'techcorp-tests' });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates `tc_test_<random>` on TEST_DATABASE_URL's server; fails (never skips) when the server is unreachable. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `tc_test_${randomBytes(6).toString('hex')}`;
  await onAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    drop() {
      // FORCE ends sessions a failed test left open, so cleanup never hangs on them.
      dropped ??= onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return dropped;
    },
  };
}

/** One database to open schema handles on; the shared suites run once per target kind. */
export interface SqlTarget {
  readonly kind: 'postgres' | 'pglite';
  open(schema: string): Promise<Sql>;
  /** Drops the PostgreSQL database; a PGlite one goes away when its last handle closes. */
  dispose(): Promise<void>;
}

export async function createPostgresTarget(): Promise<SqlTarget> {
  const database = await createTestDatabase();
  return {
    kind: 'postgres',
    open: (schema) => createSql({ kind: 'postgres', url: database.url, schema, poolSize: 5 }),
    dispose: () => database.drop(),
  };
}

/** An in-memory PGlite database shared by this target's handles (see pglite-sql.ts on `memory://`). */
export async function createPgliteTarget(): Promise<SqlTarget> {
  const dataDir = `memory://tc_test_${randomBytes(6).toString('hex')}`;
  return {
    kind: 'pglite',
    open: (schema) => createSql({ kind: 'pglite', dataDir, schema }),
    dispose: async () => undefined,
  };
}

export const sqlTargets = { postgres: createPostgresTarget, pglite: createPgliteTarget } as const;
