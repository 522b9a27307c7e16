// Sql over embedded PGlite. Handles naming the same dataDir share one instance (one database, a schema each).
// dataDir: undefined = a private in-memory database; 'memory://name' = an in-memory database shared by name
// within the process; a folder = persisted there (one instance per folder, never two on the same files).
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { serialQueue } from '../serial-queue.ts';
import { normalizeResult, transactionExecutor } from './executor.ts';
import { assertSchemaName, createSchemaIfMissing, setSearchPathStatement } from './schema.sql.ts';
import type { QueryResult, Sql, SqlConfig, SqlExecutor } from './sql.ts';
import { pgliteParsers } from './type-parsers.ts';

type PgliteConfig = Extract<SqlConfig, { kind: 'pglite' }>;

interface Database {
  db: PGlite;
  /** Whose search_path the single connection has now. */
  searchPath: string | null;
  /** PGlite has one connection: this queue keeps SET search_path and the work it scopes together. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

interface Entry {
  ready: Promise<Database>;
  handles: number;
}

const entries = new Map<string, Entry>();
/** A folder's instance still closing: a new one on the same files must wait for it. */
const closing = new Map<string, Promise<void>>();

async function openDatabase(dataDir: string | undefined): Promise<Database> {
  // PGlite creates only the last folder of the path itself.
  if (dataDir && !dataDir.startsWith('memory://')) await mkdir(dirname(resolve(dataDir)), { recursive: true });
  // pg_trgm (trigram similarity, for typo-tolerant search) is the one contrib extension a service uses; the real
  // PostgreSQL has it as well, so migrations may CREATE EXTENSION it on either.
  const db = await PGlite.create(dataDir, { parsers: pgliteParsers, extensions: { pg_trgm } });
  return { db, searchPath: null, exclusive: serialQueue() };
}

const closeDatabase = (database: Database) => database.exclusive(() => database.db.close());

function sharingKey(dataDir: string | undefined): string | undefined {
  if (dataDir === undefined) return undefined;
  return dataDir.startsWith('memory://') ? dataDir : resolve(dataDir);
}

function releaseShared(key: string, entry: Entry, database: Database): Promise<void> {
  entry.handles -= 1;
  if (entry.handles > 0) return Promise.resolve();
  if (entries.get(key) === entry) entries.delete(key);
  const done = closeDatabase(database);
  closing.set(key, done);
  const forget = () => {
    if (closing.get(key) === done) closing.delete(key);
  };
  done.then(forget, forget);
  return done;
}

async function acquire(dataDir: string | undefined): Promise<{ database: Database; release(): Promise<void> }> {
  const key = sharingKey(dataDir);
  if (key === undefined) {
    const database = await openDatabase(undefined);
    return { database, release: () => closeDatabase(database) };
  }
  let entry = entries.get(key);
  if (!entry) {
    const created: Entry = { ready: (closing.get(key) ?? Promise.resolve()).then(() => openDatabase(key)), handles: 0 };
    created.ready.catch(() => {
      if (entries.get(key) === created) entries.delete(key);
    });
    entries.set(key, created);
    entry = created;
  }
  // Counted before awaiting, so a handle closing meanwhile cannot close the instance under us.
  entry.handles += 1;
  const counted = entry;
  try {
    const database = await counted.ready;
    return { database, release: () => releaseShared(key, counted, database) };
  } catch (error) {
    counted.handles -= 1;
    throw error;
  }
}

async function run<R>(
  target: PGlite | Transaction,
  text: string,
  params?: readonly unknown[],
): Promise<QueryResult<R>> {
  if (params && params.length > 0) {
    const result = await target.query<R>(text, [...params]);
    return normalizeResult(result.rows, result.command, result.rowCount ?? result.affectedRows);
  }
  // The simple protocol (exec) accepts several statements, as migrations need; the last one's result counts.
  const last = (await target.exec(text)).at(-1);
  if (!last) return { rows: [], rowCount: 0 };
  return normalizeResult(last.rows as R[], last.command, last.rowCount ?? last.affectedRows);
}

export async function createPgliteSql(config: PgliteConfig): Promise<Sql> {
  const { schema } = config;
  assertSchemaName(schema);
  const { database, release } = await acquire(config.dataDir);
  const { db } = database;

  async function useSchema(): Promise<void> {
    if (database.searchPath === schema) return;
    await db.exec(setSearchPathStatement(schema));
    database.searchPath = schema;
  }

  function exclusively<T>(fn: () => Promise<T>): Promise<T> {
    return database.exclusive(async () => {
      await useSchema();
      return fn();
    });
  }

  function transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return exclusively(() =>
      db.transaction(async (ptx) => {
        const tx = transactionExecutor((text, params) => run(ptx, text, params));
        try {
          return await fn(tx.executor);
        } finally {
          tx.end();
        }
      }),
    );
  }

  let closed: Promise<void> | undefined;
  const sql: Sql = {
    dialect: 'pglite',
    schema,
    query: (text, params) => exclusively(() => run(db, text, params)),
    transaction,
    close: () => {
      closed ??= release();
      return closed;
    },
  };

  try {
    // SET search_path accepts a schema that does not exist yet, so creating it inside the first transaction is fine.
    await transaction((tx) => createSchemaIfMissing(tx, schema));
  } catch (error) {
    await sql.close();
    throw error;
  }
  return sql;
}
