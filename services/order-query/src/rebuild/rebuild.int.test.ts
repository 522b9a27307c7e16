// Rebuilding the read model from a replay feed on real PostgreSQL, RabbitMQ and Redis (and once on PGlite):
// live events during the rebuild reach the rebuilt model, which is swapped in and compares equal, row by row.
import type { Envelope, OrderSnapshot } from '@techcorp/contracts';
import { customerCaller, waitFor } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderPage } from '../queries/order-query.schemas.ts';
import { type FakeReplayFeed, startFakeReplayFeed } from '../testing/fake-replay-feed.ts';
import { advance, newOrder, orderEvent } from '../testing/order-fixtures.ts';
import { expectProblem, type OrderQueryHarness, startOrderQuery } from '../testing/order-query-harness.ts';
import { damageOrder, deleteOrder, itemRows, orderRows, shadowTablesExist } from '../testing/read-model-checks.sql.ts';
import type { RebuildStatus } from './rebuild.policy.ts';

const REBUILD = '/api/orders/read-model/rebuild';

/** An order's history as orders would publish it: created, confirmed, and for every other one shipped. */
function history(n: number): { events: Envelope[]; last: OrderSnapshot } {
  const placed = newOrder({ customerId: `rebuild-${n % 3}` });
  const snapshots = [placed, advance(placed, 4, { status: 'CONFIRMED' })];
  if (n % 2 === 0) snapshots.push(advance(placed, 5, { status: 'SHIPPED' }));
  return { events: snapshots.map((s) => orderEvent(s)), last: snapshots.at(-1)! };
}

async function untilFinished(h: OrderQueryHarness): Promise<RebuildStatus> {
  let status: RebuildStatus | undefined;
  await waitFor(
    async () => {
      status = (await h.request(REBUILD)).json<RebuildStatus>();
      return status.state === 'done' || status.state === 'failed';
    },
    { description: 'the rebuild to finish' },
  );
  return status!;
}

async function model(h: OrderQueryHarness) {
  return { orders: await orderRows(h.infra.sql), items: await itemRows(h.infra.sql) };
}

describe.each([
  ['real servers', false],
  ['embedded (PGlite)', true],
])('rebuild on %s', (_name, embedded) => {
  let h: OrderQueryHarness;
  let feed: FakeReplayFeed;

  beforeAll(async () => {
    feed = await startFakeReplayFeed();
    h = await startOrderQuery({
      embedded,
      urls: { orders: feed.url, auth: feed.url },
      env: {
        ORDER_QUERY_REBUILD_PAGE_SIZE: '3',
        ORDER_QUERY_CACHE_TTL_MS: '600000',
        SERVICE_CLIENT_ID: feed.client.id,
        SERVICE_CLIENT_SECRET: feed.client.secret,
      },
    });
  });
  afterAll(async () => {
    await h?.close();
    await feed?.close();
  });

  it('is admin-only and takes no parameters', async () => {
    expectProblem(await h.request(REBUILD, { method: 'POST', as: null }), 401);
    expectProblem(await h.request(REBUILD, { as: null }), 401);
    expectProblem(await h.request(REBUILD, { method: 'POST', as: customerCaller('rebuild-0') }), 403);
    expectProblem(await h.request(REBUILD, { method: 'POST', body: { from: 'x' } }), 400, 'body');
    expect((await h.request(REBUILD)).json()).toMatchObject({ state: 'idle', processed: 0 });
  });

  it('rebuilds while live events arrive, swaps at once, and the result equals the live model', async () => {
    const orders = Array.from({ length: 8 }, (_, n) => history(n));
    const all = orders.flatMap((o) => o.events);
    feed.add(...all);
    await h.deliverAll(all);

    feed.holdAfter(1);
    const started = await h.request(REBUILD, { method: 'POST' });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({ state: 'running', finished_at: null, error: null });
    expectProblem(await h.request(REBUILD, { method: 'POST' }), 409);
    await waitFor(() => feed.holding, { description: 'the second page held back' });

    // Live events while the rebuild is held: one for an order the replay already passed (reaches the shadow model
    // only through the projector's double write), one for an order still ahead, and a new order.
    const passed = orders.find((o) => feed.served.includes(o.last.orderId))!;
    const ahead = orders.find((o) => !feed.served.includes(o.last.orderId))!;
    const late = [
      orderEvent(advance(passed.last, 9, { status: 'DELIVERED' })),
      orderEvent(advance(ahead.last, 8, { status: 'DELIVERED' })),
      orderEvent(newOrder({ customerId: 'rebuild-late' })),
    ];
    feed.add(late[1]!, late[2]!);
    await h.deliverAll(late);

    // The live model keeps answering, untouched by the rebuild, and is what the rebuilt one must equal.
    const cachedPage = (await h.request('/api/orders?limit=100')).json<OrderPage>();
    expect(cachedPage.items).toHaveLength(9);
    const expected = await model(h);
    // Damage the live model: only the swap can repair it.
    await damageOrder(h.infra.sql, ahead.last.orderId);
    await deleteOrder(h.infra.sql, passed.last.orderId);

    feed.release();
    const finished = await untilFinished(h);
    expect(finished).toMatchObject({ state: 'done', error: null, processed: feed.messagesServed });
    expect(finished.finished_at).not.toBeNull();
    expect(await model(h)).toEqual(expected);
    expect(await shadowTablesExist(h.infra.sql)).toBe(false);
    expect(feed.authorizations.every((a) => a === `Bearer ${feed.client.token}`)).toBe(true);

    // Every cached answer was invalidated by the swap, and the projection keeps writing the swapped-in tables.
    const after = (await h.request('/api/orders?limit=100')).json<OrderPage>();
    expect(after.items.find((o) => o.order_id === passed.last.orderId)).toMatchObject({
      status: 'DELIVERED',
      version: 9,
    });
    const next = orderEvent(advance(ahead.last, 10, { status: 'DELIVERED' }));
    await h.deliver(next);
    expect((await orderRows(h.infra.sql)).find((r) => r.order_id === ahead.last.orderId)).toMatchObject({
      version: 10,
    });
  });

  it('records a failing feed as failed, leaves the live model alone, and can run again', async () => {
    const before = await model(h);
    feed.failWith(500);
    expect((await h.request(REBUILD, { method: 'POST' })).statusCode).toBe(202);
    const failed = await untilFinished(h);
    expect(failed).toMatchObject({ state: 'failed', error: expect.stringMatching(/500/) });
    expect(await model(h)).toEqual(before);
    expect(await shadowTablesExist(h.infra.sql)).toBe(false);

    feed.failWith(null);
    expect((await h.request(REBUILD, { method: 'POST' })).statusCode).toBe(202);
    expect(await untilFinished(h)).toMatchObject({ state: 'done', error: null });
  });
});
