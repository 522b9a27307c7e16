// Where a cold search spends its time inside PostgreSQL: the search engine itself (services/search's statements in
// engine/postgres/*.sql.ts, its default settings) run on the run's database for cold queries of every shape, each
// statement timed, and EXPLAIN (ANALYZE, BUFFERS) of the slowest run of each statement: the evidence behind a miss.
import { performance } from 'node:perf_hooks';
import { createSql, type Sql, type SqlExecutor } from '@techcorp/platform';
import { searchConfig } from '../../services/search/src/config.ts';
import { createPostgresEngine } from '../../services/search/src/engine/postgres/postgres-engine.ts';
import {
  type RawSearchQuery,
  toSearchRequest,
  toSuggestRequest,
} from '../../services/search/src/search/search.params.ts';
import { type QueryShape, SEARCH_SHAPES, SUGGEST_SHAPE } from './shop-queries.ts';
import { type Summary, summarize } from './stats.ts';

/** Queries per shape in the plan pass (EXPLAIN ANALYZE runs each slow statement twice). */
const PLAN_QUERIES = 30;

/** Engine statements by a fragment of their text (the .sql.ts function that sends it). */
const STATEMENTS: [RegExp, string][] = [
  [/^SET TRANSACTION/, 'useOneSnapshot'],
  [/^SELECT set_config\('pg_trgm/, 'setWordSimilarityThreshold'],
  [/FROM unnest\(\$1::text\[\], \$2::text\[\]\)/, 'knownWords'],
  [/ORDER BY t\.term <-> w\.word/, 'nearestTerms'],
  [/^SELECT EXISTS/, 'anyMatch'],
  [/^SELECT d\.product_id AS id, d\.sku/, 'pageOfHits'],
  [/^WITH matched AS/, 'totalAndFacets'],
  [/FROM terms WHERE term LIKE/, 'termsWithPrefix'],
  [/^SELECT 'category' AS kind, category AS text/, 'allLabels'],
  [
    /^SELECT d\.product_id AS id, d\.title FROM documents d\s+WHERE d\.status = 'ACTIVE' AND d\.search_vector/,
    'titlesByPrefix',
  ],
  [
    /^SELECT d\.product_id AS id, d\.title FROM documents d\s+WHERE d\.status = 'ACTIVE' AND \$1::text <%/,
    'titlesBySimilarity',
  ],
];

function statementName(text: string): string {
  const trimmed = text.trimStart();
  const name = STATEMENTS.find(([pattern]) => pattern.test(trimmed))?.[1] ?? trimmed.slice(0, 40);
  const match = /<% d\.title_norm/.test(trimmed) ? 'trigram' : /@@ to_tsquery/.test(trimmed) ? 'full text' : null;
  return match && !['titlesByPrefix', 'titlesBySimilarity', 'knownWords'].includes(name) ? `${name} (${match})` : name;
}

export interface StatementFigures {
  statement: string;
  calls: number;
  ms: Summary;
}

export interface ShapeFigures {
  shape: string;
  /** The engine call (search or suggest) as a whole, without HTTP, cache or JSON, as the service runs it. */
  engineMs: Summary;
  statements: StatementFigures[];
}

export interface SlowPlan {
  shape: string;
  statement: string;
  ms: number;
  params: unknown[];
  plan: string[];
}

interface Recorder {
  times: Map<string, number[]>;
  plans: Map<string, SlowPlan>;
  /** The timing pass runs no EXPLAIN; the plan pass keeps plans only. */
  explain: boolean;
}

/** An executor that times every statement and keeps the plan of the slowest run of each (shape, statement). */
function traced(inner: SqlExecutor, shape: string, rec: Recorder): SqlExecutor {
  return {
    async query<R>(text: string, params?: readonly unknown[]) {
      const started = performance.now();
      const result = await inner.query<R>(text, params);
      const ms = performance.now() - started;
      const statement = statementName(text);
      if (!rec.explain) rec.times.set(statement, [...(rec.times.get(statement) ?? []), ms]);
      const key = `${shape}|${statement}`;
      if (
        rec.explain &&
        ms > 2 &&
        ms > (rec.plans.get(key)?.ms ?? 0) &&
        !/^(SET|SELECT set_config)/.test(text.trimStart())
      ) {
        const explained = await inner.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
        const plan = explained.rows.map((r) => r['QUERY PLAN']);
        rec.plans.set(key, { shape, statement, ms: Math.round(ms * 10) / 10, params: [...(params ?? [])], plan });
      }
      return result;
    },
  };
}

/** The engine's Sql, traced. */
function tracedSql(sql: Sql, shape: string, rec: Recorder): Sql {
  return {
    ...sql,
    query: traced(sql, shape, rec).query,
    transaction: (fn) => sql.transaction((tx) => fn(traced(tx, shape, rec))),
  };
}

/** The query string of a benchmark path as the search route hands it on (arrays for multi-valued parameters). */
function rawQuery(path: string): RawSearchQuery {
  const params = new URL(path, 'http://bench.invalid').searchParams;
  const raw: RawSearchQuery = {};
  const numbers = new Set(['price_min', 'price_max', 'page', 'limit']);
  for (const key of new Set(params.keys())) {
    const value = params.get(key)!;
    if (key === 'q') raw.q = value;
    else if (key === 'in_stock') raw.in_stock = value === 'true';
    else if (numbers.has(key)) raw[key] = Number(value);
    else raw[key] = params.getAll(key);
  }
  return raw;
}

export interface TableStats {
  table: string;
  liveRows: number;
  /** Row versions left behind by updates and deletes that no VACUUM has reclaimed yet. */
  deadRows: number;
  lastAnalyze: string | null;
  lastAutoanalyze: string | null;
}

export interface ExplainReport {
  queriesPerShape: number;
  /** The planner's statistics on the search tables when the plans were taken. */
  tables: TableStats[];
  shapes: ShapeFigures[];
  /** Per shape, the plan of its slowest statement run (the plan pass). */
  slowest: SlowPlan[];
  /** The slowest run's plan of every (shape, statement) over 2 ms. */
  plans: SlowPlan[];
}

async function tableStats(databaseUrl: string): Promise<TableStats[]> {
  const sql = await createSql({
    kind: 'postgres',
    url: databaseUrl,
    schema: 'search',
    applicationName: 'bench-explain',
  });
  try {
    const { rows } = await sql.query<TableStats>(
      `SELECT relname AS "table", n_live_tup::int AS "liveRows", n_dead_tup::int AS "deadRows",
         last_analyze::text AS "lastAnalyze",
         last_autoanalyze::text AS "lastAutoanalyze"
       FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname IN ('documents', 'terms')
       ORDER BY relname`,
    );
    return rows;
  } finally {
    await sql.close();
  }
}

/** `count` cold queries of every shape through the engine on `databaseUrl` (schema `search`), one at a time. */
export async function explainSearch(databaseUrl: string, count: number): Promise<ExplainReport> {
  const sql = await createSql({
    kind: 'postgres',
    url: databaseUrl,
    schema: 'search',
    applicationName: 'bench-explain',
  });
  const plans = new Map<string, SlowPlan>();
  const shapes: ShapeFigures[] = [];
  try {
    const config = searchConfig({});
    /** Every cold query of the shape once; the engine's total time per query. */
    const pass = async (shape: QueryShape, rec: Recorder, queries = count) => {
      const engine = createPostgresEngine({
        sql: tracedSql(sql, shape.name, rec),
        typoMinSimilarity: config.typoMinSimilarity,
        fuzzyMinSimilarity: config.fuzzyMinSimilarity,
      });
      const totals: number[] = [];
      for (let n = 0; n < queries; n++) {
        const path = shape.path('cold', n);
        const started = performance.now();
        if (shape === SUGGEST_SHAPE) {
          const { q, limit } = toSuggestRequest({ q: rawQuery(path).q ?? '' });
          await engine.suggest(q, limit);
        } else await engine.search(toSearchRequest(rawQuery(path)));
        totals.push(performance.now() - started);
      }
      return totals;
    };
    const figures = (rec: Recorder) =>
      [...rec.times].map(([statement, ms]) => ({ statement, calls: ms.length, ms: summarize(ms) }));
    const run = async (shape: QueryShape) => {
      const rec: Recorder = { times: new Map(), plans, explain: false };
      const totals = await pass(shape, rec);
      await pass(shape, { ...rec, times: new Map(), explain: true }, Math.min(count, PLAN_QUERIES));
      shapes.push({ shape: shape.name, engineMs: summarize(totals), statements: figures(rec) });
    };
    for (const shape of [...SEARCH_SHAPES, SUGGEST_SHAPE]) await run(shape);
  } finally {
    await sql.close();
  }
  const tables = await tableStats(databaseUrl);
  const worst = new Map<string, SlowPlan>();
  for (const p of plans.values()) if (p.ms > (worst.get(p.shape)?.ms ?? 0)) worst.set(p.shape, p);
  const slowest = [...worst.values()];
  return { queriesPerShape: count, tables, slowest, shapes, plans: [...plans.values()] };
}
