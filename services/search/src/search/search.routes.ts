// The public search API: product search with facets, and autocomplete; cache-first (seed 001 search flow).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SearchEngine } from '../engine/search-engine.ts';
import type { QueryCache } from './query-cache.ts';
import { type RawSearchQuery, toSearchRequest, toSuggestRequest } from './search.params.ts';
import { SearchQuery, SearchResponse, SuggestQuery, SuggestResponse } from './search.schemas.ts';

export interface SearchRoutesOptions {
  engine: SearchEngine;
  cache: QueryCache;
}

export const searchRoutes: FastifyPluginAsyncTypebox<SearchRoutesOptions> = async (app, { engine, cache }) => {
  // Public (the gateway routes GET /api/search* without a login): no identity is needed or read.
  app.get(
    '/api/search',
    { schema: { querystring: SearchQuery, response: { 200: SearchResponse } } },
    async (request): Promise<SearchResponse> => {
      const search = toSearchRequest(request.query as RawSearchQuery);
      const result = await cache.answer('search', search, () => engine.search(search));
      return {
        items: result.items,
        total: result.total,
        page: search.page,
        limit: search.limit,
        corrected_query: result.correctedQuery,
        facets: result.facets,
      };
    },
  );

  app.get(
    '/api/search/suggest',
    { schema: { querystring: SuggestQuery, response: { 200: SuggestResponse } } },
    async (request): Promise<SuggestResponse> => {
      const suggest = toSuggestRequest(request.query);
      const suggestions = await cache.answer('suggest', suggest, () => engine.suggest(suggest.q, suggest.limit));
      return { suggestions };
    },
  );
};
