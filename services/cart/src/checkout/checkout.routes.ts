// `POST /api/carts/:cartId/checkout`: for services only (orders); the gateway does not route /api/carts.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { ROLES, type ServiceAuth, type Sql } from '@techcorp/platform';
import { Uuid } from '../cart/cart.schemas.ts';
import type { CartStore } from '../cart/cart.store.ts';
import { checkout } from './checkout.ts';

export interface CheckoutRoutesOptions {
  auth: ServiceAuth;
  sql: Sql;
  store: CartStore;
  onCheckout?: () => void;
}

const CheckoutParams = Type.Object({ cartId: Uuid }, { additionalProperties: false });
const CheckoutBody = Type.Object(
  { customer_id: Type.String({ minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9_.:@-]+$' }) },
  { additionalProperties: false },
);
const CheckoutView = Type.Object({
  cart_id: Type.String(),
  version: Type.Integer(),
  customer_id: Type.String(),
  currency: Type.String(),
  lines: Type.Array(Type.Object({ product_id: Type.String(), quantity: Type.Integer() })),
});

export const checkoutRoutes: FastifyPluginAsyncTypebox<CheckoutRoutesOptions> = async (app, options) => {
  const { auth, sql, store } = options;
  app.post(
    '/api/carts/:cartId/checkout',
    {
      onRequest: auth.anyRole(ROLES.service),
      schema: { params: CheckoutParams, body: CheckoutBody, response: { 200: CheckoutView } },
    },
    async (request) => {
      const answer = await checkout({ sql, store }, request.params.cartId.toLowerCase(), request.body.customer_id);
      options.onCheckout?.();
      return answer;
    },
  );
};
