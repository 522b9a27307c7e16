// Search's own upkeep of its tables, on real PostgreSQL (this CI's server runs with autovacuum off, as a bulk load
// before autovacuum's first pass would see it) and on PGlite: a burst of changes gets ANALYZE, dead versions VACUUM.
import { waitFor } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { product } from '../testing/product-fixtures.ts';
import { tablesNotVacuumAnalyzed } from '../testing/search-checks.sql.ts';
import { type SearchHarness, startSearch } from '../testing/search-harness.ts';

describe.each([
  ['real PostgreSQL', false],
  ['embedded (PGlite)', true],
])("search's upkeep of its index tables on %s", (_name, embedded) => {
  let h: SearchHarness;

  beforeAll(async () => {
    h = await startSearch({ embedded, env: { SEARCH_UPKEEP_INTERVAL_MS: '100' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const upkeepRuns = async (table: string, kind: string) => {
    const pattern = new RegExp(`search_index_upkeep_total\\{[^}]*table="${table}"[^}]*kind="${kind}"[^}]*\\} (\\d+)`);
    return Number(pattern.exec(await h.metrics())?.[1] ?? 0);
  };

  /** `times` updates that change nothing visible, then the session's statistics flushed for the views to see. */
  async function churn(table: 'documents' | 'terms', times: number): Promise<void> {
    const column = table === 'documents' ? 'popularity_score' : 'doc_count';
    await h.infra.sql.transaction(async (tx) => {
      await tx.query(
        `DO $$ BEGIN FOR i IN 1..${times} LOOP UPDATE ${table} SET ${column} = ${column}; END LOOP; END $$`,
      );
      await tx.query('SELECT pg_stat_force_next_flush()');
    });
  }

  it('analyses documents after a burst of changes and vacuums terms full of dead versions', async () => {
    await h.index(product({ title: 'Walnut Desk', category: 'furniture' }));
    expect(await tablesNotVacuumAnalyzed(h.infra.sql)).toEqual(['documents', 'terms']);

    await churn('documents', 600);
    await waitFor(async () => (await upkeepRuns('documents', 'analyze')) >= 1, {
      description: 'ANALYZE of documents after 600 changes',
      timeoutMs: 20_000,
    });
    await churn('terms', 1_100);
    await waitFor(async () => (await upkeepRuns('terms', 'vacuum-analyze')) >= 1, {
      description: 'VACUUM (ANALYZE) of terms after 1,100 dead versions',
      timeoutMs: 20_000,
    });
    expect(await tablesNotVacuumAnalyzed(h.infra.sql)).toEqual(['documents']); // analysed, not vacuumed
    expect((await h.search('q=desk')).items.map((i) => i.title)).toEqual(['Walnut Desk']);
  });
});
