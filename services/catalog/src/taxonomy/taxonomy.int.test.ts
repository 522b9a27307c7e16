// Categories and brands on real PostgreSQL: upserts, reads, the tree without cycles, and deletes only when unused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductView } from '../product/product.schemas.ts';
import { type CatalogHarness, expectProblem, newProduct, startCatalogHarness } from '../testing/catalog-harness.ts';
import type { BrandView, CategoryView } from './taxonomy.schemas.ts';

let catalog: CatalogHarness;

beforeAll(async () => {
  catalog = await startCatalogHarness();
});
afterAll(async () => {
  await catalog?.close();
});

const putCategory = (slug: string, body: unknown) =>
  catalog.request('PUT', `/api/categories/${slug}`, { body, admin: true });
const putBrand = (slug: string, body: unknown) => catalog.request('PUT', `/api/brands/${slug}`, { body, admin: true });
const category = async (slug: string) => (await catalog.request('GET', `/api/categories/${slug}`)).json<CategoryView>();

describe('categories', () => {
  it('PUT creates (201 with Location), then updates (200), and an identical PUT leaves updated_at alone', async () => {
    const created = await putCategory('apparel', { name: 'Apparel' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.location).toBe('/api/categories/apparel');
    expect(created.json()).toMatchObject({ slug: 'apparel', name: 'Apparel', parent_slug: null });

    const child = await putCategory('tops', { name: 'Tops', parent_slug: 'apparel' });
    expect(child.statusCode).toBe(201);
    const renamed = await putCategory('tops', { name: 'Tops & tees', parent_slug: 'apparel' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json<CategoryView>()).toMatchObject({ name: 'Tops & tees', parent_slug: 'apparel' });
    expect(renamed.json<CategoryView>().created_at).toBe(child.json<CategoryView>().created_at);

    const same = await putCategory('tops', { name: 'Tops & tees', parent_slug: 'apparel' });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toEqual(renamed.json());
    expect(await category('tops')).toEqual(renamed.json());
  });

  it('GET lists every category flat with its parent, ordered by slug, to anonymous callers', async () => {
    await putCategory('zz-last', { name: 'Last' });
    await putCategory('aa-first', { name: 'First', parent_slug: 'zz-last' });
    const list = await catalog.request('GET', '/api/categories');
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: CategoryView[] }>().items;
    expect(items.map((c) => c.slug)).toEqual([...items.map((c) => c.slug)].sort());
    expect(items).toContainEqual(expect.objectContaining({ slug: 'aa-first', parent_slug: 'zz-last' }));
    expect(items).toContainEqual(expect.objectContaining({ slug: 'footwear', parent_slug: null }));
  });

  it('a parent that does not exist, the category itself, or a descendant is a 422 naming parent_slug', async () => {
    await putCategory('root', { name: 'Root' });
    await putCategory('branch', { name: 'Branch', parent_slug: 'root' });
    await putCategory('leaf', { name: 'Leaf', parent_slug: 'branch' });
    expectProblem(await putCategory('orphan', { name: 'Orphan', parent_slug: 'ghost' }), 422, 'parent_slug');
    expectProblem(await putCategory('root', { name: 'Root', parent_slug: 'root' }), 422, 'parent_slug');
    const cycle = await putCategory('root', { name: 'Root', parent_slug: 'leaf' });
    expectProblem(cycle, 422, 'parent_slug');
    expect(cycle.body).toContain('root -> leaf -> branch -> root');
    expectProblem(await putCategory('branch', { name: 'Branch', parent_slug: 'leaf' }), 422, 'parent_slug');
    expect((await category('root')).parent_slug).toBeNull();
    expect((await catalog.request('GET', '/api/categories/orphan')).statusCode).toBe(404);
    // Re-parenting where no loop forms is fine: the leaf moves up to the root.
    expect((await putCategory('leaf', { name: 'Leaf', parent_slug: 'root' })).statusCode).toBe(200);
  });

  it('PUT validates slug and body: 400 naming the field', async () => {
    expectProblem(await putCategory('Not_A_Slug', { name: 'x' }), 400, 'slug');
    expectProblem(await putCategory('x'.repeat(61), { name: 'x' }), 400, 'slug');
    expectProblem(await putCategory('ok', {}), 400, 'name');
    expectProblem(await putCategory('ok', { name: '' }), 400, 'name');
    expectProblem(await putCategory('ok', { name: 'x'.repeat(101) }), 400, 'name');
    expectProblem(await putCategory('ok', { name: 'O\u0000k' }), 400, 'name');
    expectProblem(await putCategory('ok', { name: 'Ok', parent_slug: 'Bad Parent' }), 400, 'parent_slug');
    expectProblem(await putCategory('ok', { name: 'Ok', created_at: '2020-01-01T00:00:00Z' }), 400, 'created_at');
    expectProblem(await putCategory('ok', { name: 'Ok', slug: 'other' }), 400, 'slug');
    expectProblem(await catalog.request('GET', '/api/categories/Bad%20Slug'), 400, 'slug');
    expect((await catalog.request('GET', '/api/categories/ok')).statusCode).toBe(404);
  });

  it('DELETE is 409 while a product (even archived) or a child category uses it, then 204, then 404', async () => {
    await putCategory('shoes', { name: 'Shoes' });
    await putCategory('boots', { name: 'Boots', parent_slug: 'shoes' });
    const created = await catalog.request('POST', '/api/products', {
      body: newProduct({ category: 'boots' }),
      admin: true,
    });
    const product = created.json<ProductView>();

    expectProblem(await catalog.request('DELETE', '/api/categories/shoes', { admin: true }), 409, 'slug');
    const used = await catalog.request('DELETE', '/api/categories/boots', { admin: true });
    expectProblem(used, 409, 'slug');
    expect(used.body).toMatch(/1 product/);
    await catalog.request('POST', `/api/products/${product.id}/archive`, { admin: true });
    expectProblem(await catalog.request('DELETE', '/api/categories/boots', { admin: true }), 409, 'slug');

    await catalog.request('PUT', `/api/products/${product.id}`, { body: { category: 'footwear' }, admin: true });
    expect((await catalog.request('DELETE', '/api/categories/boots', { admin: true })).statusCode).toBe(204);
    expect((await catalog.request('DELETE', '/api/categories/shoes', { admin: true })).statusCode).toBe(204);
    expectProblem(await catalog.request('DELETE', '/api/categories/shoes', { admin: true }), 404);
    expectProblem(await catalog.request('GET', '/api/categories/shoes'), 404);
  });
});

describe('brands', () => {
  it('PUT creates then updates, GET lists and reads them, DELETE is 409 while a product uses it', async () => {
    const created = await putBrand('denimworks', { name: 'Denim Works' });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe('/api/brands/denimworks');
    expect((await putBrand('denimworks', { name: 'DenimWorks' })).json()).toMatchObject({ name: 'DenimWorks' });
    expect(Object.keys(created.json())).toEqual(['slug', 'name', 'created_at', 'updated_at']);

    const list = (await catalog.request('GET', '/api/brands')).json<{ items: BrandView[] }>().items;
    expect(list.map((b) => b.slug)).toEqual(['acme', 'denimworks']);
    expect((await catalog.request('GET', '/api/brands/denimworks')).json()).toMatchObject({ name: 'DenimWorks' });
    expectProblem(await catalog.request('GET', '/api/brands/nobody'), 404);

    const product = (
      await catalog.request('POST', '/api/products', { body: newProduct({ brand: 'denimworks' }), admin: true })
    ).json<ProductView>();
    expect(product.brand).toBe('denimworks');
    expectProblem(await catalog.request('DELETE', '/api/brands/denimworks', { admin: true }), 409, 'slug');
    await catalog.request('PUT', `/api/products/${product.id}`, { body: { brand: 'acme' }, admin: true });
    expect((await catalog.request('DELETE', '/api/brands/denimworks', { admin: true })).statusCode).toBe(204);
    expectProblem(await catalog.request('DELETE', '/api/brands/denimworks', { admin: true }), 404);
  });

  it('PUT validates slug and body: 400 naming the field', async () => {
    expectProblem(await putBrand('UPPER', { name: 'x' }), 400, 'slug');
    expectProblem(await putBrand('ok', { name: 'Ok', parent_slug: 'acme' }), 400, 'parent_slug');
    expectProblem(await putBrand('ok', { name: 5 }), 400, 'name');
    expectProblem(await putBrand('ok', 'not json'), 400);
    expect((await catalog.request('GET', '/api/brands/ok')).statusCode).toBe(404);
  });
});

describe('concurrent writers', () => {
  it('two categories made each other parent at once: one wins, the other is a 422, and no loop is stored', async () => {
    await putCategory('left', { name: 'Left' });
    await putCategory('right', { name: 'Right' });
    const [a, b] = await Promise.all([
      putCategory('left', { name: 'Left', parent_slug: 'right' }),
      putCategory('right', { name: 'Right', parent_slug: 'left' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 422]);
    const parents = [(await category('left')).parent_slug, (await category('right')).parent_slug];
    expect(parents.filter((p) => p !== null)).toHaveLength(1);
  });
});
