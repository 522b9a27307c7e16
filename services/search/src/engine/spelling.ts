// Typo correction rules (pure): which known term replaces a query word that matches nothing.
//
// Candidates come from pg_trgm (most similar known terms). Trigrams alone are weak on short words and on swapped
// letters ("tshrit" vs "tshirt" share only 3 of 11 trigrams), so a candidate must also lie within the edit
// distance Elasticsearch's `fuzziness: AUTO` allows: that keeps a lowish similarity bar from turning words into
// unrelated ones.

export interface TermCandidate {
  term: string;
  /** pg_trgm similarity to the query word, 0..1. */
  similarity: number;
  /** Active documents using the term: the more common term wins a tie. */
  docCount: number;
}

/** Edits allowed for a word of this length: none up to 2 characters, 1 up to 5, else 2 (fuzziness AUTO). */
export function allowedEdits(length: number): number {
  if (length <= 2) return 0;
  return length <= 5 ? 1 : 2;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let before: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[y.length]!;
}

/** Words that are never corrected: too short to guess, or numbers (sizes, model numbers). */
export function correctable(word: string): boolean {
  return allowedEdits(word.length) > 0 && !/^\p{N}+$/u.test(word);
}

/**
 * The replacement for `word`: among candidates at least `minSimilarity` similar and within the allowed edits, the
 * most similar, then the most used, then the alphabetically first (so the answer is stable). Null when none fits.
 */
export function chooseCorrection(
  word: string,
  candidates: readonly TermCandidate[],
  minSimilarity: number,
): string | null {
  if (!correctable(word)) return null;
  const limit = allowedEdits(word.length);
  const fitting = candidates.filter(
    (c) => c.term !== word && c.similarity >= minSimilarity && editDistance(word, c.term) <= limit,
  );
  fitting.sort(
    (a, b) =>
      b.similarity - a.similarity || b.docCount - a.docCount || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0),
  );
  return fitting[0]?.term ?? null;
}
