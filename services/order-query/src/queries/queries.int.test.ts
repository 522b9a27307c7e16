// The read API on real PostgreSQL, RabbitMQ and Redis over a fixed set of orders: filters, keyset paging, search,
// analytics and input validation.
import { customerCaller } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET, EXPECTED_ANALYTICS, WINDOW } from '../testing/order-dataset.ts';
import { orderEvent } from '../testing/order-fixtures.ts';
import { expectProblem, type OrderQueryHarness, startOrderQuery } from '../testing/order-query-harness.ts';
import type { OrderPage, OrderView } from './order-query.schemas.ts';

let h: OrderQueryHarness;
const IN_WINDOW = `created_from=${WINDOW.from}&created_to=${WINDOW.to}`;

beforeAll(async () => {
  h = await startOrderQuery();
  await h.deliverAll(DATASET.map((s) => orderEvent(s)));
});
afterAll(async () => {
  await h?.close();
});

const numbers = (items: readonly OrderView[]) => items.map((o) => o.order_number);

async function pageThrough(url: string): Promise<{ orders: OrderView[]; pages: number }> {
  const orders: OrderView[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const response = await h.request(`${url}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    const page: OrderPage = response.json<OrderPage>();
    orders.push(...page.items);
    cursor = page.next_cursor;
    pages += 1;
  } while (cursor !== null && pages < 20);
  return { orders, pages };
}

const byKey = (key: (o: (typeof DATASET)[number]) => number, dir: 1 | -1) =>
  [...DATASET].sort((a, b) => dir * (key(a) - key(b) || (a.orderId < b.orderId ? -1 : 1))).map((o) => o.orderNumber);

describe('listing', () => {
  it('pages newest first with no duplicates and no gaps, ties on created_at broken by order id', async () => {
    const { orders, pages } = await pageThrough(`/api/orders?${IN_WINDOW}&limit=2`);
    expect(pages).toBe(5);
    expect(numbers(orders)).toEqual(byKey((o) => Date.parse(o.createdAt), -1));
  });

  it('sorts by total ascending across pages, ties broken by order id', async () => {
    const { orders } = await pageThrough(`/api/orders?${IN_WINDOW}&sort=total&direction=asc&limit=2`);
    expect(numbers(orders)).toEqual(byKey((o) => o.total, 1));
  });

  it('includes the lines and money as minor units with the currency', async () => {
    const page = (
      await h.request(`/api/orders?${IN_WINDOW}&customer_id=cust-a&sort=total&direction=desc`)
    ).json<OrderPage>();
    expect(page.items[0]).toMatchObject({
      order_number: 'TC-2024-000103',
      status: 'DELIVERED',
      total: 93_970,
      currency: 'BRL',
      version: 3,
      created_at: '2024-05-01T12:00:00.000Z',
      items: [
        { product_name: 'Trail Shoe', quantity: 2, price: 45_990, line_total: 91_980 },
        { product_name: 'Wool Socks', quantity: 1, price: 1_990, line_total: 1_990 },
      ],
    });
  });

  it('filters by several statuses, customer, creation range and total range', async () => {
    const get = async (query: string) => {
      const window = query.includes('created_from') ? '' : `${IN_WINDOW}&`;
      const response = await h.request(`/api/orders?${window}sort=created_at&direction=asc&${query}`);
      expect(response.statusCode, response.body).toBe(200);
      // Which orders match is under test here; their order (ties on created_at) is tested with paging.
      return numbers(response.json<OrderPage>().items).sort();
    };
    expect(await get('status=CONFIRMED,SHIPPED')).toEqual([
      'TC-2024-000101',
      'TC-2024-000106',
      'TC-2024-000107',
      'TC-2024-000108',
    ]);
    expect(await get('status=FAILED&status=CANCELLED')).toEqual(['TC-2024-000102', 'TC-2024-000105']);
    expect(await get('customer_id=cust-b')).toEqual(['TC-2024-000102', 'TC-2024-000105']);
    expect(await get('created_from=2024-05-02T00:00:00Z&created_to=2024-05-03T00:00:00Z')).toEqual([
      'TC-2024-000104',
      'TC-2024-000105',
      'TC-2024-000106',
    ]);
    expect(await get('min_total=4990&max_total=6000')).toEqual([
      'TC-2024-000104',
      'TC-2024-000106',
      'TC-2024-000108',
      'TC-2024-000109',
    ]);
  });

  it("lists one customer's orders with the same paging", async () => {
    const { orders } = await pageThrough('/api/orders/customer/cust-a?limit=1');
    expect(numbers(orders)).toEqual(['TC-2024-000107', 'TC-2024-000103', 'TC-2024-000101']);
  });
});

describe('who sees what', () => {
  const cust = (id: string) => ({ as: customerCaller(id) });

  it("lists only the calling customer's orders, whatever filter they send", async () => {
    const own = await h.request('/api/orders?limit=100', cust('cust-a'));
    expect(numbers(own.json<OrderPage>().items)).toEqual(['TC-2024-000107', 'TC-2024-000103', 'TC-2024-000101']);
    expectProblem(await h.request('/api/orders?customer_id=cust-d', cust('cust-a')), 403);
    const mine = await h.request('/api/orders?customer_id=cust-a&limit=100', cust('cust-a'));
    expect(mine.json<OrderPage>().items).toHaveLength(3);
  });

  it("hides another customer's list (404) and keeps search to the caller's orders", async () => {
    expectProblem(await h.request('/api/orders/customer/cust-a', cust('cust-d')), 404);
    const found = await h.request('/api/orders/search?q=tc-2024-00010&limit=100', cust('cust-d'));
    expect(numbers(found.json<OrderPage>().items).sort()).toEqual(['TC-2024-000108', 'TC-2024-000109']);
    const foreign = await h.request('/api/orders/search?q=rain%20jacket', cust('cust-d'));
    expect(foreign.json<OrderPage>().items).toEqual([]);
  });

  it('keeps analytics for admins (403 to customers) and everything from anonymous callers (401)', async () => {
    expectProblem(await h.request('/api/orders/analytics', cust('cust-a')), 403);
    for (const url of [
      '/api/orders',
      '/api/orders/customer/cust-a',
      '/api/orders/search?q=cap',
      '/api/orders/analytics',
    ])
      expectProblem(await h.request(url, { as: null }), 401);
  });
});

describe('search', () => {
  const search = async (q: string) =>
    numbers((await h.request(`/api/orders/search?q=${encodeURIComponent(q)}&limit=100`)).json<OrderPage>().items);

  it('finds an order number typed exactly or as a prefix', async () => {
    expect(await search('TC-2024-000105')).toEqual(['TC-2024-000105']);
    expect(await search('tc-2024-00010')).toHaveLength(9);
    expect(await search('TC-2024-00011')).toEqual([]);
  });

  it('finds by product name (any case, without accents) and by customer id', async () => {
    expect(await search('rain jacket')).toEqual(['TC-2024-000105']);
    expect(await search('cafe')).toEqual(['TC-2024-000107']);
    expect((await search('cust-d')).sort()).toEqual(['TC-2024-000108', 'TC-2024-000109']);
    expect(await search('socks shoe')).toEqual(['TC-2024-000103']);
  });

  it('pages its results', async () => {
    const { orders } = await pageThrough('/api/orders/search?q=cap&limit=2');
    expect(orders.map((o) => o.order_number).sort()).toEqual(['TC-2024-000104', 'TC-2024-000108', 'TC-2024-000109']);
  });
});

describe('analytics', () => {
  it('reports orders and revenue per day and status, average order value, top products and saga outcomes', async () => {
    const response = await h.request(`/api/orders/analytics?from=${WINDOW.from}&to=${WINDOW.to}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual(EXPECTED_ANALYTICS);
  });
});

describe('bad input is a 400 problem naming the field', () => {
  it.each([
    ['/api/orders?status=LOST', 'status.0'],
    ['/api/orders?limit=0', 'limit'],
    ['/api/orders?limit=101', 'limit'],
    ['/api/orders?sort=price', 'sort'],
    ['/api/orders?min_total=-1', 'min_total'],
    ['/api/orders?min_total=10&max_total=9', 'max_total'],
    ['/api/orders?created_from=yesterday', 'created_from'],
    ['/api/orders?created_from=2024-05-02T00:00:00Z&created_to=2024-05-01T00:00:00Z', 'created_to'],
    ['/api/orders?unknown=1', 'unknown'],
    ['/api/orders?cursor=%25%25', 'cursor'],
    [`/api/orders?cursor=${Buffer.from('[1,"total","asc","1","x"]').toString('base64url')}`, 'cursor'],
    ['/api/orders?customer_id=%27%20OR%201=1', 'customer_id'],
    ['/api/orders/customer/a%20b', 'customerId'],
    ['/api/orders/search', 'q'],
    ['/api/orders/search?q=%21%21%21', 'q'],
    ['/api/orders/analytics?from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z', 'to'],
    ['/api/orders?for_order=0195a000-0000-7000-8000-000000000001', 'min_version'],
    ['/api/orders?min_version=2', 'for_order'],
    ['/api/orders?for_order=nope&min_version=1', 'for_order'],
  ])('%s', async (url, field) => {
    expectProblem(await h.request(url), 400, field);
  });

  it('a cursor issued for another sort is refused', async () => {
    const page = (await h.request(`/api/orders?${IN_WINDOW}&limit=1`)).json<OrderPage>();
    expectProblem(
      await h.request(`/api/orders?${IN_WINDOW}&limit=1&sort=total&cursor=${page.next_cursor}`),
      400,
      'cursor',
    );
  });
});
