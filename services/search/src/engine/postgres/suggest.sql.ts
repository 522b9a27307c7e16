// Completion statements: products by title prefix (tsquery `tsh:*` on weight A) or trigram word similarity, and
// category/brand labels with a word starting with what was typed.
import type { SqlExecutor } from '@techcorp/platform';
import { indexText } from '../text.ts';

export interface TitleHit {
  id: string;
  title: string;
}

/**
 * Products matching the typed prefix, the most popular first. Not ranked by ts_rank: a short prefix matches much of
 * the catalog, and ranking every match costs more than the few keystrokes it serves (the search page ranks).
 */
export async function titlesByPrefix(db: SqlExecutor, tsquery: string, limit: number): Promise<TitleHit[]> {
  const { rows } = await db.query<TitleHit>(
    `SELECT d.product_id AS id, d.title FROM documents d
     WHERE d.status = 'ACTIVE' AND d.search_vector @@ to_tsquery('simple', $1)
     ORDER BY d.popularity_score DESC, d.product_id
     LIMIT $2`,
    [tsquery, limit],
  );
  return rows;
}

/** Titles containing a word similar to the text (default pg_trgm word_similarity_threshold, 0.6). */
export async function titlesBySimilarity(db: SqlExecutor, text: string, limit: number): Promise<TitleHit[]> {
  const { rows } = await db.query<TitleHit>(
    `SELECT d.product_id AS id, d.title FROM documents d
     WHERE d.status = 'ACTIVE' AND $1::text <% d.title_norm
     ORDER BY word_similarity($1::text, d.title_norm) DESC, d.popularity_score DESC, d.product_id
     LIMIT $2`,
    [text, limit],
  );
  return rows;
}

export interface LabelHit {
  kind: 'category' | 'brand';
  text: string;
}

export interface Label extends LabelHit {
  /** The normalised text the prefix is matched against. */
  norm: string;
  count: number;
}

/**
 * Every category and brand of the active documents, with how many documents carry it (a few dozen rows). Grouped by
 * the raw label alone, so each half can be an index-only scan of its partial index; the normalised text is derived
 * here exactly as the writer derives category_norm and brand_norm.
 */
export async function allLabels(db: SqlExecutor): Promise<Label[]> {
  const { rows } = await db.query<{ kind: Label['kind']; text: string; count: number }>(
    `SELECT 'category' AS kind, category AS text, count(*)::int AS count FROM documents
      WHERE status = 'ACTIVE' GROUP BY category
     UNION ALL
     SELECT 'brand', brand, count(*)::int FROM documents WHERE status = 'ACTIVE' GROUP BY brand`,
  );
  return rows.map((r) => ({ ...r, norm: indexText(r.text), count: Number(r.count) }));
}

/** Labels with a word starting with `prefix` (normalised), per kind the most populated first, at most `limit` each. */
export function labelsByPrefix(labels: readonly Label[], prefix: string, limit: number): LabelHit[] {
  const matches = labels.filter((l) => l.norm.startsWith(prefix) || l.norm.includes(` ${prefix}`));
  const byKind = (kind: LabelHit['kind']) =>
    matches
      .filter((l) => l.kind === kind)
      .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
      .slice(0, limit)
      .map(({ kind: k, text }) => ({ kind: k, text }));
  return [...byKind('category'), ...byKind('brand')];
}
