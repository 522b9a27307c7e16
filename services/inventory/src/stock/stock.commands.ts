// Stock commands outside reservations: restocking a product into a warehouse (RESTOCK movement, stock_changed event).
import { enqueueOutbox, type SqlExecutor, unprocessable } from '@techcorp/platform';
import { stockChangedEnvelope } from '../outgoing.ts';
import type { AvailableCounters } from './available-counters.ts';
import { openLedger } from './stock.ledger.ts';
import { MAX_ON_HAND, type StockRow, StockRuleError } from './stock.policy.ts';
import { stockSql } from './stock.sql.ts';

export interface RestockInput {
  productId: string;
  warehouseId: string;
  quantity: number;
  note: string | null;
}

/** Adds units to a product's stock in one warehouse, creating the row when new; returns every row of the product. */
export async function restock(tx: SqlExecutor, input: RestockInput, counters: AvailableCounters): Promise<StockRow[]> {
  const productId = input.productId.toLowerCase();
  const repo = stockSql(tx);
  if (!(await repo.warehouseExists(input.warehouseId))) {
    throw unprocessable('unknown warehouse', [{ field: 'warehouse_id', message: 'is not a known warehouse' }]);
  }
  await repo.ensureRow(productId, input.warehouseId);
  const ledger = await openLedger(tx, [productId]);
  try {
    const change = { productId, warehouseId: input.warehouseId, kind: 'RESTOCK' as const, quantity: input.quantity };
    ledger.apply([change], { orderId: null, reservationId: null, note: input.note });
  } catch (error) {
    if (!(error instanceof StockRuleError)) throw error;
    throw unprocessable(`on hand would exceed ${MAX_ON_HAND}`, [{ field: 'quantity', message: 'is too large' }]);
  }
  const result = await ledger.write();
  await enqueueOutbox(
    tx,
    result.totals.map((t) => stockChangedEnvelope(t, null)),
  );
  if (result.lastMovementId !== null) counters.track([productId], result.lastMovementId);
  return ledger.rows();
}
