// Seeds the catalog and stock through the admin APIs as the signed-in admin, and builds order bodies over them
// (mostly ample stock, a share on a few scarce products so that reservations contend and some orders fail for want
// of stock). The customer is whoever sends the order: bodies carry no customer id.
import { randomBytes, randomUUID } from 'node:crypto';
import { type Api, type Caller, expectStatus } from './api.ts';

export interface SeedOptions {
  ampleProducts: number;
  ampleStock: number;
  scarceProducts: number;
  scarceStock: number;
}

export interface Seeded {
  ample: string[];
  scarce: string[];
  /** Units on hand per product right after seeding (all warehouses). */
  initialOnHand: Map<string, number>;
}

export interface OrderLine {
  productId: string;
  quantity: number;
}

export interface PlannedOrder {
  customer: Caller;
  idempotencyKey: string;
  lines: OrderLine[];
  body: unknown;
}

const WAREHOUSES = ['default', 'bench-north'];

type AdminCall = (method: string, path: string, body: unknown) => Promise<unknown>;

const adminCalls =
  (api: Api, admin: Caller): AdminCall =>
  async (method, path, body) =>
    expectStatus(await api.send(admin, method, path, { body }), [200, 201], `${method} ${path}`).body;

async function createProduct(admin: AdminCall, price: number, stockPerWarehouse: number): Promise<string> {
  const sku = `BENCH-${randomBytes(5).toString('hex').toUpperCase()}`;
  const product = (await admin('POST', '/api/products', {
    sku,
    title: `Bench product ${sku}`,
    price,
    currency: 'BRL',
    category: 'bench',
    brand: 'bench',
  })) as { id: string };
  for (const warehouse of WAREHOUSES)
    await admin('POST', '/api/inventory/restock', {
      product_id: product.id,
      warehouse_id: warehouse,
      quantity: stockPerWarehouse,
      note: 'benchmark seed',
    });
  return product.id;
}

export async function seed(api: Api, adminCaller: Caller, options: SeedOptions): Promise<Seeded> {
  const admin = adminCalls(api, adminCaller);
  // Products name their category and brand by slug; both must exist first.
  await admin('PUT', '/api/categories/bench', { name: 'Bench' });
  await admin('PUT', '/api/brands/bench', { name: 'Bench' });
  await admin('PUT', '/api/inventory/warehouses/bench-north', { name: 'Bench north' });
  const initialOnHand = new Map<string, number>();
  const make = async (count: number, total: number) => {
    const perWarehouse = Math.max(1, Math.ceil(total / WAREHOUSES.length));
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = await createProduct(admin, 1000 + 137 * i, perWarehouse);
      initialOnHand.set(id, perWarehouse * WAREHOUSES.length);
      ids.push(id);
    }
    return ids;
  };
  const ample = await make(options.ampleProducts, options.ampleStock);
  const scarce = await make(options.scarceProducts, options.scarceStock);
  return { ample, scarce, initialOnHand };
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

/** One order: 1-2 lines of 1-3 units on ample products, or (with probability `scarceShare`) 1 unit of a scarce one. */
export function planOrder(seeded: Seeded, scarceShare: number, customer: Caller): PlannedOrder {
  const lines: OrderLine[] = [];
  if (seeded.scarce.length > 0 && Math.random() < scarceShare) {
    lines.push({ productId: pick(seeded.scarce), quantity: 1 });
  } else {
    lines.push({ productId: pick(seeded.ample), quantity: 1 + Math.floor(Math.random() * 3) });
    const second = pick(seeded.ample);
    if (Math.random() < 0.3 && second !== lines[0]!.productId) lines.push({ productId: second, quantity: 1 });
  }
  const body = {
    items: lines.map((l) => ({ product_id: l.productId, quantity: l.quantity })),
    currency: 'BRL',
    payment: { method: 'credit_card', card_token: 'tok_visa' },
    shipping_address: {
      name: 'Ana Souza',
      line1: 'Rua Augusta 100',
      city: 'São Paulo',
      postal_code: '01304-000',
      country: 'BR',
    },
  };
  return { customer, idempotencyKey: randomUUID(), lines, body };
}
