// Pieces both adapters share: result normalisation and a transaction handle that dies with its transaction.
import type { QueryResult, SqlExecutor } from './sql.ts';

type Run = (text: string, params?: readonly unknown[]) => Promise<QueryResult<unknown>>;

const DATA_CHANGES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** rowCount = affected rows for INSERT/UPDATE/DELETE/MERGE, rows returned for anything else. */
export function normalizeResult<R>(
  rows: R[],
  command: string | null | undefined,
  affected: number | null | undefined,
): QueryResult<R> {
  const rowCount = command && DATA_CHANGES.has(command) ? (affected ?? 0) : rows.length;
  return { rows, rowCount };
}

export interface TransactionExecutor {
  executor: SqlExecutor;
  /** After this, the executor throws: on pg its connection already serves someone else. */
  end(): void;
}

export function transactionExecutor(run: Run): TransactionExecutor {
  let open = true;
  const executor: SqlExecutor = {
    query<R>(text: string, params?: readonly unknown[]) {
      if (!open) return Promise.reject(new Error('transaction already finished: this executor can no longer be used'));
      return run(text, params) as Promise<QueryResult<R>>;
    },
  };
  return {
    executor,
    end() {
      open = false;
    },
  };
}

/** What both adapters throw when COMMIT ends a transaction an earlier error had aborted. */
export function abortedCommitError(): Error & { code: string } {
  return Object.assign(new Error('Transaction was rolled back instead of committed'), { code: '25P02' });
}
