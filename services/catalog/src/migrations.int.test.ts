// Migration 002 over products written before it: every category and brand they name becomes a term they reference.
import { loadMigrations, runMigrations, type Sql } from '@techcorp/platform';
import { createTestInfra, type TestInfra } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogService } from './service.ts';

const legacy = [
  ['00000000-0000-7000-8000-000000000001', 'LEGACY-1', 'footwear', 'acme'],
  ['00000000-0000-7000-8000-000000000002', 'LEGACY-2', 'Running Shoes', 'ACME Corp.'],
  ['00000000-0000-7000-8000-000000000003', 'LEGACY-3', 'running   shoes', 'acme'],
  ['00000000-0000-7000-8000-000000000004', 'LEGACY-4', '  ¡Ofertas!  ', '***'],
  ['00000000-0000-7000-8000-000000000005', 'LEGACY-5', '---', 'x'.repeat(100)],
] as const;

describe.each([false, true])('migrating a catalog with products (embedded: %s)', (embedded) => {
  let infra: TestInfra;
  let sql: Sql;

  beforeAll(async () => {
    infra = await createTestInfra({ schema: 'products', embedded });
    sql = infra.sql;
    const migrations = await loadMigrations(catalogService.migrationsDir);
    await runMigrations(
      sql,
      migrations.filter((m) => m.id.startsWith('001_')),
    );
    for (const [id, sku, category, brand] of legacy)
      await sql.query(
        `INSERT INTO products (id, sku, title, price, currency, category, brand) VALUES ($1, $2, 'Old', 1000, 'BRL', $3, $4)`,
        [id, sku, category, brand],
      );
    expect(await runMigrations(sql, migrations)).toEqual([migrations.find((m) => m.id.startsWith('002_'))!.id]);
  });
  afterAll(async () => {
    await infra?.close();
  });

  it('creates a category and a brand for every value in use, slugged, named after the old value', async () => {
    const categories = await sql.query<{ slug: string; name: string; parent_slug: string | null }>(
      'SELECT slug, name, parent_slug FROM categories ORDER BY slug',
    );
    expect(categories.rows.map((r) => r.slug)).toEqual(['footwear', 'ofertas', 'running-shoes', 'uncategorized']);
    expect(categories.rows.find((r) => r.slug === 'ofertas')?.name).toBe('  ¡Ofertas!  ');
    expect(['Running Shoes', 'running   shoes']).toContain(
      categories.rows.find((r) => r.slug === 'running-shoes')?.name,
    );
    expect(categories.rows.every((r) => r.parent_slug === null)).toBe(true);

    const brands = await sql.query<{ slug: string; name: string }>('SELECT slug, name FROM brands ORDER BY slug');
    expect(brands.rows).toEqual([
      { slug: 'acme', name: 'acme' },
      { slug: 'acme-corp', name: 'ACME Corp.' },
      { slug: 'unbranded', name: '***' },
      { slug: 'x'.repeat(60), name: 'x'.repeat(100) },
    ]);
  });

  it('points each product at its term, with a new version only where the value changed', async () => {
    const { rows } = await sql.query<{ sku: string; category: string; brand: string; version: number }>(
      'SELECT sku, category, brand, version FROM products ORDER BY sku',
    );
    expect(rows).toEqual([
      { sku: 'LEGACY-1', category: 'footwear', brand: 'acme', version: 1 },
      { sku: 'LEGACY-2', category: 'running-shoes', brand: 'acme-corp', version: 2 },
      { sku: 'LEGACY-3', category: 'running-shoes', brand: 'acme', version: 2 },
      { sku: 'LEGACY-4', category: 'ofertas', brand: 'unbranded', version: 2 },
      { sku: 'LEGACY-5', category: 'uncategorized', brand: 'x'.repeat(60), version: 2 },
    ]);
  });

  it('gives existing products the new fields at their defaults and enforces the references from now on', async () => {
    const { rows } = await sql.query(
      `SELECT original_price, attributes, images, popularity_score, in_stock, stock_changed_at FROM products LIMIT 1`,
    );
    expect(rows[0]).toEqual({
      original_price: null,
      attributes: {},
      images: [],
      popularity_score: 0,
      in_stock: false,
      stock_changed_at: null,
    });
    await expect(
      sql.query(
        `INSERT INTO products (id, sku, title, price, currency, category, brand)
         VALUES ('00000000-0000-7000-8000-000000000009', 'NEW-1', 'New', 1, 'BRL', 'ghost', 'acme')`,
      ),
    ).rejects.toThrow(/products_category_fkey/);
    await expect(sql.query(`DELETE FROM brands WHERE slug = 'acme'`)).rejects.toThrow(/products_brand_fkey/);
    await expect(sql.query(`UPDATE products SET original_price = 999 WHERE sku = 'LEGACY-1'`)).rejects.toThrow(
      /products_original_price_not_below_price/,
    );
  });
});
