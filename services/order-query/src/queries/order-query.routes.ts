// The order read API: list with filters, a customer's orders, text search and analytics; cache-first, with
// read-your-writes (`for_order` + `min_version`) on every endpoint.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  forbidden,
  hasRole,
  ROLES,
  type ServiceAuth,
  type Sql,
  unavailable,
  validationError,
} from '@techcorp/platform';
import type { FastifyRequest } from 'fastify';
import { prefixQuery } from '../projection/search-terms.ts';
import { loadAnalytics } from './analytics.ts';
import { loadOrderPage, resolvePage } from './order-page.ts';
import { analyticsWindow, parseStatuses, rangeErrors, readYourWritesErrors } from './order-query.policy.ts';
import {
  AnalyticsQuery,
  AnalyticsView,
  CustomerParams,
  CustomerQuery,
  ListQuery,
  OrderPage,
  SearchQuery,
} from './order-query.schemas.ts';
import type { OrderFilters } from './order-query.sql.ts';
import type { QueryCache } from './query-cache.ts';
import { waitForProjection } from './read-your-writes.ts';

export interface QueryRoutesOptions {
  sql: Sql;
  auth: ServiceAuth;
  cache: QueryCache;
  /** How long a read-your-writes request may wait for the projection. */
  waitTimeoutMs: number;
}

interface ReadYourWrites {
  for_order?: string;
  min_version?: number;
}

type FilterQuery = {
  status?: string[];
  created_from?: string;
  created_to?: string;
  min_total?: number;
  max_total?: number;
};

function filtersOf(query: FilterQuery, customerId?: string): OrderFilters {
  const errors = rangeErrors({
    createdFrom: query.created_from,
    createdTo: query.created_to,
    minTotal: query.min_total,
    maxTotal: query.max_total,
  });
  if (errors.length > 0) throw validationError('invalid filter range', errors);
  return {
    statuses: parseStatuses(query.status),
    customerId,
    createdFrom: query.created_from,
    createdTo: query.created_to,
    minTotal: query.min_total,
    maxTotal: query.max_total,
  };
}

/** The cache key's parameters: everything but the read-your-writes pair, which does not change the answer. */
function cacheParams<Q extends ReadYourWrites>(query: Q): Omit<Q, keyof ReadYourWrites> {
  const { for_order: _order, min_version: _version, ...rest } = query;
  return rest;
}

export const queryRoutes: FastifyPluginAsyncTypebox<QueryRoutesOptions> = async (
  app,
  { sql, auth, cache, waitTimeoutMs },
) => {
  // Everything here needs a caller; customers see their own orders only, admins everyone's.
  app.addHook('onRequest', auth.authenticated);
  /** null for admins (no restriction), else the customer the answer must be limited to. */
  const onlyOwnOf = (request: FastifyRequest): string | null => {
    const identity = auth.identity(request);
    return hasRole(identity, ROLES.admin) ? null : identity.subject;
  };
  app.addHook('preHandler', async (request, reply) => {
    const { for_order, min_version } = request.query as ReadYourWrites;
    const errors = readYourWritesErrors(for_order, min_version);
    if (errors.length > 0) throw validationError('for_order and min_version go together', errors);
    if (for_order === undefined || min_version === undefined) return;
    const own = onlyOwnOf(request) ?? undefined;
    if (await waitForProjection(sql, for_order.toLowerCase(), min_version, waitTimeoutMs, own)) return;
    reply.header('retry-after', '1');
    throw unavailable(`order ${for_order} is not yet projected at version ${min_version}; retry shortly`);
  });
  // A read-your-writes request skips the cached answer: its generation may not be bumped yet right after commit.
  const bypass = (query: ReadYourWrites) => ({ bypass: query.for_order !== undefined });

  app.get('/api/orders', { schema: { querystring: ListQuery, response: { 200: OrderPage } } }, async (request) => {
    const own = onlyOwnOf(request);
    if (own !== null && request.query.customer_id !== undefined && request.query.customer_id !== own)
      throw forbidden('customers may list their own orders only');
    const customerId = own ?? request.query.customer_id;
    const filters = filtersOf(request.query, customerId);
    const page = resolvePage(request.query);
    const load = () => loadOrderPage(sql, filters, page);
    const scope = own === null ? ({ kind: 'list' } as const) : ({ kind: 'customer', customerId: own } as const);
    const params = { ...cacheParams(request.query), customer_id: customerId, endpoint: 'list' };
    return cache.answer(scope, params, load, bypass(request.query));
  });

  app.get(
    '/api/orders/customer/:customerId',
    { schema: { params: CustomerParams, querystring: CustomerQuery, response: { 200: OrderPage } } },
    async (request) => {
      const { customerId } = request.params;
      auth.assertOwner(request, customerId, 'customer');
      const filters = filtersOf(request.query, customerId);
      const page = resolvePage(request.query);
      const load = () => loadOrderPage(sql, filters, page);
      return cache.answer({ kind: 'customer', customerId }, cacheParams(request.query), load, bypass(request.query));
    },
  );

  app.get(
    '/api/orders/search',
    { schema: { querystring: SearchQuery, response: { 200: OrderPage } } },
    async (request) => {
      const tsquery = prefixQuery(request.query.q);
      if (tsquery === null)
        throw validationError('nothing to search for', [{ field: 'q', message: 'must contain a letter or digit' }]);
      const page = resolvePage(request.query);
      const own = onlyOwnOf(request);
      const load = () => loadOrderPage(sql, { tsquery, customerId: own ?? undefined }, page);
      const scope = own === null ? ({ kind: 'search' } as const) : ({ kind: 'customer', customerId: own } as const);
      const params = { ...cacheParams(request.query), endpoint: 'search' };
      return cache.answer(scope, params, load, bypass(request.query));
    },
  );

  app.get(
    '/api/orders/analytics',
    { onRequest: auth.admin, schema: { querystring: AnalyticsQuery, response: { 200: AnalyticsView } } },
    async (request) => {
      const window = analyticsWindow(request.query.from, request.query.to, new Date());
      if ('field' in window) throw validationError('invalid analytics window', [window]);
      const load = () => loadAnalytics(sql, window);
      // Keyed by what was asked: a default window ("the last 30 days") is answered as of its first request.
      return cache.answer({ kind: 'analytics' }, cacheParams(request.query), load, bypass(request.query));
    },
  );
};
