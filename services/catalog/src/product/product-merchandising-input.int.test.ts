// Broken merchandising input (prices, attributes, images, free text): each is a 400 naming the field, nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogHarness, expectProblem, newProduct, startCatalogHarness } from '../testing/catalog-harness.ts';
import type { ProductPage, ProductView } from './product.schemas.ts';

let catalog: CatalogHarness;
let existing: ProductView;

beforeAll(async () => {
  catalog = await startCatalogHarness();
  const response = await catalog.request('POST', '/api/products', { body: newProduct(), admin: true });
  existing = response.json<ProductView>();
});
afterAll(async () => {
  await catalog?.close();
});

const rejected = (overrides: Record<string, unknown>) => newProduct(overrides);

describe('creating a product with bad merchandising fields', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['original_price below price', rejected({ price: 5000, original_price: 4999 }), 'original_price'],
    ['original_price zero', rejected({ original_price: 0 }), 'original_price'],
    ['original_price as text', rejected({ original_price: '9000' }), 'original_price'],
    ['original_price fractional', rejected({ original_price: 99_999.5 }), 'original_price'],
    ['popularity_score above 1', rejected({ popularity_score: 1.01 }), 'popularity_score'],
    ['popularity_score negative', rejected({ popularity_score: -0.1 }), 'popularity_score'],
    ['popularity_score as text', rejected({ popularity_score: '0.5' }), 'popularity_score'],
    ['attributes as array', rejected({ attributes: [['color', 'red']] }), 'attributes'],
    ['attribute key upper-case', rejected({ attributes: { Color: ['red'] } }), 'attributes.Color'],
    ['attribute key with a dash', rejected({ attributes: { 'shoe-size': ['42'] } }), 'attributes.shoe-size'],
    [
      'attribute key too long',
      rejected({ attributes: { [`k${'x'.repeat(40)}`]: ['v'] } }),
      `attributes.k${'x'.repeat(40)}`,
    ],
    ['attribute values empty', rejected({ attributes: { color: [] } }), 'attributes.color'],
    ['attribute value not a list', rejected({ attributes: { color: 'red' } }), 'attributes.color'],
    ['attribute value empty', rejected({ attributes: { color: [''] } }), 'attributes.color.0'],
    ['attribute value blank', rejected({ attributes: { color: ['red', '  '] } }), 'attributes.color.1'],
    ['attribute value too long', rejected({ attributes: { color: ['x'.repeat(61)] } }), 'attributes.color.0'],
    ['attribute value a number', rejected({ attributes: { size: [42] } }), 'attributes.size.0'],
    [
      '51 attribute values',
      rejected({ attributes: { size: Array.from({ length: 51 }, (_, i) => `${i}`) } }),
      'attributes.size',
    ],
    [
      '21 attribute keys',
      rejected({ attributes: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, ['v']])) }),
      'attributes',
    ],
    [
      '11 images',
      rejected({ images: Array.from({ length: 11 }, (_, i) => ({ url: `https://cdn.example.com/${i}.jpg` })) }),
      'images',
    ],
    ['image as a string', rejected({ images: ['https://cdn.example.com/a.jpg'] }), 'images.0'],
    ['image without url', rejected({ images: [{ alt: 'x' }] }), 'images.0.url'],
    [
      'image with an unknown field',
      rejected({ images: [{ url: 'https://cdn.example.com/a.jpg', width: 5 }] }),
      'images.0.width',
    ],
    ['image alt empty', rejected({ images: [{ url: 'https://cdn.example.com/a.jpg', alt: '' }] }), 'images.0.alt'],
    ['image on loopback', rejected({ images: [{ url: 'http://127.0.0.1/a.jpg' }] }), 'images.0.url'],
    [
      'second image on decimal loopback',
      rejected({ images: [{ url: 'https://cdn.example.com/a.jpg' }, { url: 'http://2130706433/' }] }),
      'images.1.url',
    ],
    [
      'image on cloud metadata',
      rejected({ images: [{ url: 'http://169.254.169.254/latest/meta-data/' }] }),
      'images.0.url',
    ],
    ['image on GCP metadata', rejected({ images: [{ url: 'http://metadata.google.internal/x.jpg' }] }), 'images.0.url'],
    ['image on IPv4-mapped IPv6', rejected({ images: [{ url: 'http://[::ffff:127.0.0.1]/a.jpg' }] }), 'images.0.url'],
    ['image on localhost', rejected({ images: [{ url: 'http://localhost:80/a.jpg' }] }), 'images.0.url'],
    ['image with userinfo', rejected({ images: [{ url: 'https://u:p@cdn.example.com/a.jpg' }] }), 'images.0.url'],
    ['image on another port', rejected({ images: [{ url: 'https://cdn.example.com:8443/a.jpg' }] }), 'images.0.url'],
    ['image over ftp', rejected({ images: [{ url: 'ftp://cdn.example.com/a.jpg' }] }), 'images.0.url'],
    [
      'image url too long',
      rejected({ images: [{ url: `https://cdn.example.com/${'a'.repeat(2048)}` }] }),
      'images.0.url',
    ],
    ['NUL in the title', rejected({ title: 'a\u0000b' }), 'title'],
    ['NUL in the description', rejected({ description: '\u0000' }), 'description'],
    ['NUL in an attribute value', rejected({ attributes: { color: ['re\u0000d'] } }), 'attributes.color.0'],
    [
      'NUL in an image alt',
      rejected({ images: [{ url: 'https://cdn.example.com/a.jpg', alt: '\u0000' }] }),
      'images.0.alt',
    ],
  ];

  it.each(cases)('%s is a 400 naming the field', async (_name, body, field) => {
    expectProblem(await catalog.request('POST', '/api/products', { body, admin: true }), 400, field);
  });

  it('a __proto__ key anywhere is refused as a 400 by the JSON parser', async () => {
    const body = JSON.stringify(rejected({})).replace(/}$/, ',"attributes":{"__proto__":["x"]}}');
    expectProblem(await catalog.request('POST', '/api/products', { body, admin: true }), 400);
  });
});

describe('updating a product with bad merchandising fields', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['price above the stored original_price', { original_price: 50_000, price: 50_001 }, 'original_price'],
    ['original_price below the stored price', { original_price: 100 }, 'original_price'],
    ['popularity_score above 1', { popularity_score: 2 }, 'popularity_score'],
    ['bad attribute key', { attributes: { '1st': ['x'] } }, 'attributes.1st'],
    ['blank attribute value', { attributes: { color: [' '] } }, 'attributes.color.0'],
    ['image on a private address', { images: [{ url: 'http://10.0.0.1/a.jpg' }] }, 'images.0.url'],
    ['image on a single-label host', { images: [{ url: 'http://intranet/a.jpg' }] }, 'images.0.url'],
    ['image on hex loopback', { images: [{ url: 'http://0x7f.1/a.jpg' }] }, 'images.0.url'],
    ['NUL in the title', { title: '\u0000' }, 'title'],
  ];

  it.each(cases)('%s is a 400 naming the field', async (_name, body, field) => {
    const url = `/api/products/${existing.id}`;
    expectProblem(await catalog.request('PUT', url, { body, admin: true }), 400, field);
  });
});

describe('after all the rejected requests', () => {
  it('the product is untouched, nothing else exists and only valid products were announced', async () => {
    expect((await catalog.request('GET', `/api/products/${existing.id}`)).json()).toEqual(existing);
    const listed = await catalog.request('GET', '/api/products?include_archived=true&limit=100');
    expect(listed.json<ProductPage>().items).toEqual([existing]);

    const sentinel = (
      await catalog.request('POST', '/api/products', { body: newProduct(), admin: true })
    ).json<ProductView>();
    await catalog.messagesFor(sentinel.id);
    expect(catalog.published.map((m) => m.aggregateId)).toEqual([existing.id, sentinel.id]);
  });
});
