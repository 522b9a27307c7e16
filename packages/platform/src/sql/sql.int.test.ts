// Runs the Sql contract on PostgreSQL and on PGlite, plus what only one adapter can show (deadlocks, persistence).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPgliteTarget,
  createPostgresTarget,
  createTestDatabase,
  type TestDatabase,
} from '../testing/databases.ts';
import { createSql } from './create-sql.ts';
import { loadMigrations, runMigrations } from './migrate.ts';
import { describeSqlContract, uniqueSchema } from './sql.contract.ts';
import type { Sql } from './sql.ts';

describeSqlContract('postgres', createPostgresTarget);
describeSqlContract('pglite (in memory)', createPgliteTarget);

describe('postgres adapter', () => {
  let database: TestDatabase;
  const handles: Sql[] = [];
  const open = async (schema = uniqueSchema('pgadapter')) => {
    const sql = await createSql({ kind: 'postgres', url: database.url, schema, applicationName: 'tc-sql-test' });
    handles.push(sql);
    return sql;
  };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(handles.map((sql) => sql.close()));
    await database.drop();
  });

  it('creates one schema safely when several processes start at once', async () => {
    const schema = uniqueSchema('race');
    const opened = await Promise.all(Array.from({ length: 4 }, () => open(schema)));
    const { rows } = await opened[0]!.query('SELECT count(*) AS n FROM pg_namespace WHERE nspname = $1', [schema]);
    expect(rows).toStrictEqual([{ n: 1 }]);
  });

  it('names its connections and rejects unsafe schema names', async () => {
    const sql = await open();
    const { rows } = await sql.query("SELECT current_setting('application_name') AS name");
    expect(rows).toStrictEqual([{ name: 'tc-sql-test' }]);
    await expect(open('Robert"); DROP')).rejects.toThrow(/invalid schema name/);
    await expect(open('pg_reserved')).rejects.toThrow(/invalid schema name/);
  });

  it('runs its connections with JIT off, so no short statement pays for a compile', async () => {
    const sql = await open();
    const { rows } = await sql.query("SELECT current_setting('jit') AS jit");
    expect(rows).toStrictEqual([{ jit: 'off' }]);
  });

  it('reports a deadlock as 40P01 and lets the other transaction commit', async () => {
    const sql = await open();
    await sql.query('CREATE TABLE pair (id INT PRIMARY KEY, n INT NOT NULL DEFAULT 0)');
    await sql.query('INSERT INTO pair (id) VALUES (1), (2)');
    let lockedFirst = 0;
    let release: () => void = () => undefined;
    const bothLocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const crossLock = (first: number, second: number) =>
      sql.transaction(async (tx) => {
        await tx.query('UPDATE pair SET n = n + 1 WHERE id = $1', [first]);
        lockedFirst += 1;
        if (lockedFirst === 2) release();
        await bothLocked;
        await tx.query('UPDATE pair SET n = n + 1 WHERE id = $1', [second]);
      });
    const outcomes = await Promise.allSettled([crossLock(1, 2), crossLock(2, 1)]);
    const failures = outcomes.filter((o) => o.status === 'rejected').map((o) => (o.reason as { code?: string }).code);
    expect(failures).toStrictEqual(['40P01']);
    expect((await sql.query('SELECT sum(n)::int AS total FROM pair')).rows).toStrictEqual([{ total: 2 }]);
  });
});

describe('pglite adapter', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'tc-pglite-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('persists to dataDir: data and migrations survive closing and reopening', async () => {
    const dataDir = join(folder, 'db');
    const migrations = [{ id: '001_notes', sql: 'CREATE TABLE notes (id BIGSERIAL PRIMARY KEY, body TEXT);' }];
    const first = await createSql({ kind: 'pglite', dataDir, schema: 'notes_svc' });
    const sibling = await createSql({ kind: 'pglite', dataDir, schema: 'other_svc' });
    expect(await runMigrations(first, migrations)).toStrictEqual(['000_platform_messaging', '001_notes']);
    await first.query('INSERT INTO notes (body) VALUES ($1)', ['kept across restarts']);
    await sibling.query('CREATE TABLE notes (body TEXT)');
    await Promise.all([first.close(), sibling.close()]);

    const reopened = await createSql({ kind: 'pglite', dataDir, schema: 'notes_svc' });
    try {
      expect(await runMigrations(reopened, migrations)).toStrictEqual([]);
      expect((await reopened.query('SELECT id, body FROM notes')).rows).toStrictEqual([
        { id: 1, body: 'kept across restarts' },
      ]);
    } finally {
      await reopened.close();
    }
  });

  it('gives a handle without dataDir its own private database', async () => {
    const [a, b] = await Promise.all([
      createSql({ kind: 'pglite', schema: 'same' }),
      createSql({ kind: 'pglite', schema: 'same' }),
    ]);
    try {
      await a.query('CREATE TABLE only_in_a (id INT)');
      expect((await b.query(`SELECT to_regclass('only_in_a') IS NULL AS absent`)).rows).toStrictEqual([
        { absent: true },
      ]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('loadMigrations', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'tc-migrations-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads NNN_name.sql files in number order, ignoring other files', async () => {
    const dir = join(folder, 'ok');
    await writeMigrationFiles(dir, { '010_later.sql': 'SELECT 10;', '002_first.sql': 'SELECT 2;', 'README.md': '#' });
    expect(await loadMigrations(pathToFileURL(dir))).toStrictEqual([
      { id: '002_first', sql: 'SELECT 2;' },
      { id: '010_later', sql: 'SELECT 10;' },
    ]);
  });

  it('fails on a misnamed or duplicate-numbered .sql file', async () => {
    await writeMigrationFiles(join(folder, 'bad'), { '001_a.sql': '', 'init.sql': '' });
    await expect(loadMigrations(pathToFileURL(join(folder, 'bad')))).rejects.toThrow(/not named NNN_name.sql/);
    await writeMigrationFiles(join(folder, 'dup'), { '001_a.sql': '', '001_b.sql': '' });
    await expect(loadMigrations(pathToFileURL(join(folder, 'dup')))).rejects.toThrow(/share a number/);
  });
});

async function writeMigrationFiles(dir: string, files: Record<string, string>): Promise<void> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) await writeFile(join(dir, name), body);
}
