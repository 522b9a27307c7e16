// Text normalisation shared by indexing and querying: case and accents folded, words split the same on both sides.
//
// Everything that reaches to_tsvector/to_tsquery('simple', ...) is folded to letters, digits and single spaces
// here, so the PostgreSQL parser has nothing left to interpret and PostgreSQL and PGlite index identically.

const MARKS = /\p{M}+/gu;
const NON_WORD = /[^\p{L}\p{N}]+/u;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
/** Longer "words" are noise (pasted hashes, URLs); PostgreSQL refuses lexemes over 2 KB anyway. */
const MAX_WORD_LENGTH = 60;
/** Words of a query beyond this are ignored: nobody types more, and each costs a correction lookup. */
export const MAX_QUERY_WORDS = 10;

/** Lower case, accents removed: "Café" and "CAFE" both become "cafe". */
export function fold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(MARKS, '');
}

/** One whitespace-separated word as typed: "T-Shirt" has the parts t, shirt and the joined form tshirt. */
export interface WordGroup {
  /** Folded, edge punctuation trimmed: how the word is echoed back in a corrected query. */
  display: string;
  parts: string[];
  /** The parts run together ("tshirt"); equal to the only part of a plain word. */
  joined: string;
}

/** The words of a text in order; chunks with no letter or digit vanish. */
export function wordGroups(text: string): WordGroup[] {
  const groups: WordGroup[] = [];
  for (const chunk of fold(text).split(/\s+/u)) {
    const parts = chunk
      .split(NON_WORD)
      .filter((p) => p.length > 0)
      .map((p) => p.slice(0, MAX_WORD_LENGTH));
    if (parts.length === 0) continue;
    const joined = parts.join('').slice(0, MAX_WORD_LENGTH);
    groups.push({ display: chunk.replace(EDGE_PUNCTUATION, ''), parts, joined });
  }
  return groups;
}

/**
 * The indexed tokens of a text: every part, plus the joined form of a hyphenated word, so "T-Shirt" is found by
 * "t shirt", "shirt" and "tshirt" alike (a word-delimiter filter with catenation, in Elasticsearch terms).
 */
export function indexTokens(text: string): string[] {
  return wordGroups(text).flatMap((g) => (g.parts.length > 1 ? [...g.parts, g.joined] : g.parts));
}

/** The normalised text handed to to_tsvector('simple', ...). */
export function indexText(...texts: readonly string[]): string {
  return texts.flatMap(indexTokens).join(' ');
}

/** Words worth keeping as known terms (typo correction, completion): one letter says nothing. */
export function termTokens(...texts: readonly string[]): string[] {
  return [...new Set(texts.flatMap(indexTokens).filter((t) => t.length >= 2))].sort();
}

/** Function words dropped from queries (never from the index): "shirt for men" must not need "for" in a title. */
const STOPWORDS = new Set(
  'a an and at by for from in of on or the to with de da das do dos e em na no para com por y el la los las con'.split(
    ' ',
  ),
);

/** The words of a query, at most MAX_QUERY_WORDS of them. */
export function queryGroups(q: string): WordGroup[] {
  return wordGroups(q).slice(0, MAX_QUERY_WORDS);
}

/** The words a search looks for: stopwords dropped unless nothing else is left (the same objects, filtered). */
export function searchedGroups(groups: readonly WordGroup[]): WordGroup[] {
  const meaningful = groups.filter((g) => !STOPWORDS.has(g.joined));
  return meaningful.length > 0 ? meaningful : [...groups];
}

/** A quoted lexeme with its label: `:*` for a prefix, a weight letter to match only that weight. */
function lexeme(word: string, prefix: boolean, weight: string | undefined): string {
  const label = `${prefix ? '*' : ''}${weight ?? ''}`;
  return label ? `'${word}':${label}` : `'${word}'`;
}

/**
 * tsquery text for one word: a hyphenated word matches its joined form or all its parts. `weight` restricts the
 * match to lexemes of that weight (A = title); `prefix` makes the joined form and the last part prefixes.
 */
export function groupQuery(group: WordGroup, options: { prefix?: boolean; weight?: string } = {}): string {
  const { prefix = false, weight } = options;
  const joined = lexeme(group.joined, prefix, weight);
  if (group.parts.length === 1) return joined;
  const last = group.parts.length - 1;
  const parts = group.parts.map((p, i) => lexeme(p, prefix && i === last, weight)).join(' & ');
  return `(${joined} | ${parts})`;
}

/** Every word must match (`all`) or any of them (`any`). */
export function tsQuery(groups: readonly WordGroup[], mode: 'all' | 'any'): string {
  return groups.map((g) => groupQuery(g)).join(mode === 'all' ? ' & ' : ' | ');
}

/** Completion query: earlier words complete, the last one a prefix, all within titles (weight A). */
export function prefixTsQuery(groups: readonly WordGroup[]): string {
  return groups.map((g, i) => groupQuery(g, { weight: 'A', prefix: i === groups.length - 1 })).join(' & ');
}

/** Query words echoed back with corrections applied. */
export function displayQuery(groups: readonly WordGroup[]): string {
  return groups.map((g) => g.display).join(' ');
}
