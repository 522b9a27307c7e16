// The product HTTP API: public reads (listing, batch lookup by ids, one product); admin create, update, archive.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  MAX_BATCH_IDS,
  notFound,
  parseUuidList,
  type ServiceAuth,
  type Sql,
  validationError,
} from '@techcorp/platform';
import type { ProductCommands } from './product.commands.ts';
import { createInput, updateInput } from './product.input.ts';
import type { Product } from './product.model.ts';
import { decodeCursor, entityTag, paginate, parseIfMatch, type VersionPrecondition } from './product.policy.ts';
import {
  CreateProductBody,
  ListProductsQuery,
  ProductPage,
  ProductParams,
  ProductView,
  UpdateProductBody,
  VersionedWriteHeaders,
} from './product.schemas.ts';
import type { ProductRepository } from './product.sql.ts';

const DEFAULT_LIMIT = 20;

export interface ProductRoutesOptions {
  sql: Sql;
  products: ProductRepository;
  commands: ProductCommands;
  auth: ServiceAuth;
}

export const toProductView = (product: Product): ProductView => ({
  id: product.id,
  sku: product.sku,
  title: product.title,
  description: product.description,
  price: product.price,
  original_price: product.originalPrice,
  currency: product.currency,
  category: product.category,
  brand: product.brand,
  attributes: product.attributes,
  images: product.images,
  popularity_score: product.popularityScore,
  in_stock: product.inStock,
  status: product.status,
  version: product.version,
  created_at: product.createdAt,
  updated_at: product.updatedAt,
});

export const productRoutes: FastifyPluginAsyncTypebox<ProductRoutesOptions> = async (app, options) => {
  const { sql, products, commands } = options;
  // On onRequest rather than preHandler: strangers are turned away before their body is even read.
  const admin = options.auth.admin;

  app.get(
    '/api/products',
    { schema: { querystring: ListProductsQuery, response: { 200: ProductPage } } },
    async (request) => {
      const { cursor, ids, limit, category, brand, include_archived } = request.query;
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (after === null)
        throw validationError('invalid cursor', [{ field: 'cursor', message: 'is not a cursor this service issued' }]);
      const idList = ids === undefined ? undefined : parseUuidList(ids);
      // A batch lookup answers in one page unless the caller asks for smaller ones.
      const pageSize = limit ?? (idList ? MAX_BATCH_IDS : DEFAULT_LIMIT);
      const rows = await products.list(sql, {
        limit: pageSize + 1,
        after,
        category,
        brand,
        ids: idList,
        includeArchived: include_archived === true,
      });
      const page = paginate(rows, pageSize);
      return { items: page.items.map(toProductView), next_cursor: page.nextCursor };
    },
  );

  app.get(
    '/api/products/:id',
    { schema: { params: ProductParams, response: { 200: ProductView } } },
    async (request, reply) => {
      const product = await products.findById(sql, request.params.id);
      if (!product) throw notFound(`product ${request.params.id} not found`);
      reply.header('etag', entityTag(product.version));
      return toProductView(product);
    },
  );

  app.post(
    '/api/products',
    { onRequest: admin, schema: { body: CreateProductBody, response: { 201: ProductView } } },
    async (request, reply) => {
      const product = await commands.create(createInput(request.body));
      reply.code(201).header('location', `/api/products/${product.id}`).header('etag', entityTag(product.version));
      return toProductView(product);
    },
  );

  app.put(
    '/api/products/:id',
    {
      onRequest: admin,
      schema: {
        params: ProductParams,
        headers: VersionedWriteHeaders,
        body: UpdateProductBody,
        response: { 200: ProductView },
      },
    },
    async (request, reply) => {
      const patch = updateInput(request.body);
      const product = await commands.update(request.params.id, patch, preconditionOf(request.headers['if-match']));
      reply.header('etag', entityTag(product.version));
      return toProductView(product);
    },
  );

  // Archiving is how a product leaves the shop: orders keep pricing history through ids, so nothing is deleted.
  app.post(
    '/api/products/:id/archive',
    {
      onRequest: admin,
      schema: { params: ProductParams, headers: VersionedWriteHeaders, response: { 200: ProductView } },
    },
    async (request, reply) => {
      const precondition = preconditionOf(request.headers['if-match']);
      const product = await commands.update(request.params.id, { status: 'ARCHIVED' }, precondition);
      reply.header('etag', entityTag(product.version));
      return toProductView(product);
    },
  );
};

function preconditionOf(header: string | undefined): VersionPrecondition | null {
  if (header === undefined) return null;
  const precondition = parseIfMatch(header);
  if (precondition === null)
    throw validationError('invalid If-Match', [{ field: 'if-match', message: 'must be a product version or *' }]);
  return precondition;
}
