// Pure reindex rules: when a reindex may be claimed, and the status an operator sees.

export type ReindexState = 'idle' | 'running' | 'failed' | 'done';

/** The reindex row as stored, timestamps as ISO text, with the database's clock reading. */
export interface ReindexRecord {
  state: ReindexState;
  runId: string | null;
  processed: number;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
  error: string | null;
  now: string;
}

export interface ReindexStatus {
  state: ReindexState;
  processed: number;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

/** A running reindex whose instance stopped reporting progress (it died) for longer than the lease. */
export function isAbandoned(record: ReindexRecord, leaseMs: number): boolean {
  if (record.state !== 'running') return false;
  const beat = record.heartbeatAt ?? record.startedAt;
  return beat === null || Date.parse(record.now) - Date.parse(beat) > leaseMs;
}

/** One reindex at a time, across instances: a new one may start unless one is running and alive. */
export function canClaim(record: ReindexRecord, leaseMs: number): boolean {
  return record.state !== 'running' || isAbandoned(record, leaseMs);
}

export function reindexStatus(record: ReindexRecord, leaseMs: number): ReindexStatus {
  const abandoned = isAbandoned(record, leaseMs);
  return {
    state: abandoned ? 'failed' : record.state,
    processed: record.processed,
    started_at: record.startedAt,
    finished_at: record.finishedAt,
    error: abandoned ? `abandoned: no progress for more than ${Math.round(leaseMs / 1000)} s` : record.error,
  };
}
