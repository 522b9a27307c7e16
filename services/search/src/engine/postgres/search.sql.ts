// The search statements: a page of hits, and the total with disjunctive facet counts, over one text match and filters.
// Every value the caller chose travels as a parameter; only fixed fragments are composed into the text.
import type { SqlExecutor } from '@techcorp/platform';
import { type FacetRow, PRICE_BOUNDS } from '../facets.ts';
import type { DocumentView, SearchFilters, Sort } from '../search-engine.ts';

/** How the text part of a search matches: not at all (browse), full-text, or trigram similarity on titles. */
export type TextMatch = { kind: 'none' } | { kind: 'tsquery'; query: string } | { kind: 'trigram'; text: string };

// Text order is byte order (COLLATE "C") wherever it is visible: the same on every database, whatever its locale.

/** D, C, B, A: a title (A) match counts twice a description (B) match, as the seed's `title^2, description`. */
const RANK_WEIGHTS = `'{0.1, 0.2, 0.5, 1.0}'`;
const MAX_FACET_VALUES = 50;

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function textClause(p: Params, match: TextMatch): { where: string; score: string } {
  switch (match.kind) {
    case 'none':
      return { where: 'TRUE', score: 'NULL::real' };
    case 'tsquery': {
      const q = `to_tsquery('simple', ${p.add(match.query)}::text)`;
      return { where: `d.search_vector @@ ${q}`, score: `ts_rank(${RANK_WEIGHTS}, d.search_vector, ${q})` };
    }
    case 'trigram': {
      const t = p.add(match.text);
      // `<%` is word similarity above pg_trgm.word_similarity_threshold, set for the transaction by the engine.
      return { where: `${t}::text <% d.title_norm`, score: `word_similarity(${t}::text, d.title_norm)` };
    }
    default: {
      const unknown: never = match;
      throw new Error(`unknown text match ${JSON.stringify(unknown)}`);
    }
  }
}

/** One predicate per filter the request sets, named so facets can leave their own out. */
interface FilterPredicate {
  facet: string;
  sql: string;
  /** For attribute filters: the parameter holding the attribute name. */
  attributeKey?: string;
}

function filterPredicates(p: Params, filters: SearchFilters): FilterPredicate[] {
  const out: FilterPredicate[] = [];
  if (filters.categories.length > 0)
    out.push({ facet: 'category', sql: `d.category = ANY(${p.add(filters.categories)}::text[])` });
  if (filters.brands.length > 0) out.push({ facet: 'brand', sql: `d.brand = ANY(${p.add(filters.brands)}::text[])` });
  if (filters.inStock !== null) out.push({ facet: 'in_stock', sql: `d.in_stock = ${p.add(filters.inStock)}::boolean` });
  const price: string[] = [];
  if (filters.priceMin !== null) price.push(`d.price >= ${p.add(filters.priceMin)}::bigint`);
  if (filters.priceMax !== null) price.push(`d.price <= ${p.add(filters.priceMax)}::bigint`);
  if (price.length > 0) out.push({ facet: 'price', sql: price.join(' AND ') });
  for (const name of Object.keys(filters.attributes).sort()) {
    const key = `${p.add(name)}::text`;
    const values = `${p.add(filters.attributes[name])}::text[]`;
    out.push({ facet: `attribute:${name}`, sql: `(d.attributes -> ${key}) ?| ${values}`, attributeKey: key });
  }
  return out;
}

function where(text: string, predicates: readonly FilterPredicate[]): string {
  return ["d.status = 'ACTIVE'", text, ...predicates.map((f) => f.sql)].join(' AND ');
}

const ORDER: Record<Sort, string> = {
  relevance: 'score DESC NULLS LAST, d.popularity_score DESC, d.product_id',
  price_asc: 'd.price ASC, d.product_id',
  price_desc: 'd.price DESC, d.product_id',
  newest: 'd.created_at DESC, d.product_id',
  popularity: 'd.popularity_score DESC, d.product_id',
};

interface HitRow extends Omit<DocumentView, 'updated_at'> {
  updated_at: Date | string;
}

export async function pageOfHits(
  db: SqlExecutor,
  match: TextMatch,
  filters: SearchFilters,
  sort: Sort,
  page: { limit: number; offset: number },
): Promise<DocumentView[]> {
  const p = new Params();
  const text = textClause(p, match);
  const predicates = filterPredicates(p, filters);
  const { rows } = await db.query<HitRow>(
    `SELECT d.product_id AS id, d.sku, d.title, d.description, d.price, d.original_price, d.currency, d.category,
       d.brand, d.attributes, d.images, d.popularity_score, d.in_stock, d.version, d.updated_at, ${text.score} AS score
     FROM documents d
     WHERE ${where(text.where, predicates)}
     ORDER BY ${ORDER[sort]}
     LIMIT ${p.add(page.limit)}::int OFFSET ${p.add(page.offset)}::int`,
    p.values,
  );
  return rows.map((r) => ({
    ...r,
    currency: r.currency.trim(),
    updated_at: new Date(r.updated_at).toISOString(),
    score: r.score === null ? null : Number(r.score),
  }));
}

/** First statement of a search transaction: every later statement reads the same snapshot, and nothing writes. */
export async function useOneSnapshot(tx: SqlExecutor): Promise<void> {
  await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
}

/** The bar of pg_trgm's `<%` operator for the rest of the transaction. */
export async function setWordSimilarityThreshold(tx: SqlExecutor, threshold: number): Promise<void> {
  await tx.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(threshold)]);
}

/** Whether the text matches any active document at all, filters aside. */
export async function anyMatch(db: SqlExecutor, match: TextMatch): Promise<boolean> {
  const p = new Params();
  const text = textClause(p, match);
  const { rows } = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM documents d WHERE ${where(text.where, [])}) AS found`,
    p.values,
  );
  return rows[0]?.found === true;
}

/**
 * The total and the facet counts, disjunctive: each facet counts the documents matching the text and every filter
 * except its own, so picking "blue" still shows how many "red" there are. One pass over the text's matches computes
 * every filter's flag per document, and the total (every flag) comes from the same pass.
 */
export async function totalAndFacets(
  db: SqlExecutor,
  match: TextMatch,
  filters: SearchFilters,
): Promise<{ total: number; facets: FacetRow[] }> {
  const p = new Params();
  const text = textClause(p, match);
  const predicates = filterPredicates(p, filters);
  const flags = predicates.map((f, i) => ({ ...f, flag: `f${i}` }));
  const except = (facet: string) =>
    flags
      .filter((f) => f.facet !== facet && f.attributeKey === undefined)
      .map((f) => f.flag)
      .join(' AND ') || 'TRUE';
  const allBut = (facet: string) =>
    [except(facet), ...flags.filter((f) => f.attributeKey && f.facet !== facet).map((f) => f.flag)].join(' AND ');
  const attributeScope = flags
    .filter((f) => f.attributeKey)
    .map((f) => `(a.key = ${f.attributeKey} OR m.${f.flag})`)
    .join(' AND ');
  const everyFilter = flags.map((f) => f.flag).join(' AND ') || 'TRUE';
  const bounds = `${p.add(PRICE_BOUNDS)}::bigint[]`;
  const { rows } = await db.query<TotalOrFacetRow>(
    `WITH matched AS (
       SELECT d.category, d.brand, d.in_stock, d.price, d.facet_keys, d.facet_values
         ${flags.map((f) => `, (${f.sql}) AS ${f.flag}`).join('')}
       FROM documents d WHERE ${where(text.where, [])}
     ), counted AS (
       SELECT 'category' AS facet, '' AS name, category AS value, count(*)::int AS count
         FROM matched WHERE ${allBut('category')} GROUP BY category
       UNION ALL SELECT 'brand', '', brand, count(*)::int FROM matched WHERE ${allBut('brand')} GROUP BY brand
       UNION ALL SELECT 'in_stock', '', in_stock::text, count(*)::int
         FROM matched WHERE ${allBut('in_stock')} GROUP BY in_stock
       UNION ALL SELECT 'price', '', width_bucket(price, ${bounds})::text, count(*)::int
         FROM matched WHERE ${allBut('price')} GROUP BY 3
       UNION ALL SELECT 'attribute', a.key, a.value, count(*)::int
         FROM matched m CROSS JOIN LATERAL unnest(m.facet_keys, m.facet_values) AS a(key, value)
         WHERE ${except('attribute')} AND ${attributeScope || 'TRUE'}
         GROUP BY a.key, a.value
       UNION ALL SELECT 'total', '', '', count(*)::int FROM matched WHERE ${everyFilter}
     )
     SELECT facet, name, value, count FROM (
       SELECT counted.*, row_number() OVER (PARTITION BY facet, name ORDER BY count DESC, value COLLATE "C") AS position
       FROM counted
     ) ranked
     WHERE position <= ${MAX_FACET_VALUES}
     ORDER BY facet, name, count DESC, value COLLATE "C"`,
    p.values,
  );
  let total = 0;
  const facets: FacetRow[] = [];
  for (const row of rows) {
    if (row.facet === 'total') total = Number(row.count);
    else facets.push({ ...row, facet: row.facet, count: Number(row.count) });
  }
  return { total, facets };
}

interface TotalOrFacetRow extends Omit<FacetRow, 'facet'> {
  facet: FacetRow['facet'] | 'total';
}
