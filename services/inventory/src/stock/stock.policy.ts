// Pure stock rules: allocating requested items across warehouses and applying movements without breaking the invariant.

export interface StockRow {
  productId: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
}

export interface RequestedItem {
  productId: string;
  quantity: number;
}

export interface AllocatedLine {
  productId: string;
  warehouseId: string;
  quantity: number;
}

export interface Shortage {
  productId: string;
  requested: number;
  available: number;
}

export type Allocation = { kind: 'allocated'; lines: AllocatedLine[] } | { kind: 'short'; shortages: Shortage[] };

export const MOVEMENT_KINDS = ['RESERVE', 'RELEASE', 'EXPIRE', 'SALE', 'RESTOCK', 'RETURN', 'ADJUST'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** One change to one stock row; quantity is a positive magnitude except for ADJUST (a signed on-hand delta). */
export interface StockChange {
  productId: string;
  warehouseId: string;
  kind: MovementKind;
  quantity: number;
}

export interface Movement extends StockChange {
  onHandAfter: number;
  reservedAfter: number;
}

export interface ProductTotals {
  productId: string;
  onHand: number;
  reserved: number;
  available: number;
}

/** Upper bound for on_hand so sums stay far inside PostgreSQL's integer range. */
export const MAX_ON_HAND = 1_000_000_000;

/** A change that would break `on_hand = available + reserved` with no term below zero. */
export class StockRuleError extends Error {
  override readonly name = 'StockRuleError';
}

export const availableOf = (row: StockRow): number => row.onHand - row.reserved;

const rowKey = (productId: string, warehouseId: string) => `${productId}\u0000${warehouseId}`;

/** Sums repeated products so one product is allocated once; keeps first-seen order. */
export function mergeItems(items: readonly RequestedItem[]): RequestedItem[] {
  const merged = new Map<string, number>();
  for (const item of items) merged.set(item.productId, (merged.get(item.productId) ?? 0) + item.quantity);
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }));
}

/** Most available first, then warehouse id, so the same stock always yields the same allocation. */
function allocationOrder(a: StockRow, b: StockRow): number {
  const byAvailable = availableOf(b) - availableOf(a);
  if (byAvailable !== 0) return byAvailable;
  return a.warehouseId < b.warehouseId ? -1 : a.warehouseId > b.warehouseId ? 1 : 0;
}

/** All-or-nothing: every item is allocated across warehouses, or every short item is reported. */
export function allocate(items: readonly RequestedItem[], rows: readonly StockRow[]): Allocation {
  const lines: AllocatedLine[] = [];
  const shortages: Shortage[] = [];
  for (const item of mergeItems(items)) {
    const candidates = rows.filter((r) => r.productId === item.productId && availableOf(r) > 0).sort(allocationOrder);
    const total = candidates.reduce((sum, r) => sum + availableOf(r), 0);
    if (total < item.quantity) {
      shortages.push({ productId: item.productId, requested: item.quantity, available: total });
      continue;
    }
    let remaining = item.quantity;
    for (const row of candidates) {
      if (remaining === 0) break;
      const take = Math.min(availableOf(row), remaining);
      lines.push({ productId: item.productId, warehouseId: row.warehouseId, quantity: take });
      remaining -= take;
    }
  }
  return shortages.length > 0 ? { kind: 'short', shortages } : { kind: 'allocated', lines };
}

function effectOf(change: StockChange): { onHand: number; reserved: number } {
  const q = change.quantity;
  switch (change.kind) {
    case 'RESERVE':
      return { onHand: 0, reserved: q };
    case 'RELEASE':
    case 'EXPIRE':
      return { onHand: 0, reserved: -q };
    case 'SALE':
      return { onHand: -q, reserved: -q };
    case 'RESTOCK':
    case 'RETURN':
    case 'ADJUST':
      return { onHand: q, reserved: 0 };
    default: {
      const unknownKind: never = change.kind;
      throw new StockRuleError(`unknown movement kind ${String(unknownKind)}`);
    }
  }
}

function checkQuantity(change: StockChange): void {
  const valid = Number.isSafeInteger(change.quantity) && (change.kind === 'ADJUST' || change.quantity > 0);
  if (!valid || change.quantity === 0) throw new StockRuleError(`invalid ${change.kind} quantity ${change.quantity}`);
}

function checkInvariant(row: StockRow): void {
  if (row.reserved < 0) throw new StockRuleError(`reserved below zero for ${row.productId}@${row.warehouseId}`);
  if (row.reserved > row.onHand) throw new StockRuleError(`oversold ${row.productId}@${row.warehouseId}`);
  if (row.onHand > MAX_ON_HAND) throw new StockRuleError(`on hand above ${MAX_ON_HAND} for ${row.productId}`);
}

/** Applies changes in order to copies of the rows; returns the touched rows and one movement per change. */
export function applyChanges(
  rows: readonly StockRow[],
  changes: readonly StockChange[],
): { rows: StockRow[]; movements: Movement[] } {
  const byKey = new Map(rows.map((r) => [rowKey(r.productId, r.warehouseId), { ...r }]));
  const touched = new Map<string, StockRow>();
  const movements: Movement[] = [];
  for (const change of changes) {
    checkQuantity(change);
    const key = rowKey(change.productId, change.warehouseId);
    const row = byKey.get(key);
    if (!row) throw new StockRuleError(`no stock row for ${change.productId}@${change.warehouseId}`);
    const effect = effectOf(change);
    row.onHand += effect.onHand;
    row.reserved += effect.reserved;
    checkInvariant(row);
    touched.set(key, row);
    movements.push({ ...change, onHandAfter: row.onHand, reservedAfter: row.reserved });
  }
  return { rows: [...touched.values()], movements };
}

/** Totals per product across its warehouses (rows must hold every warehouse of each product). */
export function productTotals(rows: readonly StockRow[]): ProductTotals[] {
  const totals = new Map<string, ProductTotals>();
  for (const row of rows) {
    const t = totals.get(row.productId) ?? { productId: row.productId, onHand: 0, reserved: 0, available: 0 };
    t.onHand += row.onHand;
    t.reserved += row.reserved;
    t.available = t.onHand - t.reserved;
    totals.set(row.productId, t);
  }
  return [...totals.values()];
}
