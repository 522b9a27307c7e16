// The query cache on real Redis (seed 001: lookup, miss, query, store): hits for equal searches, invalidated by
// any indexed change, and a broken store degrades to answers from SQL.
import { createKv } from '@techcorp/platform';
import { waitFor } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SearchHandle, searchService } from '../service.ts';
import { product, revise } from '../testing/product-fixtures.ts';
import { overwriteTitle } from '../testing/search-checks.sql.ts';
import { type SearchHarness, startSearch } from '../testing/search-harness.ts';

let h: SearchHarness;
const extra: SearchHandle[] = [];

beforeAll(async () => {
  // A TTL far beyond every wait below: an answer that changes was invalidated, it did not expire.
  h = await startSearch({ env: { SEARCH_CACHE_TTL_MS: '600000' } });
});
afterAll(async () => {
  for (const handle of extra) await handle.stop();
  await h?.close();
});

const lookups = async (endpoint: string, result: string) => {
  const pattern = new RegExp(
    `search_cache_lookups_total\\{[^}]*endpoint="${endpoint}"[^}]*result="${result}"[^}]*\\} (\\d+)`,
  );
  return Number(pattern.exec(await h.metrics())?.[1] ?? 0);
};

/** Asks until the answer comes from the cache (the store is written just after the first answer). */
async function untilCached(url: string, endpoint: 'search' | 'suggest') {
  const before = await lookups(endpoint, 'hit');
  await waitFor(
    async () => {
      expect((await h.request(url)).statusCode).toBe(200);
      return (await lookups(endpoint, 'hit')) > before;
    },
    { description: `a cache hit for ${url}` },
  );
}

describe('cache-first answers', () => {
  it('answer equal searches from the cache until an indexed change invalidates them', async () => {
    const teapot = product({ title: 'Cast Iron Teapot', category: 'kitchen', brand: 'ironworks' });
    const other = product({ title: 'Bamboo Whisk', category: 'kitchen', brand: 'ironworks' });
    await h.index(teapot, other);
    const url = '/api/search?q=teapot&brand=ironworks';
    const first = await h.search('q=teapot&brand=ironworks');
    await untilCached(url, 'search');

    // Changed behind the index's back: only the cached answer can still show the old title.
    await overwriteTitle(h.infra.sql, teapot.productId, 'Overwritten Teapot');
    expect(await h.search('q=teapot&brand=ironworks')).toEqual(first);
    // The same search written differently (order, case, repeated parameters) shares the answer.
    expect(await h.search('brand=ironworks&q=TEAPOT')).toEqual(first);

    // Another product's change still bumps the generation: every cached answer is stale.
    // (The bump follows the commit by a moment, hence the wait.)
    await h.index(revise(other, { price: 1234 }));
    await waitFor(async () => (await h.search('q=teapot&brand=ironworks')).items[0]?.title === 'Overwritten Teapot', {
      description: 'the cached answer invalidated',
    });
    expect(await lookups('search', 'miss')).toBeGreaterThanOrEqual(2);
  });

  it('caches suggestions too', async () => {
    await h.index(product({ title: 'Copper Saucepan', category: 'kitchen' }));
    const url = '/api/search/suggest?q=copp';
    await untilCached(url, 'suggest');
    expect((await h.request(url)).json()).toEqual({
      suggestions: expect.arrayContaining([{ text: 'copper', kind: 'term' }]),
    });
  });
});

describe('a broken cache', () => {
  it('does not break search: answers come from SQL and the error is counted', async () => {
    const closed = await createKv({ kind: 'redis', url: h.infra.env.REDIS_URL!, keyPrefix: 'search-test-closed:' });
    await closed.close();
    const handle = await searchService.create({
      logger: h.infra.logger,
      sql: h.infra.sql,
      bus: h.infra.bus,
      kv: closed,
      urls: {},
      env: { ...h.infra.env, SEARCH_CACHE_TTL_MS: '600000' },
    });
    extra.push(handle);
    await h.index(product({ title: 'Walnut Cutting Board', category: 'kitchen' }));

    const response = await handle.app.inject({ url: '/api/search?q=walnut' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items.map((i: { title: string }) => i.title)).toEqual(['Walnut Cutting Board']);
    const suggest = await handle.app.inject({ url: '/api/search/suggest?q=waln' });
    expect(suggest.statusCode, suggest.body).toBe(200);
    const metrics = (await handle.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/search_cache_lookups_total\{[^}]*endpoint="search"[^}]*result="error"[^}]*\} [1-9]/);
  });
});
