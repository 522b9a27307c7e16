// Index writes on PostgreSQL: upsert-if-newer, tombstones, and the terms table kept in step in the same transaction.
//
// Lock order everywhere: the one document row first, then terms rows in sorted order. Two writers therefore never
// wait on each other in a cycle, whichever products and words they share.
import type { SqlExecutor } from '@techcorp/platform';
import type { IndexDocument, IndexWriter, UpsertOutcome } from '../search-engine.ts';
import { indexText, termTokens } from '../text.ts';

interface StoredRow {
  version: number;
  terms: string[];
}

/** The document's normalised search columns, in the order the statements below take them. */
function searchColumns(doc: IndexDocument): unknown[] {
  const attributeValues = Object.values(doc.attributes).flat();
  const terms = doc.status === 'ACTIVE' ? termTokens(doc.title, doc.brand, doc.category, ...attributeValues) : [];
  return [
    indexText(doc.title),
    indexText(doc.category),
    indexText(doc.brand),
    terms,
    indexText(doc.title),
    indexText(doc.description),
    indexText(doc.brand, doc.category, doc.sku),
    indexText(...attributeValues),
  ];
}

const VECTOR = `setweight(to_tsvector('simple', $23), 'A') || setweight(to_tsvector('simple', $24), 'B')
  || setweight(to_tsvector('simple', $25), 'C') || setweight(to_tsvector('simple', $26), 'D')`;

/** The attribute pairs as two parallel arrays, one entry per (name, value): what facet counting unnests. */
function facetPairs(doc: IndexDocument): [string[], string[]] {
  const pairs = Object.entries(doc.attributes).flatMap(([name, values]) => values.map((value) => [name, value]));
  return [pairs.map(([name]) => name!), pairs.map(([, value]) => value!)];
}

function params(doc: IndexDocument, seenBy: string | null): unknown[] {
  return [
    doc.productId,
    doc.sku,
    doc.title,
    doc.description,
    doc.price,
    doc.originalPrice,
    doc.currency,
    doc.category,
    doc.brand,
    JSON.stringify(doc.attributes),
    JSON.stringify(doc.images),
    doc.popularityScore,
    doc.inStock,
    doc.status,
    doc.version,
    doc.createdAt,
    doc.updatedAt,
    seenBy,
    ...searchColumns(doc),
    ...facetPairs(doc),
  ];
}

const INSERT = `INSERT INTO documents (product_id, sku, title, description, price, original_price, currency, category,
    brand, attributes, images, popularity_score, in_stock, status, version, created_at, updated_at, reindex_run,
    title_norm, category_norm, brand_norm, terms, search_vector, facet_keys, facet_values, indexed_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12, $13, $14, $15, COALESCE($16::timestamptz, $17::timestamptz),
    $17::timestamptz, $18::uuid, $19, $20, $21, $22::text[], ${VECTOR}, $27::text[], $28::text[], clock_timestamp())
  ON CONFLICT (product_id) DO NOTHING
  RETURNING indexed_at`;

const UPDATE = `UPDATE documents SET sku = $2, title = $3, description = $4, price = $5, original_price = $6,
    currency = $7, category = $8, brand = $9, attributes = $10::jsonb, images = $11::jsonb, popularity_score = $12,
    in_stock = $13, status = $14, version = $15, created_at = COALESCE($16::timestamptz, created_at),
    updated_at = $17::timestamptz, reindex_run = COALESCE($18::uuid, reindex_run), title_norm = $19, category_norm = $20,
    brand_norm = $21, terms = $22::text[], search_vector = ${VECTOR}, facet_keys = $27::text[],
    facet_values = $28::text[], indexed_at = clock_timestamp()
  WHERE product_id = $1
  RETURNING indexed_at`;

async function lockStored(tx: SqlExecutor, productId: string): Promise<StoredRow | null> {
  const { rows } = await tx.query<StoredRow>('SELECT version, terms FROM documents WHERE product_id = $1 FOR UPDATE', [
    productId,
  ]);
  return rows[0] ?? null;
}

/** Adds +1 for each word in `added` and -1 for each in `removed`, in sorted order; drops words nobody uses. */
async function adjustTerms(tx: SqlExecutor, removed: readonly string[], added: readonly string[]): Promise<void> {
  const gone = new Set(removed);
  const fresh = new Set(added);
  const deltas = new Map<string, number>();
  for (const term of gone) if (!fresh.has(term)) deltas.set(term, -1);
  for (const term of fresh) if (!gone.has(term)) deltas.set(term, 1);
  if (deltas.size === 0) return;
  const words = [...deltas.keys()].sort();
  await tx.query(
    `INSERT INTO terms (term, doc_count)
     SELECT t.term, t.delta FROM unnest($1::text[], $2::int[]) AS t(term, delta) ORDER BY t.term
     ON CONFLICT (term) DO UPDATE SET doc_count = terms.doc_count + EXCLUDED.doc_count`,
    [words, words.map((w) => deltas.get(w)!)],
  );
  const decremented = words.filter((w) => deltas.get(w)! < 0);
  if (decremented.length > 0)
    await tx.query('DELETE FROM terms WHERE term = ANY($1::text[]) AND doc_count <= 0', [decremented]);
}

async function upsert(tx: SqlExecutor, doc: IndexDocument, seenBy: string | null): Promise<UpsertOutcome> {
  // Twice at most: a concurrent first insert of the same product makes our INSERT do nothing; it has committed
  // by then (ON CONFLICT waits for it), so the second pass finds and locks its row.
  for (let attempt = 0; attempt < 2; attempt++) {
    const stored = await lockStored(tx, doc.productId);
    if (stored && stored.version >= doc.version) {
      if (seenBy) await markSeen(tx, [doc.productId], seenBy);
      return { kind: 'stale' };
    }
    const values = params(doc, seenBy);
    const { rows } = await tx.query<{ indexed_at: Date }>(stored ? UPDATE : INSERT, values);
    if (rows[0]) {
      await adjustTerms(tx, stored?.terms ?? [], values[21] as string[]);
      return { kind: stored ? 'updated' : 'inserted', indexedAt: new Date(rows[0].indexed_at) };
    }
  }
  throw new Error(`product ${doc.productId} could be neither inserted nor locked`);
}

async function remove(tx: SqlExecutor, productId: string): Promise<boolean> {
  const stored = await lockStored(tx, productId);
  if (!stored) return false;
  const { rowCount } = await tx.query(
    `UPDATE documents SET status = 'DELETED', terms = '{}', indexed_at = clock_timestamp()
     WHERE product_id = $1 AND status <> 'DELETED'`,
    [productId],
  );
  if (rowCount === 0) return false;
  await adjustTerms(tx, stored.terms, []);
  return true;
}

async function markSeen(tx: SqlExecutor, productIds: readonly string[], runId: string): Promise<void> {
  if (productIds.length === 0) return;
  await tx.query('UPDATE documents SET reindex_run = $2 WHERE product_id = ANY($1::uuid[])', [productIds, runId]);
}

export function postgresWriter(tx: SqlExecutor): IndexWriter {
  return {
    upsert: (doc, options = {}) => upsert(tx, doc, options.seenBy ?? null),
    remove: (productId) => remove(tx, productId),
    markSeen: (productIds, runId) => markSeen(tx, productIds, runId),
  };
}

/** Up to `limit` live documents (after `after`, by id) a reindex run did not see and nothing indexed since it began. */
export async function unseenDocuments(
  db: SqlExecutor,
  run: { runId: string; startedAt: string; after: string | null; limit: number },
): Promise<string[]> {
  const { rows } = await db.query<{ product_id: string }>(
    `SELECT product_id FROM documents
     WHERE status <> 'DELETED' AND reindex_run IS DISTINCT FROM $1 AND indexed_at < $2::timestamptz
       AND ($3::uuid IS NULL OR product_id > $3::uuid)
     ORDER BY product_id LIMIT $4`,
    [run.runId, run.startedAt, run.after, run.limit],
  );
  return rows.map((r) => r.product_id);
}

/** In the removing transaction: still unseen and untouched since the run started (an event may have come in). */
export async function stillUnseen(tx: SqlExecutor, productId: string, runId: string, startedAt: string) {
  const { rows } = await tx.query(
    `SELECT 1 FROM documents WHERE product_id = $1 AND status <> 'DELETED'
       AND reindex_run IS DISTINCT FROM $2 AND indexed_at < $3::timestamptz FOR UPDATE`,
    [productId, runId, startedAt],
  );
  return rows.length > 0;
}

export async function countByStatus(db: SqlExecutor): Promise<Record<string, number>> {
  const { rows } = await db.query<{ status: string; count: number }>(
    'SELECT status, count(*)::int AS count FROM documents GROUP BY status',
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
}
