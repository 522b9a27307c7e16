// Places an order: price the lines from the catalog, then one transaction writes events, saga and outbox.

import type { Currency, PricedLine } from '@techcorp/contracts';
import {
  claimIdempotencyKey,
  hashRequest,
  type Sql,
  saveIdempotentResponse,
  unprocessable,
  validationError,
} from '@techcorp/platform';
import { v7 as uuidv7 } from 'uuid';
import { type SagaRunnerConfig, startCheckout } from '../checkout-saga/saga-runner.ts';
import type { AddressBook } from './address-book.client.ts';
import type { CartSnapshot } from './cart.client.ts';
import type { CatalogClient } from './catalog.client.ts';
import { nextOrderSequence } from './event-store.sql.ts';
import type { ShippingAddress } from './order.events.ts';
import type { PlaceOrderBody } from './order.schemas.ts';
import { formatOrderNumber } from './order-number.ts';

/** A new order (its number known), or the one an earlier request with the same Idempotency-Key placed. */
export type PlacedOrder =
  | { replayed: false; orderId: string; orderNumber: string; version: number }
  | { replayed: true; orderId: string; version: number };

/** What is being bought, from the body's items or from a checked-out cart. */
export interface Basket {
  items: readonly { product_id: string; quantity: number }[];
  currency: string;
  /** The cart it came from (its id and the version that was frozen). */
  cart: { cartId: string; version: number } | null;
}

/** The basket of a request: its own items, or the cart's lines at the version cart froze for this checkout. */
export function basketOf(body: PlaceOrderBody, cart: CartSnapshot | null): Basket {
  if (cart) return { items: cart.lines, currency: cart.currency, cart: { cartId: cart.cartId, version: cart.version } };
  if (!body.items || !body.currency)
    throw validationError('an order needs items and currency, or a cart_id', [
      { field: body.items ? 'currency' : 'items', message: 'is required unless cart_id is given' },
    ]);
  return { items: body.items, currency: body.currency, cart: null };
}

export async function priceLines(catalog: CatalogClient, body: Basket): Promise<PricedLine[]> {
  const seen = new Map<string, number>();
  body.items.forEach((item, index) => {
    const first = seen.get(item.product_id);
    if (first !== undefined)
      throw validationError('each product may appear once; add up the quantities instead', [
        { field: `items.${index}.product_id`, message: `duplicates items.${first}.product_id` },
      ]);
    seen.set(item.product_id, index);
  });
  const products = await catalog.getProducts(body.items.map((i) => i.product_id));
  return body.items.map((item, index) => {
    const product = products.get(item.product_id);
    if (product?.status !== 'ACTIVE')
      throw unprocessable('an item is not for sale', [
        { field: `items.${index}.product_id`, message: product ? 'product is archived' : 'unknown product' },
      ]);
    if (product.currency !== body.currency)
      throw unprocessable('the order currency differs from the product price currency', [
        { field: 'currency', message: `items.${index} is priced in ${product.currency}` },
      ]);
    return {
      productId: product.id,
      sku: product.sku,
      title: product.title,
      quantity: item.quantity,
      unitPrice: product.price,
      lineTotal: product.price * item.quantity,
    };
  });
}

/** The order's shipping address: the saved one named by shipping_address_id, or the one given inline. */
export async function resolveShippingAddress(
  addresses: AddressBook,
  customerId: string,
  body: PlaceOrderBody,
): Promise<ShippingAddress> {
  const { shipping_address: inline, shipping_address_id: savedId } = body;
  if (inline && savedId)
    throw validationError('give shipping_address or shipping_address_id, not both', [
      { field: 'shipping_address_id', message: 'must not be given together with shipping_address' },
    ]);
  if (inline)
    return {
      name: inline.name,
      line1: inline.line1,
      line2: inline.line2,
      city: inline.city,
      state: inline.state,
      postalCode: inline.postal_code,
      country: inline.country,
    };
  if (!savedId)
    throw validationError('a shipping address is required', [
      { field: 'shipping_address', message: 'give shipping_address or shipping_address_id' },
    ]);
  const saved = await addresses.find(customerId, savedId);
  if (!saved)
    throw unprocessable('no such address in your address book', [
      { field: 'shipping_address_id', message: 'is not one of your saved addresses' },
    ]);
  return saved;
}

export interface PlaceOrderInput {
  /** Who places it: always the authenticated caller, never a field of the body. */
  customerId: string;
  body: PlaceOrderBody;
  basket: Basket;
  idempotencyKey: string | undefined;
}

/**
 * The idempotency key and request hash: a cart checkout is keyed by the cart and its frozen version, so the same
 * cart becomes at most one order however many checkouts race; otherwise the client's Idempotency-Key, if any.
 */
function idempotencyOf(input: PlaceOrderInput): { key: string; hash: string } | null {
  const { cart } = input.basket;
  if (cart) return { key: `cart:${cart.cartId}:v${cart.version}`, hash: hashRequest(cart) };
  return input.idempotencyKey ? { key: input.idempotencyKey, hash: hashRequest(input.body) } : null;
}

export async function placeOrder(
  sql: Sql,
  config: SagaRunnerConfig,
  catalog: CatalogClient,
  addresses: AddressBook,
  input: PlaceOrderInput,
): Promise<PlacedOrder> {
  const { customerId, body, basket } = input;
  const shippingAddress = await resolveShippingAddress(addresses, customerId, body);
  const lines = await priceLines(catalog, basket);
  const idempotency = idempotencyOf(input);
  const total = lines.reduce((sum, l) => sum + l.lineTotal, 0);
  if (!Number.isSafeInteger(total) || total > 100_000_000_00)
    throw unprocessable('the order total is too large', [{ field: 'items', message: 'total exceeds the limit' }]);
  const scope = `orders:${customerId}`;
  return sql.transaction(async (tx) => {
    if (idempotency) {
      const claim = await claimIdempotencyKey(tx, { scope, key: idempotency.key, requestHash: idempotency.hash });
      if (claim.kind === 'replay') {
        const stored = claim.body as { order_id: string; version: number };
        return { orderId: stored.order_id, version: stored.version, replayed: true };
      }
    }
    const orderId = uuidv7();
    const createdAt = new Date().toISOString();
    const orderNumber = formatOrderNumber(createdAt, await nextOrderSequence(tx));
    const result = await startCheckout(
      tx,
      config,
      {
        type: 'PlaceOrder',
        data: {
          orderId,
          orderNumber,
          customerId,
          lines,
          total,
          currency: basket.currency as Currency,
          paymentMethod: body.payment.method,
          // Stored in OrderCreated, so every re-send of the payment carries the same provider idempotency key.
          paymentId: uuidv7(),
          shippingAddress,
          createdAt,
          ...(basket.cart ? { cart: basket.cart } : {}),
        },
      },
      body.payment.card_token,
    );
    if (idempotency)
      await saveIdempotentResponse(
        tx,
        { scope, key: idempotency.key },
        { statusCode: 202, body: { order_id: orderId, version: result.orderVersion } },
      );
    return { orderId, orderNumber, version: result.orderVersion, replayed: false };
  });
}
