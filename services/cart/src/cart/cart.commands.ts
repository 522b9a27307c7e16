// What each cart request does: check the line with catalog and inventory, apply the pure rule under compare-and-set,
// and answer the view with today's prices and stock, asking each upstream once per request where it can.
import { conflict, notFound } from '@techcorp/platform';
import type { CatalogClient } from '../clients/catalog.client.ts';
import type { InventoryClient } from '../clients/inventory.client.ts';
import type { Cart, Lookups, Product } from './cart.model.ts';
import {
  addItem,
  type CappedLine,
  changeQuantity,
  clearCart,
  type DroppedLine,
  type MergeOutcome,
  mergeLines,
  removeItem,
} from './cart.rules.ts';
import type { CartChange, CartRead, CartRef, CartStore } from './cart.store.ts';
import { type CartView, cartView } from './cart.view.ts';

export interface CartAnswer {
  view: CartView;
  /** Set when this request created a guest cart: the guest's token, to return once. */
  issuedToken: string | null;
}
export interface MergeAnswer extends CartAnswer {
  capped: CappedLine[];
  dropped: DroppedLine[];
}

export interface CartCommandsDeps {
  store: CartStore;
  catalog: CatalogClient;
  inventory: InventoryClient;
  now: () => string;
  /** Counts applied changes by operation (a metric). */
  onChange?: (operation: string) => void;
}

/** Facts already fetched (e.g. while validating) that the view need not ask for again. */
interface Known {
  products?: Map<string, Product>;
  available?: Map<string, number>;
}

const MERGE_ATTEMPTS = 5;

export function createCartCommands(deps: CartCommandsDeps) {
  const { store, catalog, inventory, now } = deps;

  /** Today's facts for the cart's lines not `known` yet: a catalog batch beside a stock batch; a failing side is null. */
  async function lookups(cart: Cart | null, known: Known = {}): Promise<Lookups> {
    const ids = cart?.lines.map((l) => l.product_id) ?? [];
    const missingProducts = ids.filter((id) => !known.products?.has(id));
    const missingStock = ids.filter((id) => !known.available?.has(id));
    const [products, available] = await Promise.all([
      catalog.products(missingProducts).then(
        (found) => new Map([...(known.products ?? []), ...found]),
        () => null,
      ),
      inventory.availableMany(missingStock).then(
        (found) => new Map([...(known.available ?? []), ...found]),
        () => null,
      ),
    ]);
    return { products, available };
  }

  async function answer(cart: Cart | null, issuedToken: string | null, known?: Known): Promise<CartAnswer> {
    const ttlMs = cart ? store.ttlFor(cart.owner) : 0;
    return { view: cartView(cart, await lookups(cart, known), ttlMs), issuedToken };
  }

  async function apply(
    ref: CartRef,
    operation: string,
    change: CartChange,
    known?: Known,
    from?: CartRead,
  ): Promise<CartAnswer> {
    let applied = false;
    const result = await store.update(
      ref,
      (cart) => {
        const next = change(cart);
        applied = next !== null;
        return next;
      },
      from,
    );
    if (applied) deps.onChange?.(operation);
    return answer(result.cart, result.issuedToken, known);
  }

  /**
   * Today's facts for the cart's lines and `productId`, in one round (a catalog batch beside a stock batch): they
   * check the line and build the view. Both or a 503 (the cart is then left as it was).
   */
  async function facts(cart: Cart | null, productId: string) {
    const ids = [...new Set([...(cart?.lines.map((l) => l.product_id) ?? []), productId])];
    const [products, available] = await Promise.all([catalog.products(ids), inventory.availableMany(ids)]);
    return {
      product: products.get(productId) ?? null,
      available: available.get(productId) ?? 0,
      known: { products, available },
    };
  }

  return {
    async view(ref: CartRef): Promise<CartAnswer> {
      return answer(await store.find(ref), null);
    },

    async add(ref: CartRef, productId: string, quantity: number): Promise<CartAnswer> {
      const read = await store.readOwn(ref);
      const { product, available, known } = await facts(read.cart, productId);
      return apply(ref, 'add', (cart) => addItem(cart, product, available, quantity, now()), known, read);
    },

    async changeQuantity(ref: CartRef, productId: string, quantity: number): Promise<CartAnswer> {
      // Not in the cart: say so without asking catalog and inventory.
      const read = await store.readOwn(ref);
      if (!read.cart?.lines.some((l) => l.product_id === productId)) throw notFound('this product is not in the cart');
      const { product, available, known } = await facts(read.cart, productId);
      return apply(
        ref,
        'change',
        (current) => changeQuantity(current, productId, product, available, quantity, now()),
        known,
        read,
      );
    },

    async remove(ref: CartRef, productId: string): Promise<CartAnswer> {
      return apply(ref, 'remove', (cart) => removeItem(cart, productId, now()));
    },

    async clear(ref: CartRef): Promise<CartAnswer> {
      return apply(ref, 'clear', (cart) => clearCart(cart, now()));
    },

    /**
     * Moves a guest cart into the customer's. The guest cart is taken first (compare-and-delete), so a retried or
     * concurrent merge cannot add its lines twice; if the customer's cart then cannot be written it is put back.
     */
    async merge(userId: string, token: string): Promise<MergeAnswer> {
      for (let attempt = 1; attempt <= MERGE_ATTEMPTS; attempt++) {
        const guest = await store.findGuest(token);
        if (!guest) throw notFound('guest cart not found: it expired or was merged already');
        const ids = guest.cart.lines.map((l) => l.product_id);
        // Without today's facts nothing can be capped or checked: a dependency down refuses the merge (503).
        const [products, available] = await Promise.all([catalog.products(ids), inventory.availableMany(ids)]);
        if (!(await store.claimGuest(guest))) continue; // the guest's other tab changed it: read it again
        let outcome: MergeOutcome = { cart: null, capped: [], dropped: [] };
        let merged: Cart | null;
        try {
          merged = (
            await store.update({ kind: 'user', userId }, (target) => {
              outcome = mergeLines(target, guest.cart.lines, { products, available }, now());
              return outcome.cart;
            })
          ).cart;
        } catch (error) {
          await store.restoreGuest(guest);
          throw error;
        }
        deps.onChange?.('merge');
        const view = await answer(merged, null, { products, available });
        return { ...view, capped: outcome.capped, dropped: outcome.dropped };
      }
      throw conflict('the guest cart kept changing during the merge; try again');
    },
  };
}

export type CartCommands = ReturnType<typeof createCartCommands>;
