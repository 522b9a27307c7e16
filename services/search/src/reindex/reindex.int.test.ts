// The full reindex from a fake catalog on real PostgreSQL, RabbitMQ and Redis: adds, updates and removes; one at
// a time across instances; admins only; and the same run as a command (reindex-cli.ts).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { adminCaller, customerCaller, gatewayHeaders, waitFor } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchService } from '../service.ts';
import { type FakeCatalog, startFakeCatalog } from '../testing/fake-catalog.ts';
import { catalogItem, product, revise } from '../testing/product-fixtures.ts';
import { storedDocument, tablesNotVacuumAnalyzed, termsOutOfStep } from '../testing/search-checks.sql.ts';
import { expectProblem, type SearchHarness, startSearch } from '../testing/search-harness.ts';
import type { ReindexStatus } from './reindex.policy.ts';

const PATH = '/api/search/reindex';
const CLI = fileURLToPath(new URL('../reindex-cli.ts', import.meta.url));
const run = promisify(execFile);

let h: SearchHarness;
let catalog: FakeCatalog;

beforeAll(async () => {
  catalog = await startFakeCatalog({ pageSize: 3 });
  h = await startSearch({ urls: { catalog: catalog.url }, env: { SEARCH_CATALOG_TIMEOUT_MS: '500' } });
});
afterAll(async () => {
  catalog?.release();
  await h?.close();
  await catalog?.close();
});

const admin = { as: adminCaller() };
const titles = async (q: string) => (await h.search(`q=${q}`)).items.map((i) => i.title);

async function untilFinished(): Promise<ReindexStatus> {
  let status: ReindexStatus | undefined;
  await waitFor(
    async () => {
      status = (await h.request(PATH, admin)).json<ReindexStatus>();
      return status.state === 'done' || status.state === 'failed';
    },
    { description: 'the reindex to finish', timeoutMs: 20_000 },
  );
  return status!;
}

describe('a full reindex', () => {
  it('adds what catalog has, updates older documents, and removes what catalog no longer has', async () => {
    const kept = product({ title: 'Oak Bookshelf', category: 'furniture' });
    const updated = product({ title: 'Pine Stool', category: 'furniture' });
    const gone = product({ title: 'Maple Bench', category: 'furniture' });
    const archived = product({ title: 'Birch Cabinet', category: 'furniture' });
    const malformed = product({ title: 'Cedar Chest', category: 'furniture' });
    await h.index(kept, updated, gone, archived, malformed);
    expect(await titles('bench')).toEqual(['Maple Bench']);

    const added = [1, 2, 3, 4].map((n) => product({ title: `Teak Chair ${n}`, category: 'furniture' }));
    catalog.put(kept, revise(updated, { title: 'Pine Bar Stool' }), revise(archived, { status: 'ARCHIVED' }), ...added);
    // Catalog still has it, but in a shape search cannot read: it is skipped, not removed.
    catalog.put({ ...catalogItem(malformed), currency: 42 });

    const started = await h.request(PATH, { ...admin, method: 'POST' });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json<ReindexStatus>().state).toBe('running');
    const status = await untilFinished();
    expect(status).toMatchObject({ state: 'done', processed: 8, error: null });
    expect(Date.parse(status.finished_at!)).toBeGreaterThanOrEqual(Date.parse(status.started_at!));

    expect((await titles('teak')).sort()).toEqual(added.map((p) => p.title).sort());
    expect(await titles('stool')).toEqual(['Pine Bar Stool']);
    expect(await titles('bench')).toEqual([]);
    expect((await storedDocument(h.infra.sql, gone.productId))?.status).toBe('DELETED');
    expect(await titles('cabinet')).toEqual([]);
    expect(await titles('bookshelf')).toEqual(['Oak Bookshelf']);
    expect(await titles('chest')).toEqual(['Cedar Chest']);
    expect(await termsOutOfStep(h.infra.sql)).toBe(0);
    expect(catalog.requests.some((r) => r.includes('include_archived=true') && r.includes('cursor='))).toBe(true);
    // A reindex rewrites every row: its dead versions are reclaimed and the planner's statistics renewed at once.
    await waitFor(async () => (await tablesNotVacuumAnalyzed(h.infra.sql)).length === 0, {
      description: 'VACUUM ANALYZE of documents and terms after the reindex',
    });
  });

  it('runs one at a time, across instances too', async () => {
    const other = await searchService.create({
      logger: h.infra.logger,
      sql: h.infra.sql,
      bus: h.infra.bus,
      kv: h.infra.kv,
      urls: { catalog: catalog.url },
      env: h.infra.env,
    });
    try {
      catalog.holdAfter(0);
      expect((await h.request(PATH, { ...admin, method: 'POST' })).statusCode).toBe(202);
      await waitFor(() => catalog.holding, { description: 'the first page held back' });
      expectProblem(await h.request(PATH, { ...admin, method: 'POST' }), 409);
      const secret = h.infra.env.GATEWAY_IDENTITY_SECRET as string;
      const elsewhere = await other.app.inject({
        method: 'POST',
        url: PATH,
        headers: gatewayHeaders(secret, adminCaller(), 'POST', PATH),
      });
      expect(elsewhere.statusCode, elsewhere.body).toBe(409);
      catalog.release();
      expect((await untilFinished()).state).toBe('done');
    } finally {
      catalog.release();
      await other.stop();
    }
  });

  it('records a catalog failure as failed and removes nothing', async () => {
    catalog.failWith(503);
    try {
      expect((await h.request(PATH, { ...admin, method: 'POST' })).statusCode).toBe(202);
      const status = await untilFinished();
      expect(status.state).toBe('failed');
      expect(status.error).toMatch(/503/);
      expect(await titles('bookshelf')).toEqual(['Oak Bookshelf']);
    } finally {
      catalog.failWith(null);
    }
  });

  it('is for admins only: 401 anonymous, 403 customers, and takes no parameters', async () => {
    for (const method of ['GET', 'POST'] as const) {
      expectProblem(await h.request(PATH, { method }), 401);
      expectProblem(await h.request(PATH, { method, as: customerCaller('customer-7') }), 403);
    }
    expectProblem(await h.request(PATH, { ...admin, method: 'POST', body: { full: true } }), 400, 'body');
    expectProblem(await h.request(`${PATH}?full=true`, { ...admin, method: 'POST' }), 400, 'full');
  });
});

describe('the reindex command', () => {
  const env = (catalogUrl: string) => ({
    PATH: process.env.PATH,
    DATABASE_URL: h.infra.env.DATABASE_URL,
    CATALOG_URL: catalogUrl,
    SEARCH_CATALOG_TIMEOUT_MS: '300',
    LOG_LEVEL: 'silent',
  });

  it('runs the same reindex and exits 0', async () => {
    const walnut = product({ title: 'Walnut Desk', category: 'furniture' });
    catalog.put(walnut);
    await run(process.execPath, [CLI], { env: env(catalog.url) });
    expect(await titles('walnut')).toEqual(['Walnut Desk']);
    expect((await h.request(PATH, admin)).json<ReindexStatus>().state).toBe('done');
  });

  it('exits non-zero when the reindex fails', async () => {
    const failed = run(process.execPath, [CLI], { env: env('http://127.0.0.1:9') });
    await expect(failed).rejects.toMatchObject({ code: 1 });
    expect((await h.request(PATH, admin)).json<ReindexStatus>().state).toBe('failed');
  });
});
