// The customer's cart API behind the gateway's public /api/cart: a signed-in customer's cart by identity, a guest's
// by the x-cart-token they were given; no route takes a cart id, so nobody can reach another's cart.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { forbidden, type ServiceAuth, unauthenticated } from '@techcorp/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CartAnswer, CartCommands } from './cart.commands.ts';
import {
  AddItemBody,
  CART_TOKEN_HEADER,
  CartHeaders,
  CartViewSchema,
  ChangeQuantityBody,
  MergeBody,
  MergeViewSchema,
  ProductParams,
} from './cart.schemas.ts';
import type { CartRef } from './cart.store.ts';

export interface CartRoutesOptions {
  auth: ServiceAuth;
  commands: CartCommands;
}

const ok = { 200: CartViewSchema };

export const cartRoutes: FastifyPluginAsyncTypebox<CartRoutesOptions> = async (app, { auth, commands }) => {
  // A forged or stale gateway context is refused before the body is read.
  app.addHook('onRequest', async (request) => {
    await auth.authenticate(request);
  });
  // A cart is personal: no shared cache may keep it.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  const refOf = async (request: FastifyRequest): Promise<CartRef> => {
    const { identity } = await auth.authenticate(request);
    if (!identity) {
      const token = request.headers[CART_TOKEN_HEADER];
      return { kind: 'guest', token: typeof token === 'string' ? token : null };
    }
    if (identity.kind === 'service') throw forbidden('carts belong to customers');
    return { kind: 'user', userId: identity.subject };
  };
  const send = (reply: FastifyReply, answer: CartAnswer) => {
    if (answer.issuedToken === null) return answer.view;
    reply.header(CART_TOKEN_HEADER, answer.issuedToken);
    return { ...answer.view, cart_token: answer.issuedToken };
  };
  const productIdOf = (id: string) => id.toLowerCase();

  app.get('/api/cart', { schema: { headers: CartHeaders, response: ok } }, async (request, reply) =>
    send(reply, await commands.view(await refOf(request))),
  );

  app.post(
    '/api/cart/items',
    { schema: { headers: CartHeaders, body: AddItemBody, response: ok } },
    async (request, reply) => {
      const { product_id, quantity } = request.body;
      return send(reply, await commands.add(await refOf(request), productIdOf(product_id), quantity));
    },
  );

  app.patch(
    '/api/cart/items/:productId',
    { schema: { headers: CartHeaders, params: ProductParams, body: ChangeQuantityBody, response: ok } },
    async (request, reply) => {
      const productId = productIdOf(request.params.productId);
      return send(reply, await commands.changeQuantity(await refOf(request), productId, request.body.quantity));
    },
  );

  app.delete(
    '/api/cart/items/:productId',
    { schema: { headers: CartHeaders, params: ProductParams, response: ok } },
    async (request, reply) =>
      send(reply, await commands.remove(await refOf(request), productIdOf(request.params.productId))),
  );

  app.delete('/api/cart', { schema: { headers: CartHeaders, response: ok } }, async (request, reply) =>
    send(reply, await commands.clear(await refOf(request))),
  );

  // Called by the client right after login (seed: "a guest cart merged on login").
  app.post(
    '/api/cart/merge',
    { onRequest: auth.authenticated, schema: { body: MergeBody, response: { 200: MergeViewSchema } } },
    async (request) => {
      const ref = await refOf(request);
      if (ref.kind !== 'user') throw unauthenticated('sign in to merge a guest cart into your own');
      const merged = await commands.merge(ref.userId, request.body.cart_token);
      return { ...merged.view, capped: merged.capped, dropped: merged.dropped };
    },
  );
};
