// Redelivery storms on real PostgreSQL, RabbitMQ and Redis: with every message delivered three times, in another
// order, each checkout scenario must end in exactly the state a clean run reaches.
import { customerCaller, waitFor } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from './support/http.ts';
import { type PlatformUnderTest, startPlatformUnderTest } from './support/platform-under-test.ts';
import {
  chargesFor,
  createStockedProduct,
  orderBody,
  placeAndWait,
  type Shop,
  stockOf,
  waitForStatus,
} from './support/shop.ts';
import { type StormBus, stormBus } from './support/storm-bus.ts';

const SEED = Number(process.env.STORM_SEED ?? 20_240_611);

interface Run {
  orders: string[];
  products: string[];
  /** Cancel races the saga: which steps ran before it is timing, so only the outcome is compared. */
  racy?: boolean;
}

const single =
  (stock: number, quantity: number, token = 'tok_visa') =>
  async (shop: Shop): Promise<Run> => {
    const product = await createStockedProduct(shop, 1000, { main: stock });
    const placed = await placeAndWait(shop, orderBody(product, quantity, token));
    return { orders: [placed.body.order_id], products: [product] };
  };

async function cancel(shop: Shop, orderId: string): Promise<void> {
  const res = await http(`${shop.urls.orders}/api/orders/${orderId}`, { method: 'DELETE' });
  expect([200, 202], JSON.stringify(res.body)).toContain(res.status);
  await waitForStatus(shop, orderId, ['CANCELLED']);
}

const SCENARIOS: Record<string, (shop: Shop) => Promise<Run>> = {
  'tok_visa x3': async (shop) => {
    const product = await createStockedProduct(shop, 1000, { main: 10 });
    const placed = await Promise.all(
      [1, 2, 3].map((quantity, i) =>
        placeAndWait(shop, orderBody(product, quantity, 'tok_visa'), {}, customerCaller(`storm-${i}`)),
      ),
    );
    return { orders: placed.map((p) => p.body.order_id), products: [product] };
  },
  tok_chargeDeclined: single(5, 2, 'tok_chargeDeclined'),
  'insufficient stock': single(2, 3),
  'cancel after confirm': async (shop) => {
    const run = await single(5, 2)(shop);
    await waitForStatus(shop, run.orders[0]!, ['CONFIRMED']);
    await cancel(shop, run.orders[0]!);
    return run;
  },
  'cancel right after placing': async (shop) => {
    const product = await createStockedProduct(shop, 1000, { main: 5 });
    const placed = await http(`${shop.urls.orders}/api/orders`, { body: orderBody(product, 2) });
    await cancel(shop, placed.body.order_id);
    return { orders: [placed.body.order_id], products: [product], racy: true };
  },
  tok_flaky: single(5, 1, 'tok_flaky'),
};

async function runScenarios(shop: Shop): Promise<Record<string, Run>> {
  const names = Object.keys(SCENARIOS);
  const runs = await Promise.all(names.map((name) => SCENARIOS[name]!(shop)));
  return Object.fromEntries(names.map((name, i) => [name, runs[i]!]));
}

async function orderEnd(shop: Shop, orderId: string, racy: boolean, refunds: { charge: string }[]) {
  const order = await waitForStatus(shop, orderId, ['CONFIRMED', 'FAILED', 'CANCELLED']);
  const charges = (await chargesFor(shop, orderId)).filter((c) => c.status === 'succeeded');
  const refundCount = refunds.filter((r) => charges.some((c) => c.id === r.charge)).length;
  const outcome = {
    status: order.status,
    reason: typeof order.failure_reason === 'string' ? order.failure_reason.split(':')[0] : null,
    saga: order.saga?.state ?? null,
  };
  if (racy) {
    const settled = order.payment.captured === order.payment.refunded;
    return { ...outcome, settled, netCharges: charges.length - refundCount };
  }
  const { captured, refunded } = order.payment;
  return { ...outcome, captured, refunded, version: order.version, charges: charges.length, refunds: refundCount };
}

/** What must not depend on delivery order or duplicates: orders, money at the provider, stock. */
async function endStates(shop: Shop, runs: Record<string, Run>) {
  const listed = await http(`${shop.urls['payment-provider']}/v1/refunds`);
  const refunds: { charge: string }[] = Array.isArray(listed.body) ? listed.body : listed.body.data;
  const states: Record<string, unknown> = {};
  for (const [name, run] of Object.entries(runs)) {
    const orders = [];
    for (const id of run.orders) orders.push(await orderEnd(shop, id, run.racy ?? false, refunds));
    const stock = [];
    for (const product of run.products) {
      const { on_hand, reserved, available } = await stockOf(shop, product);
      stock.push({ on_hand, reserved, available });
    }
    states[name] = { orders, stock };
  }
  return states;
}

describe(`redelivery storm on real infrastructure (seed ${SEED})`, () => {
  let clean: PlatformUnderTest;
  let stormy: PlatformUnderTest;
  let storm: StormBus | undefined;
  let expected: Record<string, unknown>;
  let actual: Record<string, unknown>;

  beforeAll(async () => {
    clean = await startPlatformUnderTest();
    stormy = await startPlatformUnderTest({}, 'real', {
      wrapBus: (bus) => {
        storm = stormBus(bus, { copies: 3, maxDelayMs: 50, seed: SEED });
        return storm;
      },
    });
    const [cleanRuns, stormRuns] = await Promise.all([runScenarios(clean), runScenarios(stormy)]);
    expected = await endStates(clean, cleanRuns);
    // Late copies still arriving must change nothing either: read the stormy state once they all passed through.
    await waitFor(() => storm!.drained(), { timeoutMs: 30_000, description: 'the storm passed through' });
    actual = await endStates(stormy, stormRuns);
  });
  afterAll(async () => {
    await stormy?.close();
    await clean?.close();
  });

  it('really stormed: extra copies were published and consumers were handed duplicates', () => {
    const stats = storm!.stats();
    expect(stats.published).toBeGreaterThan(0);
    expect(stats.extraCopies).toBeGreaterThan(stats.published);
    expect(stats.duplicateDeliveries).toBeGreaterThan(0);
  });

  it('the clean run reached the outcomes each scenario is about', () => {
    const statuses = (name: string) =>
      (expected[name] as { orders: { status: string }[] }).orders.map((order) => order.status);
    expect(statuses('tok_visa x3')).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED']);
    expect(statuses('tok_chargeDeclined')).toEqual(['FAILED']);
    expect(statuses('insufficient stock')).toEqual(['FAILED']);
    expect(statuses('cancel after confirm')).toEqual(['CANCELLED']);
    expect(statuses('cancel right after placing')).toEqual(['CANCELLED']);
    expect(statuses('tok_flaky')).toEqual(['CONFIRMED']);
    expect(expected['tok_visa x3']).toMatchObject({ stock: [{ on_hand: 4, reserved: 0, available: 4 }] });
  });

  it('dead-lettered nothing: every duplicate was dropped, none failed', async () => {
    for (const [service, queue] of [
      ['inventory', 'inventory.commands'],
      ['payments', 'payments.commands'],
    ] as const) {
      const res = await http(`${stormy.urls[service]}/admin/dead-letters`, { admin: true });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([{ queue, depth: 0 }]);
      const metrics = await http(`${stormy.urls[service]}/metrics`);
      expect(metrics.body).toMatch(new RegExp(`bus_dead_letter_depth\\{[^}]*queue="${queue}"[^}]*\\} 0`));
    }
  });

  it.each(Object.keys(SCENARIOS))('%s ends in the same state as the clean run', (name) => {
    expect(actual[name]).toEqual(expected[name]);
  });
});
