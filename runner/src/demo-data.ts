// A small demo catalog with stock, so a newcomer can order at once (prices in BRL minor units).

/** Categories by slug (parents first): the catalog refuses products whose category or brand does not exist. */
export const DEMO_CATEGORIES: { slug: string; name: string; parent_slug: string | null }[] = [
  { slug: 'apparel', name: 'Apparel', parent_slug: null },
  { slug: 't-shirts', name: 'T-shirts', parent_slug: 'apparel' },
  { slug: 'hoodies', name: 'Hoodies', parent_slug: 'apparel' },
  { slug: 'jeans', name: 'Jeans', parent_slug: 'apparel' },
  { slug: 'jackets', name: 'Jackets', parent_slug: 'apparel' },
  { slug: 'shoes', name: 'Shoes', parent_slug: null },
  { slug: 'accessories', name: 'Accessories', parent_slug: null },
  { slug: 'art', name: 'Art', parent_slug: null },
];

export const DEMO_BRANDS: { slug: string; name: string }[] = [
  { slug: 'techcorp-basics', name: 'TechCorp Basics' },
  { slug: 'denimworks', name: 'DenimWorks' },
  { slug: 'fastfeet', name: 'FastFeet' },
  { slug: 'ecocarry', name: 'EcoCarry' },
  { slug: 'warmtoes', name: 'WarmToes' },
  { slug: 'stormline', name: 'Stormline' },
  { slug: 'techcorp-studio', name: 'TechCorp Studio' },
];

export interface DemoProduct {
  sku: string;
  title: string;
  description: string;
  price: number;
  /** The "was" price when on sale. */
  original_price?: number;
  currency: 'BRL';
  category: string;
  brand: string;
  attributes: Record<string, string[]>;
  popularity_score: number;
  stock: { warehouseId: string; quantity: number }[];
}

const p = (
  sku: string,
  title: string,
  description: string,
  price: number,
  category: string,
  brand: string,
  stock: [string, number][],
  merchandising: Pick<DemoProduct, 'attributes' | 'popularity_score' | 'original_price'>,
): DemoProduct => ({
  sku,
  title,
  description,
  price,
  currency: 'BRL',
  category,
  brand,
  ...merchandising,
  stock: stock.map(([warehouseId, quantity]) => ({ warehouseId, quantity })),
});

export const DEMO_PRODUCTS: DemoProduct[] = [
  p(
    'TS-BASIC-BLUE',
    'Basic Cotton T-Shirt',
    '100% cotton t-shirt, regular fit, blue.',
    8990,
    't-shirts',
    'techcorp-basics',
    [
      ['main', 120],
      ['north', 40],
    ],
    { original_price: 11990, popularity_score: 0.85, attributes: { color: ['blue'], size: ['s', 'm', 'l', 'xl'] } },
  ),
  p(
    'TS-BASIC-BLACK',
    'Basic Cotton T-Shirt Black',
    '100% cotton t-shirt, regular fit, black.',
    8990,
    't-shirts',
    'techcorp-basics',
    [['main', 80]],
    { popularity_score: 0.7, attributes: { color: ['black'], size: ['s', 'm', 'l', 'xl'] } },
  ),
  p(
    'HD-ZIP-GREY',
    'Zip Hoodie',
    'Fleece zip hoodie with two pockets.',
    24990,
    'hoodies',
    'techcorp-basics',
    [['main', 35]],
    { popularity_score: 0.6, attributes: { color: ['grey'], size: ['m', 'l', 'xl'] } },
  ),
  p(
    'JN-SLIM-INDIGO',
    'Slim Jeans',
    'Indigo denim, slim fit, stretch.',
    19990,
    'jeans',
    'denimworks',
    [
      ['main', 50],
      ['north', 10],
    ],
    {
      original_price: 24990,
      popularity_score: 0.65,
      attributes: { color: ['indigo'], fit: ['slim'], waist: ['30', '32', '34'] },
    },
  ),
  p(
    'SN-RUN-WHITE',
    'Running Sneakers',
    'Lightweight running shoes with cushioned sole.',
    39990,
    'shoes',
    'fastfeet',
    [['main', 25]],
    { popularity_score: 0.75, attributes: { color: ['white'], size: ['39', '40', '41', '42', '43'] } },
  ),
  p(
    'CP-CLASSIC-RED',
    'Classic Cap',
    'Cotton twill cap, adjustable strap.',
    5990,
    'accessories',
    'techcorp-basics',
    [['main', 200]],
    { popularity_score: 0.4, attributes: { color: ['red'] } },
  ),
  p(
    'BG-TOTE-NAT',
    'Canvas Tote Bag',
    'Natural canvas tote, 15 litres.',
    4990,
    'accessories',
    'ecocarry',
    [['main', 60]],
    { popularity_score: 0.3, attributes: { color: ['natural'], material: ['canvas'] } },
  ),
  p(
    'SK-WOOL-3PK',
    'Wool Socks (3 pairs)',
    'Merino blend socks, pack of three.',
    6990,
    'accessories',
    'warmtoes',
    [['main', 150]],
    { popularity_score: 0.5, attributes: { material: ['merino'], size: ['m', 'l'] } },
  ),
  p(
    'JK-RAIN-NAVY',
    'Rain Jacket',
    'Waterproof shell with taped seams.',
    45990,
    'jackets',
    'stormline',
    [
      ['main', 15],
      ['north', 5],
    ],
    { original_price: 52990, popularity_score: 0.55, attributes: { color: ['navy'], size: ['s', 'm', 'l'] } },
  ),
  p(
    'LT-LIMITED-01',
    'Limited Edition Print',
    'Signed print: only three exist.',
    99990,
    'art',
    'techcorp-studio',
    [['main', 3]],
    { popularity_score: 0.9, attributes: { edition: ['limited'] } },
  ),
];
