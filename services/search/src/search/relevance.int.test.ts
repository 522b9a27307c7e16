// Relevance on the fixed store catalog, on real PostgreSQL/RabbitMQ/Redis and on embedded PGlite: weighting,
// tie-breaks, typo correction, accent folding, autocomplete, and archived products never showing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHarness } from '../testing/search-harness.ts';
import { startSearch } from '../testing/search-harness.ts';
import { type StoreCatalog, storeCatalog } from '../testing/store-catalog.ts';

describe.each([
  ['real servers', false],
  ['embedded (PGlite)', true],
])('relevance on %s', (_name, embedded) => {
  let h: SearchHarness;
  let store: StoreCatalog;
  const titles = (r: { items: { title: string }[] }) => r.items.map((i) => i.title);

  beforeAll(async () => {
    h = await startSearch({ embedded });
    store = storeCatalog();
    await h.index(...Object.values(store));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('ranks a title match above a description-only match, at twice its score (title^2, description)', async () => {
    const result = await h.search('q=widget');
    expect(titles(result)).toEqual([store.widgetInTitle.title, store.widgetInDescription.title]);
    const [title, description] = result.items.map((i) => i.score!);
    expect(title! / description!).toBeCloseTo(2, 5);
    expect(result.corrected_query).toBeNull();
  });

  it('breaks equal text rank by popularity, then by product id', async () => {
    const result = await h.search('q=orbit');
    const sameTop = [store.orbitFloor, store.orbitWall].sort((a, b) => (a.productId < b.productId ? -1 : 1));
    expect(result.items.map((i) => i.id)).toEqual([...sameTop.map((p) => p.productId), store.orbitDesk.productId]);
    expect(new Set(result.items.map((i) => i.score)).size).toBe(1);
  });

  it('finds hyphenated titles by the joined word, the parts and the hyphenated form', async () => {
    const tshirts = [store.tshirtBasic, store.tshirtVneck, store.tshirtGraphic].map((p) => p.title).sort();
    for (const q of ['tshirt', 't-shirt', 'T%20Shirt', 'T-SHIRT']) {
      const result = await h.search(`q=${q}`);
      expect(titles(result).sort(), q).toEqual(tshirts);
    }
  });

  it('corrects typos to the most similar known term and says so', async () => {
    const tshirt = await h.search('q=tshrit');
    expect(tshirt.corrected_query).toBe('tshirt');
    expect(titles(tshirt)).toContain(store.tshirtBasic.title);

    const jeans = await h.search('q=blu%20jeens');
    expect(jeans.corrected_query).toBe('blue jeans');
    expect(titles(jeans)[0]).toBe(store.jeansSlim.title);

    // Stopwords are not searched for, but the correction echoes the whole query.
    const phrase = await h.search('q=the%20skiny%20jeans');
    expect(phrase.corrected_query).toBe('the skinny jeans');
    expect(titles(phrase)).toEqual([store.jeansSkinny.title]);

    const exact = await h.search('q=jeans');
    expect(exact.corrected_query).toBeNull();
  });

  it('falls back to any word, then to trigram similarity on titles', async () => {
    const anyWord = await h.search('q=kettle%20zzzzqqq');
    expect(titles(anyWord)).toEqual([store.kettle.title]);

    // Glued words: no known term is within two edits, but the title holds a similar run of words.
    const fuzzy = await h.search('q=wirelessheadphones');
    expect(fuzzy.corrected_query).toBeNull();
    expect(titles(fuzzy)).toEqual([store.headphones.title]);

    const nothing = await h.search('q=xylophone');
    expect(nothing.items).toEqual([]);
    expect(nothing.total).toBe(0);
  });

  it('folds accents and case both ways', async () => {
    for (const q of ['cafe', 'CAF%C3%89', 'caf%C3%A9%20espresso']) {
      expect(titles(await h.search(`q=${q}`)), q).toEqual([store.espresso.title]);
    }
    expect(titles(await h.search('q=creme%20brulee'))).toEqual([store.torch.title]);
  });

  it('never returns archived products, whatever matches them', async () => {
    expect((await h.search('q=vintage%20jacket')).items).toEqual([]);
    const retro = await h.search('q=retro');
    expect(retro.items.map((i) => i.id)).not.toContain(store.archivedTshirt.productId);
    const browse = await h.search('limit=100');
    const ids = browse.items.map((i) => i.id);
    expect(ids).not.toContain(store.archivedJacket.productId);
    expect(ids).not.toContain(store.archivedTshirt.productId);
    expect(browse.total).toBe(ids.length);
  });

  it('completes prefixes with terms, categories, brands and products', async () => {
    const tsh = await h.suggest('q=tsh');
    expect(tsh).toContainEqual({ text: 'tshirt', kind: 'term' });
    expect(tsh).toContainEqual({ text: store.tshirtBasic.title, kind: 'product', id: store.tshirtBasic.productId });
    expect(tsh).toContainEqual({ text: 't-shirts', kind: 'category' });
    expect(tsh.map((s) => s.text)).not.toContain(store.archivedTshirt.title);

    const den = await h.suggest('q=den');
    expect(den).toContainEqual({ text: 'denimco', kind: 'brand' });
    expect(den).toContainEqual({ text: store.denimShorts.title, kind: 'product', id: store.denimShorts.productId });

    const twoWords = await h.suggest('q=running%20sh&limit=5');
    expect(twoWords.length).toBeLessThanOrEqual(5);
    expect(twoWords).toContainEqual({ text: 'running shoes', kind: 'term' });
    expect(twoWords.filter((s) => s.kind === 'product').map((s) => s.text)).toEqual(
      expect.arrayContaining([store.runningShoes.title, store.trailShoes.title]),
    );

    const accented = await h.suggest('q=cr%C3%A8m');
    expect(accented).toContainEqual({ text: store.torch.title, kind: 'product', id: store.torch.productId });
  });
});
