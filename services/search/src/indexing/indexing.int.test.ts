// Indexing product.updated on real PostgreSQL, RabbitMQ and Redis: changes show after the inbox committed them,
// duplicates and stale versions change nothing, older events without a snapshot read catalog, terms stay in step.
import { adminCaller, waitFor } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCatalog, startFakeCatalog } from '../testing/fake-catalog.ts';
import { catalogItem, product, productUpdated, revise } from '../testing/product-fixtures.ts';
import { storedDocument, termCount, termsOutOfStep } from '../testing/search-checks.sql.ts';
import { expectProblem, type SearchHarness, startSearch } from '../testing/search-harness.ts';
import { PRODUCT_QUEUE } from './product-events.handlers.ts';

let h: SearchHarness;
let catalog: FakeCatalog;

beforeAll(async () => {
  catalog = await startFakeCatalog();
  h = await startSearch({ urls: { catalog: catalog.url } });
});
afterAll(async () => {
  await h?.close();
  await catalog?.close();
});

const ids = async (query: string) => (await h.search(query)).items.map((i) => i.id);

describe('product changes', () => {
  it('show a new title and price once indexed, and the old title words no longer find it', async () => {
    const shirt = product({ title: 'Plain Linen Shirt', category: 'shirts', price: 9990 });
    await h.index(shirt);
    expect(await ids('q=linen')).toEqual([shirt.productId]);

    await h.index(revise(shirt, { title: 'Striped Flannel Shirt', price: 7990 }));
    const [hit] = (await h.search('q=flannel')).items;
    expect(hit).toMatchObject({ id: shirt.productId, title: 'Striped Flannel Shirt', price: 7990, version: 2 });
    expect(await ids('q=linen')).toEqual([]);
    expect(await termCount(h.infra.sql, 'linen')).toBe(0);
    expect(await termCount(h.infra.sql, 'flannel')).toBe(1);
  });

  it('show a product out of stock, and the in_stock filter follows', async () => {
    const lamp = product({ title: 'Brass Reading Lamp', category: 'lighting' });
    await h.index(lamp);
    expect(await ids('q=brass&in_stock=true')).toEqual([lamp.productId]);

    await h.index(revise(lamp, { inStock: false }));
    expect(await ids('q=brass&in_stock=true')).toEqual([]);
    const [hit] = (await h.search('q=brass&in_stock=false')).items;
    expect(hit).toMatchObject({ id: lamp.productId, in_stock: false });
  });

  it('archived drops out of results and of the terms', async () => {
    const mug = product({ title: 'Enamel Camping Mug', category: 'outdoor' });
    await h.index(mug);
    expect(await termCount(h.infra.sql, 'enamel')).toBe(1);
    await h.index(revise(mug, { status: 'ARCHIVED' }));
    expect(await ids('q=enamel')).toEqual([]);
    expect(await termCount(h.infra.sql, 'enamel')).toBe(0);
    expect((await storedDocument(h.infra.sql, mug.productId))?.status).toBe('ARCHIVED');
  });
});

describe('duplicates and stale deliveries', () => {
  it('a redelivered event and an older version change nothing; out of order converges on the newest', async () => {
    const v1 = product({ title: 'Ceramic Teapot', category: 'kitchen' });
    const v2 = revise(v1, { title: 'Ceramic Teapot Large' });
    const v3 = revise(v2, { title: 'Ceramic Teapot XL', price: 6990 });
    const first = productUpdated(v1);
    await h.deliver(first);
    const before = await storedDocument(h.infra.sql, v1.productId);

    await h.deliver(first, first);
    expect(await storedDocument(h.infra.sql, v1.productId)).toEqual(before);

    // v3 arrives before v2; then v2 and v1 again (new message ids: not inbox duplicates, just stale).
    await h.deliver(productUpdated(v3));
    const newest = await storedDocument(h.infra.sql, v1.productId);
    await h.deliver(productUpdated(v2), productUpdated(v1));
    expect(await storedDocument(h.infra.sql, v1.productId)).toEqual(newest);
    expect(newest).toMatchObject({ title: 'Ceramic Teapot XL', version: 3 });
    expect((await h.search('q=teapot')).items.map((i) => i.title)).toEqual(['Ceramic Teapot XL']);
    expect(await h.metrics()).toMatch(/search_indexed_total\{[^}]*outcome="stale"[^}]*\} [1-9]/);
  });

  it('concurrent versions of several products sharing words converge on each newest version', async () => {
    const products = [1, 2, 3].map((n) => product({ title: `Rattan Chair Model${n}`, category: 'furniture' }));
    const histories = products.map((p) => {
      const versions = [p];
      for (let v = 2; v <= 6; v++) versions.push(revise(versions.at(-1)!, { title: `Rattan Chair Model${v}` }));
      return versions;
    });
    // Newest first for one product, oldest first for another, interleaved: all published at once.
    const messages = histories.flatMap((versions, i) => (i % 2 === 0 ? [...versions].reverse() : versions));
    await h.deliver(...messages.map((s) => productUpdated(s)));
    for (const p of products) expect(await storedDocument(h.infra.sql, p.productId)).toMatchObject({ version: 6 });
    expect(await termCount(h.infra.sql, 'rattan')).toBe(3);
    expect(await termCount(h.infra.sql, 'model6')).toBe(3);
    expect(await termCount(h.infra.sql, 'model1')).toBe(0);
    expect(await termsOutOfStep(h.infra.sql)).toBe(0);
  });
});

describe('events without a snapshot (older catalog releases)', () => {
  it('index the product as catalog answers it, and remove it when catalog answers 404', async () => {
    const kettle = product({ title: 'Gooseneck Kettle', category: 'kitchen', attributes: { color: ['matte'] } });
    catalog.put(kettle);
    await h.deliver(productUpdated(kettle, { withoutSnapshot: true }));
    const [hit] = (await h.search('q=gooseneck')).items;
    expect(hit).toMatchObject({ id: kettle.productId, title: 'Gooseneck Kettle', attributes: { color: ['matte'] } });
    expect(catalog.requests).toContain(`/api/products/${kettle.productId}`);

    catalog.remove(kettle.productId);
    await h.deliver(productUpdated(kettle, { withoutSnapshot: true }));
    expect(await ids('q=gooseneck')).toEqual([]);
    expect((await storedDocument(h.infra.sql, kettle.productId))?.status).toBe('DELETED');
    // A late, older snapshot does not bring the removed product back.
    await h.index(kettle);
    expect(await ids('q=gooseneck')).toEqual([]);
  });

  it('dead-letters an event whose catalog product is malformed, at once', async () => {
    const broken = product({ title: 'Broken Product' });
    catalog.put({ ...catalogItem(broken), price: 'free' });
    await h.infra.bus.publish(productUpdated(broken, { withoutSnapshot: true }));
    let letters: { envelope: { data: { productId: string } } | null }[] = [];
    const url = `/admin/dead-letters/${PRODUCT_QUEUE}`;
    await waitFor(
      async () => {
        letters = (await h.request(url, { as: adminCaller() })).json();
        return letters.length > 0;
      },
      { description: 'the dead letter', timeoutMs: 15_000 },
    );
    expect(letters[0]?.envelope?.data.productId).toBe(broken.productId);
    expectProblem(await h.request(url), 401);
  });
});

describe('bookkeeping', () => {
  it('keeps the terms table in step with the active documents, and reports lag and document counts', async () => {
    expect(await termsOutOfStep(h.infra.sql)).toBe(0);
    const metrics = await h.metrics();
    expect(metrics).toMatch(/search_index_lag_seconds_count\{[^}]*\} [1-9]/);
    expect(metrics).toMatch(/search_index_last_lag_seconds\{[^}]*\} \d/);
    expect(metrics).toMatch(/search_documents\{[^}]*status="ACTIVE"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/search_documents\{[^}]*status="DELETED"[^}]*\} 1\b/);
  });
});
