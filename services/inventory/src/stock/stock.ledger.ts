// A transaction's view of locked stock rows: apply changes in memory under the policy, then write rows and movements once.
import type { SqlExecutor } from '@techcorp/platform';
import {
  applyChanges,
  type Movement,
  type ProductTotals,
  productTotals,
  type StockChange,
  type StockRow,
} from './stock.policy.ts';
import { type MovementContext, stockSql } from './stock.sql.ts';

export interface LedgerResult {
  /** Totals after the changes, for each product that changed. */
  totals: ProductTotals[];
  /** Id of the last movement written; null when nothing changed. */
  lastMovementId: number | null;
}

export interface Ledger {
  /** The locked rows as they stand after the changes applied so far. */
  rows(): StockRow[];
  /** Applies changes in memory; throws StockRuleError (nothing written) when one would break the invariant. */
  apply(changes: readonly StockChange[], context: MovementContext): void;
  /** Writes the changed rows and every movement; call once, inside the same transaction. */
  write(): Promise<LedgerResult>;
}

const key = (r: { productId: string; warehouseId: string }) => `${r.productId}\u0000${r.warehouseId}`;

/** Locks every row of the products (fixed order) and returns a ledger over them. */
export async function openLedger(tx: SqlExecutor, productIds: Iterable<string>): Promise<Ledger> {
  const repo = stockSql(tx);
  const ids = [...new Set(productIds)].sort();
  const current = new Map((await repo.lockProducts(ids)).map((r) => [key(r), r]));
  const changedKeys = new Set<string>();
  const movements: (Movement & MovementContext)[] = [];

  return {
    rows: () => [...current.values()],
    apply(changes, context) {
      const result = applyChanges([...current.values()], changes);
      for (const row of result.rows) {
        current.set(key(row), row);
        changedKeys.add(key(row));
      }
      for (const m of result.movements) movements.push({ ...m, ...context });
    },
    async write() {
      const changed = [...changedKeys].map((k) => current.get(k)!);
      await repo.saveRows(changed);
      const lastMovementId = await repo.insertMovements(movements);
      const touched = new Set(changed.map((r) => r.productId));
      const totals = productTotals([...current.values()].filter((r) => touched.has(r.productId)));
      return { totals, lastMovementId };
    },
  };
}
