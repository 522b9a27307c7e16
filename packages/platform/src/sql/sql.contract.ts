// The Sql contract: one suite both adapters (pg, PGlite) must pass, so services see identical behaviour on each.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlTarget } from '../testing/databases.ts';
import { describeMigrationContract } from './migrate.contract.ts';
import type { Sql } from './sql.ts';

export interface SqlContractContext {
  /** Opens a handle (closed after the suite); a fresh unique schema unless one is named. */
  open(schema?: string): Promise<Sql>;
}

export const uniqueSchema = (prefix = 'c') => `${prefix}_${randomBytes(5).toString('hex')}`;

const errorOf = (work: Promise<unknown>) =>
  work.then(
    () => expect.fail('expected the statement to fail'),
    (error: unknown) => error as { code?: string; message: string },
  );

export function describeSqlContract(name: string, factory: () => Promise<SqlTarget>): void {
  describe(`Sql contract: ${name}`, () => {
    let target: SqlTarget;
    const handles: Sql[] = [];
    const context: SqlContractContext = {
      async open(schema = uniqueSchema()) {
        const sql = await target.open(schema);
        handles.push(sql);
        return sql;
      },
    };
    beforeAll(async () => {
      target = await factory();
    });
    afterAll(async () => {
      for (const sql of handles) await sql.close();
      await target?.dispose();
    });

    describeTypeMapping(context);
    describeResultsAndErrors(context);
    describeTransactions(context);
    describeMigrationContract(context);
  });
}

function describeTypeMapping(context: SqlContractContext): void {
  it('maps column types to the same JS values, with and without parameters', async () => {
    const sql = await context.open();
    await sql.query(`CREATE TABLE typed (
      id BIGSERIAL PRIMARY KEY, big BIGINT, small INTEGER, amount NUMERIC(12, 2), flag BOOLEAN, doc JSONB,
      at TIMESTAMPTZ, ref UUID, tags TEXT[], day DATE, counts BIGINT[])`);
    const ref = randomUUID();
    const doc = { b: [1, { c: 'x' }], a: null, nested: { ok: true } };
    const at = new Date('2024-05-06T07:08:09.123Z');
    const tags = ['a', 'b c', 'q"uote', 'comma,brace}'];
    await sql.query(
      `INSERT INTO typed (big, small, amount, flag, doc, at, ref, tags, day, counts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10), (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
      [Number.MAX_SAFE_INTEGER, 42, '12.5', true, JSON.stringify(doc), at, ref, tags, '2024-05-06', [1, 2]],
    );
    const expected = [
      { id: 1, big: Number.MAX_SAFE_INTEGER, small: 42, amount: '12.50', flag: true, doc, at, ref, tags },
      { id: 2, big: null, small: null, amount: null, flag: null, doc: null, at: null, ref: null, tags: null },
    ].map((row, i) => ({ ...row, day: i === 0 ? '2024-05-06' : null, counts: i === 0 ? [1, 2] : null }));
    const viaParams = await sql.query('SELECT * FROM typed WHERE id >= $1 ORDER BY id', [1]);
    const viaText = await sql.query('SELECT * FROM typed ORDER BY id');
    expect(viaParams.rows).toStrictEqual(expected);
    expect(viaText.rows).toStrictEqual(expected);
    const scalars = await sql.query(`SELECT count(*) AS n, 7::int8 AS i8, sum(small) AS total FROM typed`);
    expect(scalars.rows).toStrictEqual([{ n: 2, i8: 7, total: 42 }]);
  });
}

function describeResultsAndErrors(context: SqlContractContext): void {
  it('reports affected rows for writes and returned rows for reads', async () => {
    const sql = await context.open();
    expect((await sql.query('CREATE TABLE counted (id INT PRIMARY KEY, v TEXT)')).rowCount).toBe(0);
    expect((await sql.query('INSERT INTO counted VALUES (1, $1), (2, $1), (3, $2)', ['a', 'b'])).rowCount).toBe(3);
    const conflict = await sql.query('INSERT INTO counted VALUES (1, $1) ON CONFLICT DO NOTHING', ['z']);
    expect(conflict.rowCount).toBe(0);
    expect((await sql.query('UPDATE counted SET v = $1 WHERE v = $2', ['c', 'a'])).rowCount).toBe(2);
    const returning = await sql.query('DELETE FROM counted WHERE id = $1 RETURNING id', [3]);
    expect(returning).toStrictEqual({ rows: [{ id: 3 }], rowCount: 1 });
    expect((await sql.query('SELECT * FROM counted')).rowCount).toBe(2);
    expect((await sql.query('SELECT * FROM counted WHERE id > $1', [10])).rowCount).toBe(0);
    expect((await sql.query('UPDATE counted SET v = v; SELECT id FROM counted ORDER BY id')).rows).toStrictEqual([
      { id: 1 },
      { id: 2 },
    ]);
  });

  it('carries the SQLSTATE as `code` on errors', async () => {
    const sql = await context.open();
    await sql.query('CREATE TABLE uniq (id INT PRIMARY KEY)');
    await sql.query('INSERT INTO uniq VALUES (1)');
    expect((await errorOf(sql.query('INSERT INTO uniq VALUES ($1)', [1]))).code).toBe('23505');
    expect((await errorOf(sql.query('SELECT * FROM missing_table'))).code).toBe('42P01');
    const inTx = errorOf(sql.transaction((tx) => tx.query('INSERT INTO uniq VALUES (1)')));
    expect((await inTx).code).toBe('23505');
    // A swallowed error aborts the transaction; COMMIT must not pretend it succeeded.
    const swallowed = sql.transaction(async (tx) => {
      await tx.query('INSERT INTO uniq VALUES (2)');
      await tx.query('INSERT INTO uniq VALUES (1)').catch(() => undefined);
    });
    expect((await errorOf(swallowed)).code).toBe('25P02');
    expect((await sql.query('SELECT id FROM uniq')).rows).toStrictEqual([{ id: 1 }]);
  });

  it('keeps schemas apart through search_path', async () => {
    const [a, b] = [await context.open(), await context.open()];
    for (const [sql, value] of [
      [a, 'in a'],
      [b, 'in b'],
    ] as const) {
      await sql.query('CREATE TABLE items (v TEXT)');
      await sql.query('INSERT INTO items VALUES ($1)', [value]);
    }
    expect((await a.query('SELECT v, current_schema() AS s FROM items')).rows).toStrictEqual([
      { v: 'in a', s: a.schema },
    ]);
    expect((await b.query('SELECT v, current_schema() AS s FROM items')).rows).toStrictEqual([
      { v: 'in b', s: b.schema },
    ]);
    const interleaved = await Promise.all([a.query('SELECT v FROM items'), b.query('SELECT v FROM items')]);
    expect(interleaved.map((r) => r.rows[0])).toStrictEqual([{ v: 'in a' }, { v: 'in b' }]);
  });
}

function describeTransactions(context: SqlContractContext): void {
  it('commits on resolve, rolls back on throw, and retires the executor', async () => {
    const sql = await context.open();
    await sql.query('CREATE TABLE ledger (v TEXT)');
    let leaked: { query(text: string): Promise<unknown> } | undefined;
    const value = await sql.transaction(async (tx) => {
      leaked = tx;
      await tx.query('INSERT INTO ledger VALUES ($1)', ['kept']);
      return 'done';
    });
    expect(value).toBe('done');
    const boom = new Error('boom');
    await expect(
      sql.transaction(async (tx) => {
        await tx.query('INSERT INTO ledger VALUES ($1)', ['dropped']);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect((await sql.query('SELECT v FROM ledger')).rows).toStrictEqual([{ v: 'kept' }]);
    await expect(leaked!.query('SELECT 1')).rejects.toThrow(/transaction already finished/);
  });

  it('serialises 20 concurrent increments under SELECT ... FOR UPDATE, with plain queries interleaved', async () => {
    const sql = await context.open();
    await sql.query('CREATE TABLE counter (id INT PRIMARY KEY, n INT NOT NULL)');
    await sql.query('INSERT INTO counter VALUES (1, 0)');
    const increment = () =>
      sql.transaction(async (tx) => {
        const { rows } = await tx.query<{ n: number }>('SELECT n FROM counter WHERE id = 1 FOR UPDATE');
        await tx.query('UPDATE counter SET n = $1 WHERE id = 1', [rows[0]!.n + 1]);
      });
    const reads = () => sql.query<{ n: number }>('SELECT n FROM counter WHERE id = 1');
    const work = Array.from({ length: 20 }, (_, i) =>
      i % 4 === 0 ? Promise.all([increment(), reads()]) : increment(),
    );
    await Promise.all(work);
    expect((await reads()).rows).toStrictEqual([{ n: 20 }]);
  });
}
