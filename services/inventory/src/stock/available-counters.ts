// Redis counters `inventory:product:{id}:available` (seed 001): SET from committed totals, never read for decisions.
import type { KeyValueStore, Logger, Sql } from '@techcorp/platform';
import { stockSql } from './stock.sql.ts';

export const availableKey = (productId: string) => `inventory:product:${productId}:available`;

export interface AvailableCounters {
  /** Remembers products a transaction changed; `movementId` is its last movement, visible once it commits. */
  track(productIds: readonly string[], movementId: number): void;
  /** Sets the counters of every tracked product whose transaction has committed. Never throws. */
  flush(): Promise<void>;
  /** Sets the counter of every product from the database (at start). Never throws. */
  rebuildAll(): Promise<void>;
}

interface Pending {
  productIds: readonly string[];
  movementId: number;
  trackedAt: number;
}

/** A tracked change not visible after this long was rolled back; its products are set again by their next change. */
const ABANDON_AFTER_MS = 60_000;
const REBUILD_PAGE = 500;

export function createAvailableCounters(deps: { sql: Sql; kv: KeyValueStore; logger: Logger }): AvailableCounters {
  const { sql, kv, logger } = deps;
  let pending: Pending[] = [];
  const dirty = new Set<string>();
  // Flushes run one at a time: each reads the totals after the previous one wrote, so a later SET never carries an
  // older value (within this instance; across instances the next change of the product corrects it).
  let tail: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;

  async function confirmCommitted(): Promise<void> {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    try {
      const visible = await stockSql(sql).visibleMovements(batch.map((p) => p.movementId));
      const cutoff = Date.now() - ABANDON_AFTER_MS;
      for (const p of batch) {
        if (visible.has(p.movementId)) for (const id of p.productIds) dirty.add(id);
        else if (p.trackedAt > cutoff) pending.push(p);
      }
    } catch (error) {
      pending.push(...batch);
      throw error;
    }
  }

  async function writeDirty(): Promise<void> {
    if (dirty.size === 0) return;
    const ids = [...dirty];
    const totals = await stockSql(sql).totals(ids);
    await Promise.all(
      totals.map(async (t) => {
        await kv.set(availableKey(t.productId), String(t.available));
        dirty.delete(t.productId);
      }),
    );
    for (const id of ids) if (!totals.some((t) => t.productId === id)) dirty.delete(id);
  }

  async function flushOnce(): Promise<void> {
    try {
      await confirmCommitted();
      await writeDirty();
    } catch (error) {
      logger.warn({ err: error }, 'available counters not updated; retrying on the next flush');
    }
  }

  return {
    track(productIds, movementId) {
      pending.push({ productIds, movementId, trackedAt: Date.now() });
    },
    flush() {
      if (queued) return queued;
      const run = tail.then(() => {
        queued = null;
        return flushOnce();
      });
      queued = run;
      tail = run;
      return run;
    },
    rebuildAll() {
      // Chained like a flush, so an older total read here cannot overwrite a newer one a flush wrote.
      tail = tail.then(() => rebuild(sql, kv, logger));
      return tail;
    },
  };
}

async function rebuild(sql: Sql, kv: KeyValueStore, logger: Logger): Promise<void> {
  try {
    const repo = stockSql(sql);
    let after: string | null = null;
    for (;;) {
      const page = await repo.totalsPage(after, REBUILD_PAGE);
      await Promise.all(page.map((t) => kv.set(availableKey(t.productId), String(t.available))));
      if (page.length < REBUILD_PAGE) break;
      after = page[page.length - 1]!.productId;
    }
  } catch (error) {
    logger.warn({ err: error }, 'available counters not rebuilt');
  }
}
