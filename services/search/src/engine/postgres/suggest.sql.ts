// Completion statements: products by title prefix (tsquery `tsh:*` on weight A) or trigram word similarity, and
// category/brand labels with a word starting with what was typed.
import type { SqlExecutor } from '@techcorp/platform';

export interface TitleHit {
  id: string;
  title: string;
}

export async function titlesByPrefix(db: SqlExecutor, tsquery: string, limit: number): Promise<TitleHit[]> {
  const { rows } = await db.query<TitleHit>(
    `SELECT d.product_id AS id, d.title FROM documents d
     WHERE d.status = 'ACTIVE' AND d.search_vector @@ to_tsquery('simple', $1)
     ORDER BY ts_rank('{0.1, 0.2, 0.5, 1.0}', d.search_vector, to_tsquery('simple', $1)) DESC,
       d.popularity_score DESC, d.product_id
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

/** Categories and brands with a word starting with `prefix` (normalised text), the most populated first. */
export async function labelsByPrefix(db: SqlExecutor, prefix: string, limit: number): Promise<LabelHit[]> {
  const { rows } = await db.query<LabelHit>(
    `(SELECT 'category' AS kind, category AS text FROM documents
      WHERE status = 'ACTIVE' AND (category_norm LIKE $1 || '%' OR category_norm LIKE '% ' || $1 || '%')
      GROUP BY category ORDER BY count(*) DESC, category COLLATE "C" LIMIT $2)
     UNION ALL
     (SELECT 'brand', brand FROM documents
      WHERE status = 'ACTIVE' AND (brand_norm LIKE $1 || '%' OR brand_norm LIKE '% ' || $1 || '%')
      GROUP BY brand ORDER BY count(*) DESC, brand COLLATE "C" LIMIT $2)`,
    [prefix, limit],
  );
  return rows;
}
