// The migration part of the Sql contract: each migration applied once, atomically, even from two handles at once.
import { expect, it } from 'vitest';
import { platformMigrations } from '../messaging/platform-migrations.ts';
import { runMigrations } from './migrate.ts';
import type { SqlContractContext } from './sql.contract.ts';
import type { Migration, Sql } from './sql.ts';

const serviceMigrations: Migration[] = [
  { id: '001_products', sql: 'CREATE TABLE products (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL);' },
  {
    id: '002_seed',
    sql: `ALTER TABLE products ADD COLUMN price INTEGER NOT NULL DEFAULT 0;
          INSERT INTO products (name, price) VALUES ('first', 100);`,
  },
];
const allIds = [...platformMigrations, ...serviceMigrations].map((m) => m.id);

const appliedIds = async (sql: Sql) =>
  (await sql.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')).rows.map((row) => row.id);

export function describeMigrationContract(context: SqlContractContext): void {
  it('applies platform then service migrations once, and nothing when run again', async () => {
    const sql = await context.open();
    expect(await runMigrations(sql, serviceMigrations)).toStrictEqual(allIds);
    expect(await runMigrations(sql, serviceMigrations)).toStrictEqual([]);
    expect((await sql.query('SELECT name, price FROM products')).rows).toStrictEqual([{ name: 'first', price: 100 }]);
    expect((await sql.query('SELECT count(*) AS n FROM outbox')).rows).toStrictEqual([{ n: 0 }]);
    expect(await appliedIds(sql)).toStrictEqual(allIds);
  });

  it('applies each migration exactly once when two handles migrate one schema at the same time', async () => {
    const first = await context.open();
    const second = await context.open(first.schema);
    const results = await Promise.all([
      runMigrations(first, serviceMigrations),
      runMigrations(second, serviceMigrations),
    ]);
    expect(results.flat().sort()).toStrictEqual([...allIds].sort());
    expect((await first.query('SELECT count(*) AS n FROM products')).rows).toStrictEqual([{ n: 1 }]);
  });

  it('rolls back a failing migration whole and leaves it unrecorded', async () => {
    const sql = await context.open();
    const broken: Migration = {
      id: '003_broken',
      sql: 'CREATE TABLE half_done (id INT); INSERT INTO no_such_table VALUES (1);',
    };
    await expect(runMigrations(sql, [...serviceMigrations, broken])).rejects.toMatchObject({ code: '42P01' });
    expect((await sql.query(`SELECT to_regclass('half_done') IS NULL AS gone`)).rows).toStrictEqual([{ gone: true }]);
    expect(await appliedIds(sql)).toStrictEqual(allIds);
    const fixed: Migration = { id: '003_broken', sql: 'CREATE TABLE half_done (id INT);' };
    expect(await runMigrations(sql, [...serviceMigrations, fixed])).toStrictEqual(['003_broken']);
  });

  it('rejects duplicate migration ids before touching the database', async () => {
    const sql = await context.open();
    const twice = [serviceMigrations[0]!, serviceMigrations[0]!];
    await expect(runMigrations(sql, twice)).rejects.toThrow(/appears twice/);
    expect((await sql.query(`SELECT to_regclass('schema_migrations') IS NULL AS absent`)).rows).toStrictEqual([
      { absent: true },
    ]);
  });
}
