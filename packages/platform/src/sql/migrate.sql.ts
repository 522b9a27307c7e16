// Queries behind the migration runner: its lock, its bookkeeping table and its records.
import { advisoryLockKey, lockAdvisory } from './schema.sql.ts';
import type { SqlExecutor } from './sql.ts';

/** Serialises migration runs on one schema across processes; released when the transaction ends. */
export function lockMigrations(tx: SqlExecutor, schema: string): Promise<void> {
  return lockAdvisory(tx, advisoryLockKey('migrations', schema));
}

export async function ensureMigrationsTable(tx: SqlExecutor): Promise<void> {
  await tx.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       id TEXT PRIMARY KEY,
       applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
     )`,
  );
}

export async function isMigrationApplied(tx: SqlExecutor, id: string): Promise<boolean> {
  const { rowCount } = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [id]);
  return rowCount > 0;
}

export async function recordMigration(tx: SqlExecutor, id: string): Promise<void> {
  await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [id]);
}
