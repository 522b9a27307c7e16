// The operations the latency benchmark times, each sent as a real caller over the run's route: sign-in and token
// use (login, refresh, me), public catalog reads, placing orders, and customers reading their own orders and stock.
import type { Api } from './api.ts';
import type { JsonResponse } from './http-client.ts';
import { type Customer, logIn, refresh } from './identities.ts';
import { planOrder, type Seeded } from './seed.ts';

export interface Operation {
  name: string;
  /** Sends one request (the i-th of this operation); resolves to the status that decides success. */
  send: (i: number) => Promise<number>;
  /** Statuses that count as success (others are errors). */
  ok: (status: number) => boolean;
}

interface PlacedOrder {
  orderId: string;
  customer: Customer;
}

const is = (expected: number) => (status: number) => status === expected;
const status = (res: JsonResponse) => res.status;

function authOperations(api: Api, customers: Customer[]): Operation[] {
  const who = (i: number) => customers[i % customers.length]!;
  return [
    {
      name: 'login (POST /api/auth/login)',
      send: async (i) => (await logIn(api, who(i).credentials)).res.status,
      ok: is(200),
    },
    { name: 'refresh (POST /api/auth/refresh)', send: (i) => refresh(api, who(i)).then(status), ok: is(200) },
    { name: 'me (GET /api/auth/me)', send: (i) => api.send(who(i), 'GET', '/api/auth/me').then(status), ok: is(200) },
  ];
}

function orderOperations(api: Api, seeded: Seeded, customers: Customer[], placed: PlacedOrder[]): Operation[] {
  const who = (i: number) => customers[i % customers.length]!;
  const product = (i: number) => seeded.ample[i % seeded.ample.length]!;
  const post = (i: number, headers: Record<string, string>) => {
    const order = planOrder(seeded, 0, who(i));
    return api.send(order.customer, 'POST', '/api/orders', {
      body: order.body,
      headers: { 'idempotency-key': order.idempotencyKey, ...headers },
    });
  };
  const mine = (i: number) => placed[i % placed.length]!;
  return [
    {
      name: 'product read (public)',
      send: (i) => api.send(null, 'GET', `/api/products/${product(i)}`).then(status),
      ok: is(200),
    },
    {
      name: 'place order, wait for outcome',
      send: async (i) => {
        const res = await post(i, { prefer: 'wait=30' });
        const orderId = res.body?.order_id ?? res.body?.id;
        if (typeof orderId === 'string') placed.push({ orderId, customer: who(i) });
        // 202 here means the wait ran out before the outcome: an error for an end-to-end figure.
        return res.status === 200 && res.body.status !== 'CONFIRMED' ? 599 : res.status;
      },
      ok: is(200),
    },
    {
      name: 'get own order',
      send: (i) => api.send(mine(i).customer, 'GET', `/api/orders/${mine(i).orderId}`).then(status),
      ok: is(200),
    },
    {
      name: 'list own orders (order-query)',
      send: (i) => api.send(who(i), 'GET', '/api/orders?limit=20').then(status),
      ok: is(200),
    },
    {
      name: 'stock lookup',
      send: (i) => api.send(who(i), 'GET', `/api/inventory/${product(i)}`).then(status),
      ok: is(200),
    },
    { name: 'place order, 202 only', send: (i) => post(i, {}).then(status), ok: is(202) },
  ];
}

/** In this order: the reads of own orders need the orders the place-and-wait operation created. */
export function operations(api: Api, seeded: Seeded, customers: Customer[]): Operation[] {
  const placed: PlacedOrder[] = [];
  return [...authOperations(api, customers), ...orderOperations(api, seeded, customers, placed)];
}
