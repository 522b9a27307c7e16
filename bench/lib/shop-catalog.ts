// A deterministic catalog for the shopping benchmark: categories, brands and products built from adjectives x
// materials x kinds, with colours and sizes as attributes, prices, discounts, popularity and stock. Product i is the
// same on every run (only the SKU carries a run tag), so runs search the same text.

export interface CategorySpec {
  slug: string;
  name: string;
  kinds: readonly string[];
  sizes: readonly string[];
  /** Typical price in minor units (BRL cents). */
  basePrice: number;
}

const APPAREL = ['xs', 's', 'm', 'l', 'xl', 'xxl'];
const SHOES = ['36', '37', '38', '39', '40', '41', '42', '43', '44', '45'];
const ONE = ['one size'];
const SML = ['s', 'm', 'l'];

export const CATEGORIES: readonly CategorySpec[] = [
  { slug: 't-shirts', name: 'T-shirts', kinds: ['tshirt', 'tee', 'polo'], sizes: APPAREL, basePrice: 7990 },
  { slug: 'hoodies', name: 'Hoodies', kinds: ['hoodie', 'sweatshirt', 'pullover'], sizes: APPAREL, basePrice: 15990 },
  { slug: 'jackets', name: 'Jackets', kinds: ['jacket', 'parka', 'windbreaker'], sizes: APPAREL, basePrice: 29990 },
  { slug: 'jeans', name: 'Jeans', kinds: ['jeans', 'trousers', 'chinos'], sizes: APPAREL, basePrice: 19990 },
  { slug: 'sneakers', name: 'Sneakers', kinds: ['sneakers', 'trainers', 'runners'], sizes: SHOES, basePrice: 34990 },
  { slug: 'boots', name: 'Boots', kinds: ['boots', 'chelsea boots', 'hiking boots'], sizes: SHOES, basePrice: 44990 },
  { slug: 'sandals', name: 'Sandals', kinds: ['sandals', 'slides', 'flip flops'], sizes: SHOES, basePrice: 8990 },
  { slug: 'backpacks', name: 'Backpacks', kinds: ['backpack', 'daypack', 'rucksack'], sizes: ONE, basePrice: 24990 },
  { slug: 'watches', name: 'Watches', kinds: ['watch', 'chronograph', 'smartwatch'], sizes: ONE, basePrice: 59990 },
  { slug: 'sunglasses', name: 'Sunglasses', kinds: ['sunglasses', 'aviators', 'shades'], sizes: ONE, basePrice: 19990 },
  { slug: 'lamps', name: 'Lamps', kinds: ['lamp', 'floor lamp', 'desk lamp'], sizes: ONE, basePrice: 17990 },
  { slug: 'chairs', name: 'Chairs', kinds: ['chair', 'armchair', 'stool'], sizes: ONE, basePrice: 39990 },
  { slug: 'tables', name: 'Tables', kinds: ['table', 'side table', 'desk'], sizes: SML, basePrice: 69990 },
  { slug: 'rugs', name: 'Rugs', kinds: ['rug', 'runner rug', 'kilim'], sizes: SML, basePrice: 29990 },
  { slug: 'mugs', name: 'Mugs', kinds: ['mug', 'cup', 'tumbler'], sizes: ONE, basePrice: 4990 },
  { slug: 'cookware', name: 'Cookware', kinds: ['skillet', 'saucepan', 'dutch oven'], sizes: SML, basePrice: 25990 },
  { slug: 'headphones', name: 'Headphones', kinds: ['headphones', 'earbuds', 'headset'], sizes: ONE, basePrice: 49990 },
  { slug: 'speakers', name: 'Speakers', kinds: ['speaker', 'soundbar', 'boombox'], sizes: ONE, basePrice: 39990 },
  { slug: 'keyboards', name: 'Keyboards', kinds: ['keyboard', 'keypad', 'mouse'], sizes: ONE, basePrice: 29990 },
  { slug: 'yoga', name: 'Yoga', kinds: ['yoga mat', 'yoga block', 'yoga strap'], sizes: ONE, basePrice: 12990 },
];

const BRAND_NAMES = [
  ...['Aurora', 'Boreal', 'Cascade', 'Dunmore', 'Everly', 'Fjord', 'Granite', 'Harbor', 'Ironwood', 'Juniper'],
  ...['Kestrel', 'Lumen', 'Meridian', 'Northway', 'Oakhurst', 'Pinecrest', 'Quarry', 'Redwood', 'Sierra', 'Tidal'],
  ...['Umber', 'Vantage', 'Willow', 'Xenia', 'Yarrow', 'Zephyr', 'Atlas', 'Beacon', 'Cobalt', 'Drift'],
  ...['Ember', 'Flint', 'Grove', 'Haven', 'Indigo', 'Jasper', 'Kinfolk', 'Larkspur', 'Maple', 'Nomad'],
  ...['Onyx', 'Pioneer', 'Quill', 'Rover', 'Saltwater', 'Timber', 'Upland', 'Voyager', 'Wren', 'Yukon'],
];

export const BRANDS = BRAND_NAMES.map((name) => ({ slug: name.toLowerCase(), name }));

export const ADJECTIVES = [
  ...['classic', 'vintage', 'slim', 'oversized', 'lightweight', 'rugged', 'premium', 'everyday', 'urban'],
  ...['minimalist', 'cozy', 'sporty', 'elegant', 'compact', 'ergonomic', 'waterproof', 'breathable'],
  ...['handcrafted', 'modern', 'retro', 'essential', 'deluxe', 'travel', 'organic'],
];
export const MATERIALS = [
  ...['cotton', 'linen', 'wool', 'leather', 'denim', 'canvas', 'bamboo', 'oak', 'walnut', 'steel'],
  ...['aluminium', 'ceramic', 'glass', 'polyester', 'suede', 'cashmere'],
];
export const COLOURS = ['black', 'white', 'navy', 'blue', 'red', 'green', 'olive', 'grey', 'beige', 'brown'];
const FEATURES = [
  'Built to last through years of daily use.',
  'Easy to clean and quick to dry.',
  'Designed in Sao Paulo and finished by hand.',
  'A reinforced seam where it matters most.',
  'Soft to the touch, tough on the outside.',
  'Ships in plastic-free recycled packaging.',
  'Pairs with everything already in your home or wardrobe.',
  'Tested on trails, commutes and long weekends away.',
  'Made in small batches from responsibly sourced material.',
  'Comes with a two-year warranty and free repairs.',
  'Stays comfortable from morning to late evening.',
  'A timeless shape that never goes out of style.',
];

/** mulberry32: a small, fast deterministic PRNG; the same seed gives the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pickWith =
  (random: () => number) =>
  <T>(list: readonly T[]): T =>
    list[Math.floor(random() * list.length)]!;

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export interface ProductSpec {
  body: {
    sku: string;
    title: string;
    description: string;
    price: number;
    original_price?: number;
    currency: 'BRL';
    category: string;
    brand: string;
    attributes: Record<string, string[]>;
    popularity_score: number;
  };
  /** Units to restock in the default warehouse; 0: never stocked (out of stock). */
  stock: number;
}

/** Share of products that are never stocked, so search shows some out of stock. */
export const OUT_OF_STOCK_SHARE = 0.1;

/** Product `i` of the catalog; `runTag` keeps SKUs unique across runs on one deployment. */
export function productSpec(i: number, runTag: string): ProductSpec {
  const random = prng(i * 7919 + 17);
  const pick = pickWith(random);
  const category = CATEGORIES[i % CATEGORIES.length]!;
  const brand = pick(BRANDS);
  const adjective = pick(ADJECTIVES);
  const material = pick(MATERIALS);
  const kind = pick(category.kinds);
  const colours = [...new Set([pick(COLOURS), pick(COLOURS), pick(COLOURS)].slice(0, 1 + Math.floor(random() * 3)))];
  const sizes = category.sizes.filter(() => random() < 0.7);
  const price = Math.max(990, Math.round((category.basePrice * (0.5 + random() * 1.5)) / 100) * 100 - 10);
  const onSale = random() < 0.2;
  const otherAdjective = pick(ADJECTIVES);
  const description =
    `${/^[aeiou]/.test(otherAdjective) ? 'An' : 'A'} ${otherAdjective} ${kind} in ${material}, available in ${colours.join(', ')}. ` +
    `${pick(FEATURES)} ${pick(FEATURES)} From ${brand.name}'s ${category.name.toLowerCase()} line.`;
  const stocked = random() >= OUT_OF_STOCK_SHARE;
  return {
    body: {
      sku: `SHOP-${runTag}-${String(i).padStart(6, '0')}`,
      title: `${brand.name} ${capitalise(adjective)} ${capitalise(material)} ${capitalise(kind)}`,
      description,
      price,
      ...(onSale ? { original_price: Math.round(price * 1.25) } : {}),
      currency: 'BRL',
      category: category.slug,
      brand: brand.slug,
      attributes: { color: colours, size: sizes.length > 0 ? sizes : [category.sizes[0]!], material: [material] },
      popularity_score: Math.round(random() ** 3 * 1000) / 1000,
    },
    stock: stocked ? 50 + Math.floor(random() * 450) : 0,
  };
}
