// HTTP schemas of the search API (snake_case JSON, money in integer minor units): validate, type and serialize.
import { type Static, Type } from '@fastify/type-provider-typebox';
import { SORTS, SUGGESTION_KINDS } from '../engine/search-engine.ts';

/** 10^10 minor units, the largest price the contracts allow. */
export const MAX_PRICE = 10_000_000_000;
/** `attr.<name>` filters: the attribute name after the dot. */
export const ATTRIBUTE_PARAM = /^attr\.([A-Za-z0-9_-]{1,50})$/;

// Multi-valued filters arrive as repeated parameters or comma lists; their values are checked in code
// (search.params.ts) so an error names the parameter, not an array position.
const Values = Type.Array(Type.String(), { maxItems: 20 });
const Price = Type.Integer({ minimum: 0, maximum: MAX_PRICE });

export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    category: Type.Optional(Values),
    brand: Type.Optional(Values),
    in_stock: Type.Optional(Type.Boolean()),
    price_min: Type.Optional(Price),
    price_max: Type.Optional(Price),
    sort: Type.Optional(Type.Enum([...SORTS])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false, patternProperties: { [ATTRIBUTE_PARAM.source]: Values } },
);
export type SearchQuery = Static<typeof SearchQuery> & Record<`attr.${string}`, string[] | undefined>;

export const SuggestQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  },
  { additionalProperties: false },
);

export const DocumentView = Type.Object({
  id: Type.String(),
  sku: Type.String(),
  title: Type.String(),
  description: Type.String(),
  price: Type.Integer({ description: 'minor units' }),
  original_price: Type.Union([Type.Integer(), Type.Null()]),
  currency: Type.String(),
  category: Type.String(),
  brand: Type.String(),
  attributes: Type.Record(Type.String(), Type.Array(Type.String())),
  images: Type.Array(Type.String()),
  popularity_score: Type.Number(),
  in_stock: Type.Boolean(),
  version: Type.Integer(),
  updated_at: Type.String(),
  score: Type.Union([Type.Number({ description: 'text relevance; null when browsing' }), Type.Null()]),
});

const FacetValues = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }));

export const SearchResponse = Type.Object({
  items: Type.Array(DocumentView),
  total: Type.Integer(),
  page: Type.Integer(),
  limit: Type.Integer(),
  corrected_query: Type.Union([Type.String(), Type.Null()]),
  facets: Type.Object({
    category: FacetValues,
    brand: FacetValues,
    attributes: Type.Record(Type.String(), FacetValues),
    in_stock: Type.Object({ true: Type.Integer(), false: Type.Integer() }),
    price: Type.Array(
      Type.Object({
        from: Type.Integer(),
        to: Type.Union([Type.Integer({ description: 'exclusive' }), Type.Null()]),
        count: Type.Integer(),
      }),
    ),
  }),
});
export type SearchResponse = Static<typeof SearchResponse>;

export const SuggestResponse = Type.Object({
  suggestions: Type.Array(
    Type.Object({
      text: Type.String(),
      kind: Type.Enum([...SUGGESTION_KINDS]),
      id: Type.Optional(Type.String()),
    }),
  ),
});
export type SuggestResponse = Static<typeof SuggestResponse>;
