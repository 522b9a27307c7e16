// The catalog's Fastify app: platform HTTP basics plus the product, category and brand routes; it never listens.
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
import { createTaxonomyCommands } from './taxonomy/taxonomy.commands.ts';
import { taxonomyRoutes } from './taxonomy/taxonomy.routes.ts';
import { createTaxonomyRepository } from './taxonomy/taxonomy.sql.ts';

/**
 * The largest valid product is about 300 KiB of UTF-8 (20 attributes of 50 values of 60 four-byte characters, a
 * 5000-character description, 10 image URLs of 2 KiB); anything far beyond is abuse.
 */
export const BODY_LIMIT = 512 * 1024;

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

  const termWrites = metrics.counter('catalog_taxonomy_writes_total', 'Category and brand writes', ['kind', 'outcome']);
  const terms = createTaxonomyRepository();
  const taxonomy = createTaxonomyCommands({
    sql,
    terms,
    afterCommit: (kind, outcome) => termWrites.inc({ kind, outcome }),
  });
  await app.register(taxonomyRoutes, { sql, terms, commands: taxonomy, auth });
  return app;
}
