// Pure rebuild rules: when a rebuild may be claimed, and the status an operator sees.

export type RebuildState = 'idle' | 'running' | 'failed' | 'done';

/** The rebuild row as stored, timestamps as ISO text, with the database's clock reading. */
export interface RebuildRecord {
  state: RebuildState;
  owner: string | null;
  processed: number;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
  error: string | null;
  now: string;
}

export interface RebuildStatus {
  state: RebuildState;
  processed: number;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

/** A running rebuild whose owner stopped reporting progress (its instance died) for longer than the lease. */
export function isAbandoned(record: RebuildRecord, leaseMs: number): boolean {
  if (record.state !== 'running') return false;
  const beat = record.heartbeatAt ?? record.startedAt;
  return beat === null || Date.parse(record.now) - Date.parse(beat) > leaseMs;
}

/** One rebuild at a time: a new one may start unless one is running and still alive. */
export function canClaim(record: RebuildRecord, leaseMs: number): boolean {
  return record.state !== 'running' || isAbandoned(record, leaseMs);
}

export function rebuildStatus(record: RebuildRecord, leaseMs: number): RebuildStatus {
  const abandoned = isAbandoned(record, leaseMs);
  return {
    state: abandoned ? 'failed' : record.state,
    processed: record.processed,
    started_at: record.startedAt,
    finished_at: record.finishedAt,
    error: abandoned ? `abandoned: no progress for more than ${Math.round(leaseMs / 1000)} s` : record.error,
  };
}
