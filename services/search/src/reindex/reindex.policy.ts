// The reindex is a leased job (the platform's rules: one run at a time across instances); its row names the run.
import type { LeasedJobRecord, LeasedJobStatus } from '@techcorp/platform';

export interface ReindexRecord extends LeasedJobRecord {
  runId: string | null;
}

export type ReindexStatus = LeasedJobStatus;
