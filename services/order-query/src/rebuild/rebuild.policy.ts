// The rebuild is a leased job (the platform's rules: one run at a time across instances); its row names its owner.
import type { LeasedJobRecord, LeasedJobStatus } from '@techcorp/platform';

export interface RebuildRecord extends LeasedJobRecord {
  owner: string | null;
}

export type RebuildStatus = LeasedJobStatus;
