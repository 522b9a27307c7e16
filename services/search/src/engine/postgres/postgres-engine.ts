// The PostgreSQL search engine: full-text search with typo correction, an any-word and a trigram fallback,
// disjunctive facets, and completions, on PostgreSQL and PGlite alike.
import type { Sql, SqlExecutor } from '@techcorp/platform';
import { assembleFacets } from '../facets.ts';
import type { SearchEngine, SearchRequest, SearchResult, Suggestion } from '../search-engine.ts';
import { chooseCorrection, correctable } from '../spelling.ts';
import { mergeSuggestions } from '../suggestions.ts';
import {
  displayQuery,
  groupQuery,
  prefixTsQuery,
  queryGroups,
  searchedGroups,
  tsQuery,
  type WordGroup,
} from '../text.ts';
import { dueUpkeep, type UpkeepAction } from '../upkeep.ts';
import { countByStatus, postgresWriter, stillUnseen, unseenDocuments } from './documents.sql.ts';
import {
  anyMatch,
  pageOfHits,
  setWordSimilarityThreshold,
  type TextMatch,
  totalAndFacets,
  useOneSnapshot,
} from './search.sql.ts';
import { allLabels, type Label, labelsByPrefix, titlesByPrefix, titlesBySimilarity } from './suggest.sql.ts';
import { knownWords, nearestTerms, termsWithPrefix } from './terms.sql.ts';
import { runUpkeep, tableActivity, vacuumAnalyzeAll } from './upkeep.sql.ts';

export interface PostgresEngineOptions {
  sql: Sql;
  /** Least pg_trgm similarity between a query word and the known term that replaces it. */
  typoMinSimilarity: number;
  /** Least word similarity between the query and a title in the last-resort trigram search. */
  fuzzyMinSimilarity: number;
}

const REMOVE_BATCH = 100;
const LABEL_SUGGESTIONS = 2;
/** How long this instance reuses its list of categories and brands for autocomplete (its own writes refresh it). */
const LABELS_TTL_MS = 5_000;

export function createPostgresEngine(options: PostgresEngineOptions): SearchEngine {
  const { sql } = options;
  // Autocomplete matches labels anywhere in their words, which no index serves: a few dozen labels, kept in memory.
  let labels: { rows: Promise<Label[]>; loadedAt: number } | null = null;
  const currentLabels = (): Promise<Label[]> => {
    if (!labels || Date.now() - labels.loadedAt > LABELS_TTL_MS) {
      const loading = allLabels(sql);
      labels = { rows: loading, loadedAt: Date.now() };
      loading.catch(() => {
        labels = null;
      });
    }
    return labels.rows;
  };

  /** The most similar known term for each unknown word, when one is close enough. */
  async function corrections(tx: SqlExecutor, groups: readonly WordGroup[]): Promise<Map<WordGroup, WordGroup>> {
    const replaced = new Map<WordGroup, WordGroup>();
    const checkable = groups.filter((g) => correctable(g.joined));
    if (checkable.length === 0) return replaced;
    const known = await knownWords(
      tx,
      checkable.map((g) => ({ word: g.joined, query: groupQuery(g) })),
    );
    const unknown = checkable.filter((g) => !known.has(g.joined));
    if (unknown.length === 0) return replaced;
    const candidates = await nearestTerms(tx, [...new Set(unknown.map((g) => g.joined))]);
    for (const g of unknown) {
      const term = chooseCorrection(g.joined, candidates.get(g.joined) ?? [], options.typoMinSimilarity);
      if (term !== null) replaced.set(g, { display: term, parts: [term], joined: term });
    }
    return replaced;
  }

  /** Every word; else (several words) any word; else titles with a word similar to what was typed. */
  async function chooseMatch(tx: SqlExecutor, groups: WordGroup[], typed: string): Promise<TextMatch> {
    const all: TextMatch = { kind: 'tsquery', query: tsQuery(groups, 'all') };
    if (await anyMatch(tx, all)) return all;
    if (groups.length > 1) {
      const any: TextMatch = { kind: 'tsquery', query: tsQuery(groups, 'any') };
      if (await anyMatch(tx, any)) return any;
    }
    await setWordSimilarityThreshold(tx, options.fuzzyMinSimilarity);
    return { kind: 'trigram', text: typed };
  }

  async function search(request: SearchRequest): Promise<SearchResult> {
    // One snapshot for the page, the total and the facets, so they agree with each other.
    return sql.transaction(async (tx) => {
      await useOneSnapshot(tx);
      let match: TextMatch = { kind: 'none' };
      let correctedQuery: string | null = null;
      const words = request.q === null ? [] : queryGroups(request.q);
      const searched = searchedGroups(words);
      if (searched.length > 0) {
        const replaced = await corrections(tx, searched);
        // Echoes the whole query as typed (stopwords included) with only the misspelt words replaced.
        if (replaced.size > 0) correctedQuery = displayQuery(words.map((g) => replaced.get(g) ?? g));
        const typed = searched.map((g) => g.parts.join(' ')).join(' ');
        match = await chooseMatch(
          tx,
          searched.map((g) => replaced.get(g) ?? g),
          typed,
        );
      }
      const { filters, sort, limit, page } = request;
      const items = await pageOfHits(tx, match, filters, sort, { limit, offset: (page - 1) * limit });
      const counted = await totalAndFacets(tx, match, filters);
      return { items, total: counted.total, correctedQuery, facets: assembleFacets(counted.facets) };
    });
  }

  async function suggest(q: string, limit: number): Promise<Suggestion[]> {
    const groups = queryGroups(q);
    const last = groups.at(-1);
    if (!last) return [];
    const earlier = groups
      .slice(0, -1)
      .map((g) => g.display)
      .join(' ');
    const typed = groups.map((g) => g.joined).join(' ');
    const [terms, labels, byPrefix] = await Promise.all([
      termsWithPrefix(sql, last.joined, limit),
      currentLabels().then((rows) => labelsByPrefix(rows, typed, LABEL_SUGGESTIONS)),
      titlesByPrefix(sql, prefixTsQuery(groups), limit),
    ]);
    const similar = byPrefix.length < limit ? await titlesBySimilarity(sql, typed, limit) : [];
    return mergeSuggestions(
      {
        terms: terms.map((term) => (earlier ? `${earlier} ${term}` : term)),
        categories: labels.filter((l) => l.kind === 'category').map((l) => l.text),
        brands: labels.filter((l) => l.kind === 'brand').map((l) => l.text),
        products: [...byPrefix, ...similar],
      },
      limit,
    );
  }

  async function removeUnseen(runId: string, startedAt: string): Promise<number> {
    let removed = 0;
    let after: string | null = null;
    for (;;) {
      const batch = await unseenDocuments(sql, { runId, startedAt, after, limit: REMOVE_BATCH });
      for (const id of batch) {
        const gone = await sql.transaction(
          async (tx) => (await stillUnseen(tx, id, runId, startedAt)) && postgresWriter(tx).remove(id),
        );
        if (gone) {
          removed++;
          labels = null;
        }
      }
      if (batch.length < REMOVE_BATCH) return removed;
      after = batch.at(-1)!;
    }
  }

  return {
    writer: (tx) => {
      const writer = postgresWriter(tx);
      const relabel = <T>(done: Promise<T>) => done.finally(() => (labels = null));
      return {
        ...writer,
        upsert: (doc, writeOptions) => relabel(writer.upsert(doc, writeOptions)),
        remove: (productId) => relabel(writer.remove(productId)),
      };
    },
    search,
    suggest,
    removeUnseen,
    countByStatus: () => countByStatus(sql),
    afterBulkChange: () => vacuumAnalyzeAll(sql),
    async upkeepIfDue(): Promise<UpkeepAction[]> {
      const due = dueUpkeep(await tableActivity(sql));
      for (const action of due) await runUpkeep(sql, action);
      return due;
    },
  };
}
