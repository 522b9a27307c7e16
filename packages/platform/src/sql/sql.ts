// The SQL port: one interface, two adapters (PostgreSQL via pg, embedded PGlite); identical query text for both.

export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/** Anything that runs a parameterised statement: the pool itself, or an open transaction. */
export interface SqlExecutor {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

export interface Sql extends SqlExecutor {
  readonly dialect: 'postgres' | 'pglite';
  /** The schema this handle works in; it is the connection's search_path. */
  readonly schema: string;
  /**
   * Runs fn in one transaction (READ COMMITTED); commits when it resolves, rolls back when it throws.
   * Inside fn use only `tx`: on PGlite the single connection is held for the whole transaction.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type SqlConfig =
  | { kind: 'postgres'; url: string; schema: string; poolSize?: number; applicationName?: string }
  | { kind: 'pglite' /** folder to persist in; undefined keeps it in memory */; dataDir?: string; schema: string };

/** A numbered migration owned by one service; `id` orders them ("001_init"). */
export interface Migration {
  id: string;
  sql: string;
}
