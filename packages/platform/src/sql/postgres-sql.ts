// Sql over a pg Pool: every connection's search_path is the service's schema, created at open if missing.
import pg from 'pg';
import type { Logger } from '../logging.ts';
import { abortedCommitError, normalizeResult, transactionExecutor } from './executor.ts';
import { assertSchemaName, createSchemaIfMissing } from './schema.sql.ts';
import type { QueryResult, Sql, SqlConfig, SqlExecutor } from './sql.ts';
import { pgTypes } from './type-parsers.ts';

type PostgresConfig = Extract<SqlConfig, { kind: 'postgres' }>;

const DEFAULT_POOL_SIZE = 10;
/** Waiting longer than this for a free connection means the pool is exhausted or the server unreachable. */
const CONNECT_TIMEOUT_MS = 30_000;

async function run<R>(
  target: pg.Pool | pg.PoolClient,
  text: string,
  params?: readonly unknown[],
): Promise<QueryResult<R>> {
  // Without params pg uses the simple protocol, which allows several statements (migrations) and returns one result each.
  const raw = (await target.query(text, params ? [...params] : undefined)) as pg.QueryResult | pg.QueryResult[];
  const last = Array.isArray(raw) ? raw.at(-1) : raw;
  if (!last) return { rows: [], rowCount: 0 };
  return normalizeResult(last.rows as R[], last.command, last.rowCount);
}

async function rollbackQuietly(client: pg.PoolClient): Promise<boolean> {
  try {
    await client.query('ROLLBACK');
    return true;
  } catch {
    return false;
  }
}

async function inTransaction<T>(pool: pg.Pool, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const tx = transactionExecutor((text, params) => run(client, text, params));
  let reusable = true;
  try {
    await client.query('BEGIN');
    const value = await fn(tx.executor);
    const commit = await client.query('COMMIT');
    if (commit.command === 'ROLLBACK') throw abortedCommitError();
    return value;
  } catch (error) {
    reusable = await rollbackQuietly(client);
    throw error;
  } finally {
    tx.end();
    // A connection whose ROLLBACK failed is in an unknown state: destroy it instead of pooling it.
    client.release(reusable ? undefined : true);
  }
}

/** pool.end() resolves before its sockets close; close() waits for them so nothing outlives the handle. */
function trackConnections(pool: pg.Pool): { allEnded(): Promise<void> } {
  const open = new Set<pg.PoolClient>();
  pool.on('connect', (client) => {
    open.add(client);
    client.once('end', () => open.delete(client));
  });
  return {
    allEnded: async () => {
      await Promise.all([...open].map((client) => new Promise((resolve) => client.once('end', resolve))));
    },
  };
}

export async function createPostgresSql(config: PostgresConfig, logger?: Logger): Promise<Sql> {
  const { schema } = config;
  assertSchemaName(schema);
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? DEFAULT_POOL_SIZE,
    application_name: config.applicationName ?? `techcorp-${schema}`,
    // JIT off: every statement here is short OLTP work, and JIT's compile (hundreds of ms, triggered by the planner's
    // cost estimate, e.g. search's facet expansion over jsonb) would cost far more than it could save.
    options: `-c search_path=${schema} -c jit=off`,
    types: pgTypes,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', (error) => {
    if (logger) logger.warn({ error: error.message, schema }, 'idle PostgreSQL connection failed');
    else process.emitWarning(`idle PostgreSQL connection failed (${schema}): ${error.message}`);
  });

  try {
    await inTransaction(pool, (tx) => createSchemaIfMissing(tx, schema));
  } catch (error) {
    await pool.end();
    throw error;
  }

  const connected = trackConnections(pool);
  let closing: Promise<void> | undefined;
  return {
    dialect: 'postgres',
    schema,
    query: (text, params) => run(pool, text, params),
    transaction: (fn) => inTransaction(pool, fn),
    close: () => {
      closing ??= pool.end().then(connected.allEnded);
      return closing;
    },
  };
}
