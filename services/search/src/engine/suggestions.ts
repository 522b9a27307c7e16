// How completions of each kind share the suggestion list (pure): a few of each first, then whatever is left.
import type { Suggestion } from './search-engine.ts';

export interface SuggestionSources {
  /** Completed query texts ("blue tshirt"), most used term first. */
  terms: readonly string[];
  categories: readonly string[];
  brands: readonly string[];
  /** Product titles, best first (prefix matches before trigram ones). */
  products: readonly { id: string; title: string }[];
}

const LABELS_EACH = 2;

export function mergeSuggestions(sources: SuggestionSources, limit: number): Suggestion[] {
  const lists: Suggestion[][] = [
    sources.terms.map((text) => ({ text, kind: 'term' })),
    sources.categories.map((text) => ({ text, kind: 'category' })),
    sources.brands.map((text) => ({ text, kind: 'brand' })),
    sources.products.map((p) => ({ text: p.title, kind: 'product', id: p.id })),
  ];
  const quotas = [Math.ceil(limit / 3), LABELS_EACH, LABELS_EACH, limit];
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  const take = (s: Suggestion) => {
    const key = `${s.kind}:${s.id ?? s.text.toLowerCase()}`;
    if (out.length >= limit || seen.has(key)) return false;
    seen.add(key);
    out.push(s);
    return true;
  };
  // First pass: each kind up to its quota, in kind order; second pass: fill up from the leftovers.
  lists.forEach((list, i) => {
    let n = 0;
    for (const s of list) if (n < quotas[i]! && take(s)) n++;
  });
  for (const list of lists) for (const s of list) take(s);
  return out;
}
