// The invariant check over everything a run did: no oversell, units sold = units in CONFIRMED orders, at most one
// successful charge per order (and none kept for an order that did not confirm), every saga terminal. Stock is read
// as the admin over the run's own route; charges straight from the provider sandbox (it is not behind the gateway).
import type { Api, Caller } from './api.ts';
import { httpJson } from './http-client.ts';
import type { Outcome } from './outcomes.ts';
import { type Db, nonTerminalSagas, oversoldStockRows, reservedUnits, unpublishedOutboxRows } from './resources.sql.ts';
import type { OrderLine, Seeded } from './seed.ts';
import type { Target } from './target.ts';

export interface InvariantResult {
  name: string;
  /** Offending items; 0 passes. Null: could not be checked here (see `note`). */
  violations: number | null;
  note?: string;
}

export interface AcceptedOrder {
  orderId: string;
  lines: OrderLine[];
}

interface Charge {
  status: string;
  amount: number;
  amount_refunded?: number;
  metadata?: Record<string, string>;
}

async function stockChecks(api: Api, admin: Caller, seeded: Seeded, confirmedUnits: Map<string, number>) {
  let oversold = 0;
  let mismatched = 0;
  let reserved = 0;
  for (const [productId, initial] of seeded.initialOnHand) {
    const res = await api.send(admin, 'GET', `/api/inventory/${productId}`);
    if (res.status !== 200)
      throw new Error(`stock of ${productId} answered ${res.status}: ${JSON.stringify(res.body)}`);
    const stock = res.body as { on_hand: number; reserved: number };
    if (stock.on_hand < 0 || stock.reserved < 0 || stock.reserved > stock.on_hand) oversold++;
    if (initial - stock.on_hand !== (confirmedUnits.get(productId) ?? 0)) mismatched++;
    reserved += stock.reserved;
  }
  return { oversold, mismatched, reserved };
}

async function chargeChecks(target: Target, orders: AcceptedOrder[], outcomes: Map<string, Outcome>) {
  const res = await httpJson(`${target.paymentProvider}/v1/charges`, { timeoutMs: 60_000 });
  const charges: Charge[] = Array.isArray(res.body) ? res.body : (res.body?.data ?? []);
  const succeeded = new Map<string, Charge[]>();
  for (const charge of charges) {
    const orderId = charge.metadata?.order_id;
    if (orderId && charge.status === 'succeeded') succeeded.set(orderId, [...(succeeded.get(orderId) ?? []), charge]);
  }
  let doubled = 0;
  let confirmedUnpaid = 0;
  let keptWithoutOrder = 0;
  for (const { orderId } of orders) {
    const mine = succeeded.get(orderId) ?? [];
    const kept = mine.filter((c) => (c.amount_refunded ?? 0) < c.amount);
    if (mine.length > 1) doubled++;
    const confirmed = outcomes.get(orderId)?.type === 'order.confirmed';
    if (confirmed && kept.length !== 1) confirmedUnpaid++;
    if (!confirmed && kept.length > 0) keptWithoutOrder++;
  }
  return { doubled, confirmedUnpaid, keptWithoutOrder };
}

/** A relay marks rows published only after the broker confirmed them, so allow a few seconds to settle. */
async function settledOutbox(db: Db): Promise<number> {
  const until = Date.now() + 5000;
  for (;;) {
    const pending = await unpublishedOutboxRows(db);
    if (pending === 0 || Date.now() > until) return pending;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Checker {
  target: Target;
  api: Api;
  admin: Caller;
}

export async function checkInvariants(
  { target, api, admin }: Checker,
  db: Db | null,
  seeded: Seeded,
  orders: AcceptedOrder[],
  outcomes: Map<string, Outcome>,
): Promise<InvariantResult[]> {
  const confirmedUnits = new Map<string, number>();
  for (const order of orders)
    if (outcomes.get(order.orderId)?.type === 'order.confirmed')
      for (const line of order.lines)
        confirmedUnits.set(line.productId, (confirmedUnits.get(line.productId) ?? 0) + line.quantity);

  const stock = await stockChecks(api, admin, seeded, confirmedUnits);
  const results: InvariantResult[] = [
    { name: 'oversold stock (seeded products, reserved > on_hand or a term < 0)', violations: stock.oversold },
    { name: 'products whose units sold != units in CONFIRMED orders', violations: stock.mismatched },
    { name: 'units still reserved after the drain', violations: stock.reserved },
    {
      name: 'orders with no terminal state after the drain',
      violations: orders.filter((o) => !outcomes.has(o.orderId)).length,
    },
  ];
  if (db) {
    const ids = orders.map((o) => o.orderId);
    results.push(
      { name: 'oversold stock rows (whole inventory, SQL)', violations: await oversoldStockRows(db) },
      {
        name: 'units reserved on seeded products (SQL)',
        violations: await reservedUnits(db, [...seeded.initialOnHand.keys()]),
      },
      { name: 'sagas not COMPLETED/COMPENSATED/FAILED (SQL)', violations: await nonTerminalSagas(db, ids) },
      { name: 'unpublished outbox rows (SQL)', violations: await settledOutbox(db) },
    );
  }
  if (target.paymentProvider) {
    const money = await chargeChecks(target, orders, outcomes);
    results.push(
      { name: 'double-charged orders (>1 succeeded charge)', violations: money.doubled },
      { name: 'CONFIRMED orders without exactly one kept charge', violations: money.confirmedUnpaid },
      { name: 'orders not CONFIRMED but still charged', violations: money.keptWithoutOrder },
    );
  } else {
    results.push({ name: 'double-charged orders', violations: null, note: 'no payment-provider URL given' });
  }
  return results;
}
