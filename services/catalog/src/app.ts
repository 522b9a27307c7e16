// The catalog's Fastify app: platform HTTP basics plus the product routes; it never listens by itself.
import {
  createHttpApp,
  type HttpApp,
  type Logger,
  type ServiceAuth,
  type ServiceMetrics,
  type Sql,
} from '@techcorp/platform';
import { pingDatabase } from './health.sql.ts';
import { createProductCommands, type WriteOutcome } from './product/product.commands.ts';
import { productRoutes } from './product/product.routes.ts';
import { createProductRepository } from './product/product.sql.ts';

/** The largest valid product is about 20 KiB of UTF-8 (5000 four-byte characters); anything far beyond is abuse. */
export const BODY_LIMIT = 64 * 1024;

export interface CatalogAppDeps {
  logger: Logger;
  sql: Sql;
  auth: ServiceAuth;
  metrics: ServiceMetrics;
  afterCommit: (outcome: WriteOutcome) => void;
}

export async function buildCatalogApp({ logger, sql, auth, metrics, afterCommit }: CatalogAppDeps): Promise<HttpApp> {
  const app = createHttpApp({
    name: 'catalog',
    logger,
    bodyLimit: BODY_LIMIT,
    readiness: () => pingDatabase(sql),
    metrics,
  });
  const products = createProductRepository();
  const commands = createProductCommands({ sql, products, afterCommit });
  await app.register(productRoutes, { sql, products, commands, auth });
  return app;
}
