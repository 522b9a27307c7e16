// Applies one order snapshot to a pair of read-model tables: decide (pure), then write only when it is newer.
import type { OrderSnapshot } from '@techcorp/contracts';
import type { SqlExecutor } from '@techcorp/platform';
import { decideProjection, type ProjectionDecision, readModelEntry } from './projection.decider.ts';
import { lockStoredVersion, type ReadModelTables, replaceItems, upsertOrderIfNewer } from './projection.sql.ts';

export interface ApplyResult {
  decision: ProjectionDecision;
  /** False when skipped, or when the guarded upsert found a newer row written concurrently. */
  applied: boolean;
}

export async function applySnapshot(
  tx: SqlExecutor,
  tables: ReadModelTables,
  snapshot: OrderSnapshot,
): Promise<ApplyResult> {
  const stored = await lockStoredVersion(tx, tables, snapshot.orderId);
  const decision = decideProjection(stored, snapshot.version);
  if (decision.kind === 'skip') return { decision, applied: false };
  const entry = readModelEntry(snapshot);
  // The guard repeats the decision inside the write: with the row absent there was nothing to lock above.
  if (!(await upsertOrderIfNewer(tx, tables, entry.order))) return { decision, applied: false };
  await replaceItems(tx, tables, snapshot.orderId, entry.items);
  return { decision, applied: true };
}
