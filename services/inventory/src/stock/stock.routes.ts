// HTTP for stock: stock per warehouse of one product or of a batch (public); restock, movements, warehouses (admin).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  claimIdempotencyKey,
  hashRequest,
  notFound,
  parseUuidList,
  type ServiceAuth,
  type Sql,
  type SqlExecutor,
  saveIdempotentResponse,
  UuidList,
} from '@techcorp/platform';
import { ProductIdParams, Uuid, WarehouseId } from '../http-schemas.ts';
import type { AvailableCounters } from './available-counters.ts';
import { restock } from './stock.commands.ts';
import { availableOf, type StockRow } from './stock.policy.ts';
import { stockSql } from './stock.sql.ts';

export interface StockRouteDeps {
  sql: Sql;
  auth: ServiceAuth;
  counters: AvailableCounters;
  afterCommit: () => void;
}

const DEFAULT_WAREHOUSE = 'default';

const WarehouseStock = Type.Object({
  warehouse_id: Type.String(),
  on_hand: Type.Integer(),
  reserved: Type.Integer(),
  available: Type.Integer(),
});
const ProductStock = Type.Object({
  product_id: Type.String(),
  on_hand: Type.Integer(),
  reserved: Type.Integer(),
  available: Type.Integer(),
  warehouses: Type.Array(WarehouseStock),
});
const BatchQuery = Type.Object({ ids: UuidList }, { additionalProperties: false });
const StockBatch = Type.Object({ items: Type.Array(ProductStock) });
const RestockBody = Type.Object(
  {
    product_id: Uuid,
    warehouse_id: Type.Optional(WarehouseId),
    quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
const RESTOCK_SCOPE = 'inventory.restock';
const MovementsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    before: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
const MovementView = Type.Object({
  id: Type.Integer(),
  warehouse_id: Type.String(),
  kind: Type.String(),
  quantity: Type.Integer(),
  on_hand_after: Type.Integer(),
  reserved_after: Type.Integer(),
  order_id: Type.Union([Type.String(), Type.Null()]),
  reservation_id: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
});
const MovementsPage = Type.Object({
  items: Type.Array(MovementView),
  next_before: Type.Union([Type.Integer(), Type.Null()]),
});
const WarehouseBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

function productView(productId: string, rows: readonly StockRow[]) {
  const warehouses = rows.map((r) => ({
    warehouse_id: r.warehouseId,
    on_hand: r.onHand,
    reserved: r.reserved,
    available: availableOf(r),
  }));
  const sum = (pick: (w: (typeof warehouses)[number]) => number) => warehouses.reduce((s, w) => s + pick(w), 0);
  return {
    product_id: productId,
    on_hand: sum((w) => w.on_hand),
    reserved: sum((w) => w.reserved),
    available: sum((w) => w.available),
    warehouses,
  };
}

export const stockRoutes: FastifyPluginAsyncTypebox<StockRouteDeps> = async (app, deps) => {
  const { sql, counters, afterCommit } = deps;
  const admin = deps.auth.admin;

  // The cart asks for all its lines at once: one statement; a product never stocked is left out (one alone is a 404).
  app.get('/api/inventory', { schema: { querystring: BatchQuery, response: { 200: StockBatch } } }, async (request) => {
    const ids = parseUuidList(request.query.ids);
    const rows = await stockSql(sql).productsRows(ids);
    const byProduct = Map.groupBy(rows, (r) => r.productId);
    return {
      items: ids.flatMap((id) => {
        const stocked = byProduct.get(id);
        return stocked ? [productView(id, stocked)] : [];
      }),
    };
  });

  app.get(
    '/api/inventory/:productId',
    { schema: { params: ProductIdParams, response: { 200: ProductStock } } },
    async (request) => {
      const productId = request.params.productId.toLowerCase();
      const rows = await stockSql(sql).productRows(productId);
      if (rows.length === 0) throw notFound('no stock is recorded for this product');
      return productView(productId, rows);
    },
  );

  // Restock adds units, so a retried request would add them twice: an Idempotency-Key makes the retry a replay.
  app.post(
    '/api/inventory/restock',
    { onRequest: admin, schema: { body: RestockBody, headers: IdempotencyHeaders, response: { 200: ProductStock } } },
    async (request) => {
      const { product_id, warehouse_id = DEFAULT_WAREHOUSE, quantity, note } = request.body;
      const key = request.headers['idempotency-key'];
      const ref = { scope: RESTOCK_SCOPE, key: key ?? '' };
      const input = { productId: product_id, warehouseId: warehouse_id, quantity, note: note ?? null };
      const body = await sql.transaction(async (tx: SqlExecutor) => {
        if (key) {
          const claim = await claimIdempotencyKey(tx, { ...ref, requestHash: hashRequest(request.body) });
          if (claim.kind === 'replay') return claim.body as ReturnType<typeof productView>;
        }
        const view = productView(product_id.toLowerCase(), await restock(tx, input, counters));
        if (key) await saveIdempotentResponse(tx, ref, { statusCode: 200, body: view });
        return view;
      });
      afterCommit();
      return body;
    },
  );

  app.get(
    '/api/inventory/:productId/movements',
    {
      onRequest: admin,
      schema: { params: ProductIdParams, querystring: MovementsQuery, response: { 200: MovementsPage } },
    },
    async (request) => {
      const limit = request.query.limit ?? 100;
      const page = await stockSql(sql).movements(request.params.productId.toLowerCase(), {
        limit,
        beforeId: request.query.before ?? null,
      });
      return {
        items: page.map((m) => ({
          id: m.id,
          warehouse_id: m.warehouseId,
          kind: m.kind,
          quantity: m.quantity,
          on_hand_after: m.onHandAfter,
          reserved_after: m.reservedAfter,
          order_id: m.orderId,
          reservation_id: m.reservationId,
          note: m.note,
          created_at: m.createdAt.toISOString(),
        })),
        next_before: page.length === limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  );

  app.put(
    '/api/inventory/warehouses/:warehouseId',
    { onRequest: admin, schema: { params: Type.Object({ warehouseId: WarehouseId }), body: WarehouseBody } },
    async (request) => {
      await stockSql(sql).upsertWarehouse(request.params.warehouseId, request.body.name);
      return { id: request.params.warehouseId, name: request.body.name };
    },
  );
};
