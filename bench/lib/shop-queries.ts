// The searches the shopping benchmark sends, by shape (seed 002's search mix): hot ones cycle over a few fixed
// queries (answered from the Redis query cache once warm), cold ones walk the catalog's whole vocabulary (common and
// rare words, every category, colour and material) and are sent right after the cache was emptied (search-cache.ts),
// so PostgreSQL answers each of them. Both are plain shoppers' queries: nothing is added to make them unique.
import { ADJECTIVES, BRANDS, CATEGORIES, COLOURS, MATERIALS } from './shop-catalog.ts';

export type Temperature = 'hot' | 'cold';

export interface QueryShape {
  name: string;
  /** The path (with query string) of the n-th request: hot ones cycle over HOT_VARIANTS, cold ones over everything. */
  path(temperature: Temperature, n: number): string;
}

/** Hot queries per shape: warm-up sends each of them once, so every measured hot request is a cache hit. */
export const HOT_VARIANTS = 8;

const KIND_WORDS = [...new Set(CATEGORIES.flatMap((c) => c.kinds).filter((k) => !k.includes(' ')))];
const WORDS = [...KIND_WORDS, ...MATERIALS, ...COLOURS, ...ADJECTIVES];
const at = <T>(list: readonly T[], n: number): T => list[n % list.length]!;

/** `?a=1&b=2` from pairs, leaving out undefined values. */
function query(pairs: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(pairs)) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}

/** A misspelling a shopper makes: two letters swapped, one dropped, or one doubled (1 edit), never the word itself. */
export function typo(word: string, n: number): string {
  for (let k = n; ; k++) {
    const p = 1 + (k % Math.max(1, word.length - 3));
    const kinds = [
      () => word.slice(0, p) + word[p + 1] + word[p] + word.slice(p + 2),
      () => word.slice(0, p) + word.slice(p + 1),
      () => word.slice(0, p) + word[p] + word.slice(p),
    ];
    const made = kinds[k % kinds.length]!();
    if (made !== word) return made;
  }
}

const TYPO_WORDS = [...KIND_WORDS, ...MATERIALS].filter((w) => w.length >= 5);

const search = (pairs: Record<string, string | number | boolean | undefined>) => `/api/search?${query(pairs)}`;
/** Hot requests cycle over HOT_VARIANTS queries; cold ones take the n-th of the whole space. */
const variant = (t: Temperature, n: number) => (t === 'hot' ? n % HOT_VARIANTS : n);

/** Seed 002's search mix, in the order the tables print it. */
export const SEARCH_SHAPES: readonly QueryShape[] = [
  {
    name: 'one common word',
    path: (t, n) => search({ q: at(WORDS, variant(t, n)) }),
  },
  {
    name: 'two words',
    path: (t, n) => {
      const k = variant(t, n);
      return search({ q: `${at([...ADJECTIVES, ...MATERIALS], k)} ${at(KIND_WORDS, Math.floor(k / 3))}` });
    },
  },
  {
    name: 'word + filters (category, price, in stock, colour)',
    path: (t, n) => {
      const k = variant(t, n);
      const category = at(CATEGORIES, k);
      const price = { price_min: Math.round(category.basePrice / 2), price_max: Math.round(category.basePrice * 1.5) };
      return search({
        q: at(MATERIALS, k),
        category: category.slug,
        ...price,
        in_stock: true,
        'attr.color': at(COLOURS, k),
      });
    },
  },
  {
    name: 'browse a category with facets',
    path: (t, n) => search({ category: at(CATEGORIES, variant(t, n)).slug }),
  },
  {
    name: "typo'd word",
    path: (t, n) => {
      const k = variant(t, n);
      return search({ q: typo(at(TYPO_WORDS, k), k) });
    },
  },
  {
    name: 'page 5 of a broad query',
    path: (t, n) => search({ q: at(COLOURS, variant(t, n)), page: 5 }),
  },
];

const PREFIX_SOURCES = [...KIND_WORDS, ...MATERIALS, ...BRANDS.map((b) => b.slug)];
const PREFIXES = [...new Set(PREFIX_SOURCES.flatMap((w) => [2, 3, 4].map((len) => w.slice(0, len))))];
const FIRST_WORDS = [...ADJECTIVES, ...COLOURS, ...MATERIALS];

/** Autocomplete as a shopper types the second word ("leather bo"): every first word with every prefix. */
export const SUGGEST_SHAPE: QueryShape = {
  name: 'autocomplete (suggest)',
  path: (t, n) => {
    const k = t === 'hot' ? (n % HOT_VARIANTS) * 37 : n;
    const text = `${at(FIRST_WORDS, k)} ${at(PREFIXES, Math.floor(k / FIRST_WORDS.length))}`;
    return `/api/search/suggest?${new URLSearchParams({ q: text })}`;
  },
};
