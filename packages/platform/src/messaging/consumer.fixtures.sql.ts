// SQL for the consumer tests: a table standing in for a service's effect, and counts of effects and inbox rows.
import type { Migration, SqlExecutor } from '../sql/sql.ts';

export const effectsMigration: Migration = {
  id: '001_test_effects',
  sql: 'CREATE TABLE effects (message_id UUID NOT NULL, note TEXT NOT NULL)',
};

export async function insertEffect(tx: SqlExecutor, messageId: string, note: string): Promise<void> {
  await tx.query('INSERT INTO effects (message_id, note) VALUES ($1, $2)', [messageId, note]);
}

export async function countEffects(sql: SqlExecutor): Promise<number> {
  const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM effects');
  return rows[0]!.n;
}

export async function countInbox(sql: SqlExecutor, consumer: string): Promise<number> {
  const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox WHERE consumer = $1', [
    consumer,
  ]);
  return rows[0]!.n;
}

export async function resetTables(sql: SqlExecutor): Promise<void> {
  await sql.query('TRUNCATE effects, inbox');
}
