// HTTP for addresses: the caller's own (/api/users/me/addresses...) and the service look-up orders uses.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound, ROLES } from '@techcorp/platform';
import { actorOf, ownUserId } from '../http/caller.ts';
import { etagOf, setEtag } from '../http/etag.ts';
import { IfMatchHeaders } from '../http/schemas.ts';
import type { ProfileRouteDeps } from '../profile/profile.routes.ts';
import { createAddress, deleteAddress, updateAddress } from './address.commands.ts';
import {
  AddressList,
  AddressParams,
  AddressView,
  CreateAddressBody,
  PatchAddressBody,
  UserAddressParams,
} from './address.schemas.ts';
import { addressSql } from './address.sql.ts';
import { addressView } from './address.view.ts';

const BASE = '/api/users/me/addresses';

export const addressRoutes: FastifyPluginAsyncTypebox<ProfileRouteDeps> = async (app, deps) => {
  const { sql, auth, cache } = deps;
  const own = { onRequest: auth.authenticated };

  const readOwn = async (userId: string, addressId: string) => {
    const row = await addressSql(sql).get(userId, addressId.toLowerCase());
    if (!row) throw notFound('address not found');
    return row;
  };

  app.get(BASE, { ...own, schema: { response: { 200: AddressList } } }, async (request) => {
    const rows = await addressSql(sql).list(ownUserId(auth, request));
    return { items: rows.map(addressView) };
  });

  app.post(
    BASE,
    { ...own, schema: { body: CreateAddressBody, response: { 201: AddressView } } },
    async (request, reply) => {
      const userId = ownUserId(auth, request);
      const row = await createAddress(sql, userId, request.body, actorOf(auth, request));
      await cache.invalidate(userId);
      setEtag(reply, etagOf(row.version));
      return reply.code(201).header('location', `${BASE}/${row.id}`).send(addressView(row));
    },
  );

  app.get(
    `${BASE}/:addressId`,
    { ...own, schema: { params: AddressParams, response: { 200: AddressView } } },
    async (request, reply) => {
      const row = await readOwn(ownUserId(auth, request), request.params.addressId);
      setEtag(reply, etagOf(row.version));
      return addressView(row);
    },
  );

  app.patch(
    `${BASE}/:addressId`,
    {
      ...own,
      schema: {
        params: AddressParams,
        body: PatchAddressBody,
        headers: IfMatchHeaders,
        response: { 200: AddressView },
      },
    },
    async (request, reply) => {
      const userId = ownUserId(auth, request);
      const addressId = request.params.addressId.toLowerCase();
      const ifMatch = request.headers['if-match'];
      const actor = actorOf(auth, request);
      const { row, changed } = await updateAddress(sql, userId, addressId, request.body, ifMatch, actor);
      if (changed) await cache.invalidate(userId);
      setEtag(reply, etagOf(row.version));
      return addressView(row);
    },
  );

  app.delete(
    `${BASE}/:addressId`,
    { ...own, schema: { params: AddressParams, headers: IfMatchHeaders } },
    async (request, reply) => {
      const userId = ownUserId(auth, request);
      const addressId = request.params.addressId.toLowerCase();
      await deleteAddress(sql, userId, addressId, request.headers['if-match'], actorOf(auth, request));
      await cache.invalidate(userId);
      return reply.code(204).send();
    },
  );

  // Orders checks that a shipping_address_id belongs to the customer placing the order: 404 when it does not.
  app.get(
    '/api/users/:userId/addresses/:addressId',
    {
      onRequest: auth.anyRole(ROLES.service, ROLES.admin),
      schema: { params: UserAddressParams, response: { 200: AddressView } },
    },
    async (request, reply) => {
      const row = await readOwn(request.params.userId.toLowerCase(), request.params.addressId);
      setEtag(reply, etagOf(row.version));
      return addressView(row);
    },
  );
};
