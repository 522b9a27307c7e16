// From validated query parameters to a normalised search request (pure): comma lists split, values checked and
// sorted, the text folded, so equal searches share one cache key. Problems name the parameter.
import { type FieldError, validationError } from '@techcorp/platform';
import type { SearchFilters, SearchRequest, Sort } from '../engine/search-engine.ts';
import { wordGroups } from '../engine/text.ts';
import { ATTRIBUTE_PARAM } from './search.schemas.ts';

export const DEFAULT_LIMIT = 20;
export const DEFAULT_SUGGEST_LIMIT = 10;
const MAX_VALUES = 20;
const MAX_VALUE_LENGTH = 100;
const MAX_ATTRIBUTE_FILTERS = 10;

export interface RawSearchQuery {
  q?: string;
  category?: string[];
  brand?: string[];
  in_stock?: boolean;
  price_min?: number;
  price_max?: number;
  sort?: Sort;
  page?: number;
  limit?: number;
  [param: string]: unknown;
}

/** The words of q, folded and single-spaced; null for an empty q (browse). */
export function normalisedText(q: string | undefined, field: string, errors: FieldError[]): string | null {
  if (q === undefined || q.trim() === '') return null;
  const groups = wordGroups(q);
  if (groups.length === 0) {
    errors.push({ field, message: 'must contain a letter or digit' });
    return null;
  }
  return groups.map((g) => g.display).join(' ');
}

/** `a,b` and repeated parameters alike; trimmed, deduplicated and sorted. */
function values(raw: readonly string[] | undefined, field: string, errors: FieldError[]): string[] {
  if (raw === undefined) return [];
  const split = raw.flatMap((v) => v.split(',')).map((v) => v.trim());
  if (split.some((v) => v.length === 0)) errors.push({ field, message: 'must not contain an empty value' });
  else if (split.some((v) => v.length > MAX_VALUE_LENGTH))
    errors.push({ field, message: `values must be at most ${MAX_VALUE_LENGTH} characters` });
  else if (new Set(split).size > MAX_VALUES) errors.push({ field, message: `must have at most ${MAX_VALUES} values` });
  return [...new Set(split)].sort();
}

function attributeFilters(query: RawSearchQuery, errors: FieldError[]): Record<string, string[]> {
  const params = Object.keys(query)
    .filter((key) => ATTRIBUTE_PARAM.test(key))
    .sort();
  if (params.length > MAX_ATTRIBUTE_FILTERS)
    errors.push({
      field: params[MAX_ATTRIBUTE_FILTERS]!,
      message: `at most ${MAX_ATTRIBUTE_FILTERS} attribute filters`,
    });
  const out: Record<string, string[]> = {};
  for (const param of params.slice(0, MAX_ATTRIBUTE_FILTERS)) {
    const name = ATTRIBUTE_PARAM.exec(param)![1]!;
    out[name] = values(query[param] as string[] | undefined, param, errors);
  }
  return out;
}

export function toSearchRequest(query: RawSearchQuery): SearchRequest {
  const errors: FieldError[] = [];
  const q = normalisedText(query.q, 'q', errors);
  const filters: SearchFilters = {
    categories: values(query.category, 'category', errors),
    brands: values(query.brand, 'brand', errors),
    inStock: query.in_stock ?? null,
    priceMin: query.price_min ?? null,
    priceMax: query.price_max ?? null,
    attributes: attributeFilters(query, errors),
  };
  if (filters.priceMin !== null && filters.priceMax !== null && filters.priceMin > filters.priceMax)
    errors.push({ field: 'price_max', message: 'must be at least price_min' });
  if (errors.length > 0) throw validationError(`invalid search: ${errors[0]!.field} ${errors[0]!.message}`, errors);
  return {
    q,
    filters,
    sort: query.sort ?? 'relevance',
    page: query.page ?? 1,
    limit: query.limit ?? DEFAULT_LIMIT,
  };
}

export function toSuggestRequest(query: { q: string; limit?: number }): { q: string; limit: number } {
  const errors: FieldError[] = [];
  const q = normalisedText(query.q, 'q', errors);
  if (q === null) {
    if (errors.length === 0) errors.push({ field: 'q', message: 'must contain a letter or digit' });
    throw validationError(`invalid suggest: q ${errors[0]!.message}`, errors);
  }
  return { q, limit: query.limit ?? DEFAULT_SUGGEST_LIMIT };
}
