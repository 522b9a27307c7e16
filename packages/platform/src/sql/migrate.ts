// Numbered SQL migrations: loaded from a folder, applied once each per schema, safe with many instances starting.
import { readdir, readFile } from 'node:fs/promises';
import { platformMigrations } from '../messaging/platform-migrations.ts';
import { ensureMigrationsTable, isMigrationApplied, lockMigrations, recordMigration } from './migrate.sql.ts';
import type { Migration, Sql } from './sql.ts';

const MIGRATION_FILE = /^(\d+)_[A-Za-z0-9_-]+\.sql$/;

function asFolder(dir: URL): URL {
  return dir.pathname.endsWith('/') ? dir : new URL(`${dir.href}/`);
}

/** Reads `NNN_name.sql` files in number order; a `.sql` file with another name is a mistake and fails loudly. */
export async function loadMigrations(dir: URL): Promise<Migration[]> {
  const folder = asFolder(dir);
  const files = (await readdir(folder)).filter((name) => name.endsWith('.sql'));
  const numbered = files.map((name) => {
    const match = MIGRATION_FILE.exec(name);
    if (!match) throw new Error(`migration file ${name} in ${folder.pathname} is not named NNN_name.sql`);
    return { name, number: Number(match[1]) };
  });
  numbered.sort((a, b) => a.number - b.number || a.name.localeCompare(b.name));
  for (let i = 1; i < numbered.length; i += 1) {
    if (numbered[i]!.number === numbered[i - 1]!.number) {
      throw new Error(`migrations ${numbered[i - 1]!.name} and ${numbered[i]!.name} share a number`);
    }
  }
  return Promise.all(
    numbered.map(async ({ name }) => ({
      id: name.slice(0, -'.sql'.length),
      sql: await readFile(new URL(name, folder), 'utf8'),
    })),
  );
}

function assertUniqueIds(migrations: readonly Migration[]): void {
  const seen = new Set<string>();
  for (const { id } of migrations) {
    if (seen.has(id)) throw new Error(`migration id ${id} appears twice`);
    seen.add(id);
  }
}

/** Applies the migration in its own transaction unless recorded; the advisory lock makes check-then-apply atomic. */
function applyOnce(sql: Sql, migration: Migration): Promise<boolean> {
  return sql.transaction(async (tx) => {
    await lockMigrations(tx, sql.schema);
    if (await isMigrationApplied(tx, migration.id)) return false;
    await tx.query(migration.sql);
    await recordMigration(tx, migration.id);
    return true;
  });
}

/** Applies platformMigrations then `migrations`, each at most once; returns the ids applied by this call. */
export async function runMigrations(sql: Sql, migrations: Migration[]): Promise<string[]> {
  const all = [...platformMigrations, ...migrations];
  assertUniqueIds(all);
  await sql.transaction(async (tx) => {
    await lockMigrations(tx, sql.schema);
    await ensureMigrationsTable(tx);
  });
  const applied: string[] = [];
  for (const migration of all) {
    if (await applyOnce(sql, migration)) applied.push(migration.id);
  }
  return applied;
}
