// Statements over the known terms: which query words are known, the nearest terms to an unknown one, completions.
import type { SqlExecutor } from '@techcorp/platform';
import type { TermCandidate } from '../spelling.ts';

/** Nearest terms per word; the GiST index answers `ORDER BY term <-> word` without scanning the table. */
const CANDIDATES_PER_WORD = 10;

/**
 * For each word (with the tsquery text that matches it), whether it is known: a term of some title, brand,
 * category or attribute, or at least present somewhere in an active document (a description word is no typo).
 */
export async function knownWords(
  db: SqlExecutor,
  words: readonly { word: string; query: string }[],
): Promise<Set<string>> {
  if (words.length === 0) return new Set();
  const { rows } = await db.query<{ word: string; known: boolean }>(
    `SELECT w.word,
       EXISTS (SELECT 1 FROM terms t WHERE t.term = w.word)
       OR EXISTS (SELECT 1 FROM documents d
                  WHERE d.status = 'ACTIVE' AND d.search_vector @@ to_tsquery('simple', w.query)) AS known
     FROM unnest($1::text[], $2::text[]) AS w(word, query)`,
    [words.map((w) => w.word), words.map((w) => w.query)],
  );
  return new Set(rows.filter((r) => r.known).map((r) => r.word));
}

/** The known terms nearest to each word by trigram distance, with their similarity and document count. */
export async function nearestTerms(db: SqlExecutor, words: readonly string[]): Promise<Map<string, TermCandidate[]>> {
  const found = new Map<string, TermCandidate[]>(words.map((w) => [w, []]));
  if (words.length === 0) return found;
  const { rows } = await db.query<{ word: string; term: string; similarity: number; doc_count: number }>(
    `SELECT w.word, c.term, c.similarity, c.doc_count
     FROM unnest($1::text[]) AS w(word)
     CROSS JOIN LATERAL (
       SELECT t.term, similarity(t.term, w.word) AS similarity, t.doc_count
       FROM terms t ORDER BY t.term <-> w.word LIMIT ${CANDIDATES_PER_WORD}
     ) c`,
    [[...words]],
  );
  for (const row of rows)
    found.get(row.word)?.push({ term: row.term, similarity: Number(row.similarity), docCount: Number(row.doc_count) });
  return found;
}

/** Known terms starting with `prefix`, most used first. */
export async function termsWithPrefix(db: SqlExecutor, prefix: string, limit: number): Promise<string[]> {
  // The prefix holds letters and digits only (text.ts), so it carries no LIKE wildcard.
  const { rows } = await db.query<{ term: string }>(
    `SELECT term FROM terms WHERE term LIKE $1 || '%' AND doc_count > 0
     ORDER BY doc_count DESC, term COLLATE "C" LIMIT $2`,
    [prefix, limit],
  );
  return rows.map((r) => r.term);
}
