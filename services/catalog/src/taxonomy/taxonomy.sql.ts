// Every statement on the categories and brands tables; plain async functions over whichever executor the caller holds.
import type { SqlExecutor } from '@techcorp/platform';
import { FOREIGN_KEY_VIOLATION, isViolation } from '../sql-errors.ts';
import type { TaxonomyKind, TaxonomyTerm, TermUsage } from './taxonomy.policy.ts';

const TS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

// Table and column names come from this fixed map, never from a request.
const TABLES = {
  category: { table: 'categories', productColumn: 'category', parent: true },
  brand: { table: 'brands', productColumn: 'brand', parent: false },
} as const;

interface TermRow {
  slug: string;
  name: string;
  parent_slug: string | null;
  created_at: string;
  updated_at: string;
}

const columns = (kind: TaxonomyKind) =>
  `slug, name, ${TABLES[kind].parent ? 'parent_slug' : 'NULL::text AS parent_slug'},
   to_char(created_at AT TIME ZONE 'UTC', ${TS}) AS created_at, to_char(updated_at AT TIME ZONE 'UTC', ${TS}) AS updated_at`;

const toTerm = (row: TermRow): TaxonomyTerm => ({
  slug: row.slug,
  name: row.name,
  parentSlug: row.parent_slug,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Thrown when a delete finds the term still referenced (a write raced the usage check). */
export class TermInUseError extends Error {
  override readonly name = 'TermInUseError';
}

export interface TaxonomyRepository {
  /**
   * Serialises writers of one kind for the rest of the transaction, so checks such as "no cycles" stay true until
   * commit. Product writes are not blocked: their foreign-key checks take a weaker lock.
   */
  lockWriters(tx: SqlExecutor, kind: TaxonomyKind): Promise<void>;
  list(db: SqlExecutor, kind: TaxonomyKind): Promise<TaxonomyTerm[]>;
  find(db: SqlExecutor, kind: TaxonomyKind, slug: string, lock?: boolean): Promise<TaxonomyTerm | null>;
  insert(
    tx: SqlExecutor,
    kind: TaxonomyKind,
    term: Pick<TaxonomyTerm, 'slug' | 'name' | 'parentSlug'>,
  ): Promise<TaxonomyTerm>;
  update(
    tx: SqlExecutor,
    kind: TaxonomyKind,
    term: Pick<TaxonomyTerm, 'slug' | 'name' | 'parentSlug'>,
  ): Promise<TaxonomyTerm>;
  /** The category and its ancestors, nearest first; empty when it does not exist. */
  lineage(db: SqlExecutor, slug: string): Promise<string[]>;
  usage(db: SqlExecutor, kind: TaxonomyKind, slug: string): Promise<TermUsage>;
  remove(tx: SqlExecutor, kind: TaxonomyKind, slug: string): Promise<void>;
}

export function createTaxonomyRepository(): TaxonomyRepository {
  return {
    async lockWriters(tx, kind) {
      await tx.query(`LOCK TABLE ${TABLES[kind].table} IN SHARE ROW EXCLUSIVE MODE`);
    },

    async list(db, kind) {
      const { rows } = await db.query<TermRow>(`SELECT ${columns(kind)} FROM ${TABLES[kind].table} ORDER BY slug`);
      return rows.map(toTerm);
    },

    async find(db, kind, slug, lock = false) {
      const { rows } = await db.query<TermRow>(
        `SELECT ${columns(kind)} FROM ${TABLES[kind].table} WHERE slug = $1 ${lock ? 'FOR UPDATE' : ''}`,
        [slug],
      );
      return rows[0] ? toTerm(rows[0]) : null;
    },

    async insert(tx, kind, { slug, name, parentSlug }) {
      const { rows } = TABLES[kind].parent
        ? await tx.query<TermRow>(
            `INSERT INTO categories (slug, name, parent_slug) VALUES ($1, $2, $3) RETURNING ${columns(kind)}`,
            [slug, name, parentSlug],
          )
        : await tx.query<TermRow>(`INSERT INTO brands (slug, name) VALUES ($1, $2) RETURNING ${columns(kind)}`, [
            slug,
            name,
          ]);
      return toTerm(rows[0]!);
    },

    async update(tx, kind, { slug, name, parentSlug }) {
      const { rows } = TABLES[kind].parent
        ? await tx.query<TermRow>(
            `UPDATE categories SET name = $2, parent_slug = $3, updated_at = clock_timestamp()
             WHERE slug = $1 RETURNING ${columns(kind)}`,
            [slug, name, parentSlug],
          )
        : await tx.query<TermRow>(
            `UPDATE brands SET name = $2, updated_at = clock_timestamp() WHERE slug = $1 RETURNING ${columns(kind)}`,
            [slug, name],
          );
      return toTerm(rows[0]!);
    },

    async lineage(db, slug) {
      // UNION (not UNION ALL) stops on a repeated row, so even a corrupt loop could not recurse forever.
      const { rows } = await db.query<{ slug: string; depth: number }>(
        `WITH RECURSIVE chain (slug, parent_slug, depth) AS (
           SELECT slug, parent_slug, 0 FROM categories WHERE slug = $1
           UNION
           SELECT c.slug, c.parent_slug, chain.depth + 1 FROM categories c JOIN chain ON c.slug = chain.parent_slug
           WHERE chain.depth < 1000
         )
         SELECT slug, depth FROM chain ORDER BY depth`,
        [slug],
      );
      return rows.map((row) => row.slug);
    },

    async usage(db, kind, slug) {
      const { table, productColumn, parent } = TABLES[kind];
      const { rows } = await db.query<{ products: number; children: number }>(
        `SELECT (SELECT count(*)::int FROM products WHERE ${productColumn} = $1) AS products,
                ${parent ? `(SELECT count(*)::int FROM ${table} WHERE parent_slug = $1)` : '0'} AS children`,
        [slug],
      );
      return rows[0]!;
    },

    async remove(tx, kind, slug) {
      try {
        await tx.query(`DELETE FROM ${TABLES[kind].table} WHERE slug = $1`, [slug]);
      } catch (error) {
        const constraints = ['products_category_fkey', 'products_brand_fkey', 'categories_parent_slug_fkey'];
        if (constraints.some((name) => isViolation(error, FOREIGN_KEY_VIOLATION, name)))
          throw new TermInUseError(`${kind} ${slug} is still in use`);
        throw error;
      }
    },
  };
}
