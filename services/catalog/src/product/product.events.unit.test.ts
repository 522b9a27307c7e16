// Specifications of product.updated: public field names in changes, and a snapshot the contract accepts.
import { validateEnvelope } from '@techcorp/contracts';
import { describe, expect, it } from 'vitest';
import { productSnapshot, productUpdated } from './product.events.ts';
import type { Product } from './product.model.ts';

const product: Product = {
  id: '0190f5a4-1c1e-7c3a-8f00-0123456789ab',
  sku: 'TS-BASIC-BLUE',
  title: 'Basic Cotton T-Shirt',
  description: '100% cotton',
  price: 8990,
  originalPrice: 11990,
  currency: 'BRL',
  category: 't-shirts',
  brand: 'techcorp-basics',
  attributes: { color: ['blue'], size: ['s', 'm'] },
  images: [{ url: 'https://cdn.example.com/a.jpg', alt: 'front' }],
  popularityScore: 0.85,
  inStock: true,
  status: 'ACTIVE',
  version: 4,
  createdAt: '2026-01-15T10:30:00.000000Z',
  updatedAt: '2026-01-15T10:31:00.123456Z',
};

describe('given a product just changed', () => {
  it('when announced, then changes use the public names and the envelope passes the contract', () => {
    const envelope = validateEnvelope(productUpdated(product, ['price', 'originalPrice', 'inStock']));
    expect(envelope.type).toBe('product.updated');
    expect(envelope.aggregateId).toBe(product.id);
    expect(envelope.data).toEqual({
      productId: product.id,
      changes: ['price', 'original_price', 'in_stock'],
      updatedAt: product.updatedAt,
      product: productSnapshot(product),
    });
  });

  it('then the snapshot is the indexed document at the product version, images as URLs', () => {
    expect(productSnapshot(product)).toEqual({
      productId: product.id,
      sku: 'TS-BASIC-BLUE',
      title: 'Basic Cotton T-Shirt',
      description: '100% cotton',
      price: 8990,
      originalPrice: 11990,
      currency: 'BRL',
      category: 't-shirts',
      brand: 'techcorp-basics',
      attributes: { color: ['blue'], size: ['s', 'm'] },
      images: ['https://cdn.example.com/a.jpg'],
      popularityScore: 0.85,
      inStock: true,
      status: 'ACTIVE',
      version: 4,
      updatedAt: product.updatedAt,
    });
  });
});
