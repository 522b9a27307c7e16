// Pure rules of a leased background job (a full reindex, a read-model rebuild): one run at a time across instances,
// kept alive by its progress reports; a run whose instance stopped reporting for longer than the lease is taken to
// be dead, shows as failed, and may be claimed by another.

export type LeasedJobState = 'idle' | 'running' | 'failed' | 'done';

/** The job's row as stored, timestamps as ISO text, with the database's clock reading. */
export interface LeasedJobRecord {
  state: LeasedJobState;
  processed: number;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
  error: string | null;
  now: string;
}

/** What an operator sees. */
export interface LeasedJobStatus {
  state: LeasedJobState;
  processed: number;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

/** A running job whose instance stopped reporting progress (it died) for longer than the lease. */
export function isAbandoned(record: LeasedJobRecord, leaseMs: number): boolean {
  if (record.state !== 'running') return false;
  const beat = record.heartbeatAt ?? record.startedAt;
  return beat === null || Date.parse(record.now) - Date.parse(beat) > leaseMs;
}

/** One run at a time, across instances: a new one may start unless one is running and alive. */
export function canClaim(record: LeasedJobRecord, leaseMs: number): boolean {
  return record.state !== 'running' || isAbandoned(record, leaseMs);
}

export function leasedJobStatus(record: LeasedJobRecord, leaseMs: number): LeasedJobStatus {
  const abandoned = isAbandoned(record, leaseMs);
  return {
    state: abandoned ? 'failed' : record.state,
    processed: record.processed,
    started_at: record.startedAt,
    finished_at: record.finishedAt,
    error: abandoned ? `abandoned: no progress for more than ${Math.round(leaseMs / 1000)} s` : record.error,
  };
}
