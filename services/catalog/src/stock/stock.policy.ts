// Pure rule for inventory's stock events: a product is in stock while any unit is available; late events lose.

export type StockOutcome = 'unknown' | 'stale' | 'unchanged' | 'flipped';

export interface StockState {
  inStock: boolean;
  /** The event is older than the last one applied to this product (a retry overtaken by a newer event). */
  stale: boolean;
}

/** What one inventory.stock_changed does to a product (null: catalog does not know the product). */
export function decideStock(current: StockState | null, available: number): StockOutcome {
  if (current === null) return 'unknown';
  if (current.stale) return 'stale';
  return current.inStock === available > 0 ? 'unchanged' : 'flipped';
}
