// Re-announces every product's stock (inventory.stock_changed), so a consumer that missed events or starts empty —
// catalog's in_stock after an upgrade, a rebuilt read model — converges on the current levels. Idempotent for them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { enqueueOutbox, type ServiceAuth, type Sql } from '@techcorp/platform';
import { stockChangedEnvelope } from '../outgoing.ts';
import { stockSql } from './stock.sql.ts';

const PAGE = 500;

/** Enqueues one stock_changed per product, a page per transaction; resolves with how many. */
export async function republishStock(sql: Sql, afterCommit: () => void): Promise<number> {
  let after: string | null = null;
  let count = 0;
  for (;;) {
    const page = await sql.transaction(async (tx) => {
      const totals = await stockSql(tx).totalsPage(after, PAGE);
      await enqueueOutbox(
        tx,
        totals.map((t) => stockChangedEnvelope(t, null)),
      );
      return totals;
    });
    afterCommit();
    count += page.length;
    if (page.length < PAGE) return count;
    after = page[page.length - 1]?.productId ?? null;
  }
}

export interface StockRepublishDeps {
  sql: Sql;
  auth: ServiceAuth;
  afterCommit: () => void;
}

/** `POST /api/inventory/stock/republish` (admin): 200 `{ products }` once every event is in the outbox. */
export const stockRepublishRoutes: FastifyPluginAsyncTypebox<StockRepublishDeps> = async (app, deps) => {
  app.post(
    '/api/inventory/stock/republish',
    { onRequest: deps.auth.admin, schema: { response: { 200: Type.Object({ products: Type.Integer() }) } } },
    async () => ({ products: await republishStock(deps.sql, deps.afterCommit) }),
  );
};
