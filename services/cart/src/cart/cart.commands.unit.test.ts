// Specifications of the upstream round of an add: one batch per upstream for the check and the view, and only the
// lines a concurrent writer added in between asked for afterwards. In-memory store, stub catalog and inventory.
import { createMemoryKv, type KeyValueStore, unavailable } from '@techcorp/platform';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogClient } from '../clients/catalog.client.ts';
import type { InventoryClient } from '../clients/inventory.client.ts';
import { createCartCommands } from './cart.commands.ts';
import type { Product } from './cart.model.ts';
import { addItem } from './cart.rules.ts';
import { type CartRef, type CartStore, createCartStore } from './cart.store.ts';

const NOW = '2026-03-01T10:00:00.000Z';
const DAY_MS = 86_400_000;
const ref: CartRef = { kind: 'user', userId: 'u1' };
const product = (id: string, price = 1000): Product => ({
  id,
  sku: `SKU-${id}`,
  title: `Title ${id}`,
  price,
  currency: 'BRL',
  status: 'ACTIVE',
});
const catalogued = new Map(['a', 'b', 'c'].map((id) => [id, product(id)]));

let kv: KeyValueStore;
let store: CartStore;
/** The id lists each upstream was asked for, in order (the real clients send no request for none). */
let asked: { catalog: string[][]; inventory: string[][] };
/** Runs once, inside the first catalog call (between the facts and the write). */
let duringFirstLookup: (() => Promise<void>) | null;
let inventoryDown: boolean;

const catalog: CatalogClient = {
  async products(ids) {
    if (ids.length > 0) asked.catalog.push([...ids]);
    const hook = duringFirstLookup;
    duringFirstLookup = null;
    await hook?.();
    return new Map(ids.flatMap((id) => (catalogued.has(id) ? [[id, catalogued.get(id)!] as const] : [])));
  },
};
const inventory: InventoryClient = {
  async availableMany(ids) {
    if (ids.length > 0) asked.inventory.push([...ids]);
    if (inventoryDown) throw unavailable('inventory could not be reached; the cart was not changed');
    return new Map(ids.map((id) => [id, 7]));
  },
};

beforeEach(() => {
  kv = createMemoryKv();
  store = createCartStore({ kv, userTtlMs: DAY_MS, guestTtlMs: DAY_MS, now: () => NOW });
  asked = { catalog: [], inventory: [] };
  duringFirstLookup = null;
  inventoryDown = false;
});
afterEach(async () => kv.close());

const commands = () => createCartCommands({ store, catalog, inventory, now: () => NOW });
const seed = (id: string) => store.update(ref, (cart) => addItem(cart, product(id), 10, 1, NOW));

describe('a cart holding product a', () => {
  it('an add of b asks each upstream once, for a and b, and answers the view from those facts', async () => {
    await seed('a');
    const { view } = await commands().add(ref, 'b', 2);
    expect(asked).toEqual({ catalog: [['a', 'b']], inventory: [['a', 'b']] });
    expect(view).toMatchObject({ version: 2, item_count: 3, degraded: false });
    expect(view.lines.map((l) => [l.product_id, l.available])).toEqual([
      ['a', 7],
      ['b', 7],
    ]);
  });

  it('a line another writer adds meanwhile is asked for alone after the write, and shown', async () => {
    await seed('a');
    duringFirstLookup = async () => {
      await store.update(ref, (cart) => addItem(cart, product('c'), 10, 1, NOW));
    };
    const { view } = await commands().add(ref, 'b', 1);
    expect(asked).toEqual({ catalog: [['a', 'b'], ['c']], inventory: [['a', 'b'], ['c']] });
    expect(view).toMatchObject({ version: 3, degraded: false });
    expect(view.lines.map((l) => [l.product_id, l.available])).toEqual([
      ['a', 7],
      ['c', 7],
      ['b', 7],
    ]);
  });

  it('an add reads the cart from the store once when nobody else writes meanwhile', async () => {
    await seed('a');
    const reads: string[] = [];
    const counted: KeyValueStore = Object.create(kv, {
      get: {
        value: (key: string) => {
          reads.push(key);
          return kv.get(key);
        },
      },
    });
    const countedStore = createCartStore({ kv: counted, userTtlMs: DAY_MS, guestTtlMs: DAY_MS, now: () => NOW });
    await createCartCommands({ store: countedStore, catalog, inventory, now: () => NOW }).add(ref, 'b', 1);
    // The index, then the cart: the write starts from that read (its compare-and-set still guards it).
    expect(reads).toEqual(['cart:user:u1', expect.stringMatching(/^cart:[0-9a-f-]{36}$/)]);
    expect((await store.find(ref))?.lines.map((l) => l.product_id)).toEqual(['a', 'b']);
  });

  it('an add of a product already in it asks for it once', async () => {
    await seed('a');
    await commands().add(ref, 'a', 1);
    expect(asked).toEqual({ catalog: [['a']], inventory: [['a']] });
  });

  it('inventory down refuses the add with 503 and leaves the cart as it was', async () => {
    await seed('a');
    inventoryDown = true;
    await expect(commands().add(ref, 'b', 1)).rejects.toMatchObject({ status: 503 });
    expect((await store.find(ref))?.lines.map((l) => l.product_id)).toEqual(['a']);
  });
});

describe('no cart yet', () => {
  it('an add asks each upstream once, for the added product only', async () => {
    const { view } = await commands().add(ref, 'b', 1);
    expect(asked).toEqual({ catalog: [['b']], inventory: [['b']] });
    expect(view).toMatchObject({ version: 1, item_count: 1 });
  });
});
