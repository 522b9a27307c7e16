// The fixed test catalog: 30 products with known titles, descriptions, attributes, prices and stock, chosen so
// each relevance, typo, facet and filter assertion has an unambiguous answer. Fresh ids per call.
import type { ProductSnapshot } from '@techcorp/contracts';
import { type ProductInput, product } from './product-fixtures.ts';

const SPECS = {
  // T-shirts: hyphenated titles ("tshirt", "t shirt" and typos must all find them).
  tshirtBasic: {
    title: 'Basic Cotton T-Shirt',
    description: 'Soft 100% cotton tee for everyday wear',
    category: 't-shirts',
    brand: 'techcorp-basics',
    price: 8990,
    originalPrice: 11990,
    attributes: { color: ['blue', 'red', 'black'], size: ['s', 'm', 'l', 'xl'] },
    popularityScore: 0.85,
  },
  tshirtVneck: {
    title: 'V-Neck T-Shirt',
    description: 'Lightweight v-neck top',
    category: 't-shirts',
    attributes: { color: ['white'], size: ['m', 'l'] },
    price: 6990,
    popularityScore: 0.6,
  },
  tshirtGraphic: {
    title: 'Graphic Print T-Shirt',
    category: 't-shirts',
    brand: 'urbanwear',
    attributes: { color: ['black'], size: ['m'] },
    price: 12990,
    popularityScore: 0.4,
    inStock: false,
  },
  // Jeans.
  jeansSlim: {
    title: 'Slim Fit Blue Jeans',
    description: 'Stretch denim with a modern cut',
    category: 'jeans',
    brand: 'denimco',
    attributes: { color: ['blue'], size: ['30', '32', '34'] },
    price: 19990,
    popularityScore: 0.9,
  },
  jeansRelaxed: {
    title: 'Relaxed Jeans',
    category: 'jeans',
    brand: 'denimco',
    attributes: { color: ['black'], size: ['32'] },
    price: 17990,
    inStock: false,
  },
  jeansSkinny: {
    title: 'Skinny Black Jeans',
    category: 'jeans',
    brand: 'denimco',
    attributes: { color: ['black'], size: ['30'] },
    price: 15990,
    popularityScore: 0.7,
  },
  denimShorts: {
    title: 'Denim Shorts',
    category: 'jeans',
    brand: 'denimco',
    attributes: { color: ['blue'] },
    price: 9990,
  },
  // Shoes.
  runningShoes: {
    title: 'Running Shoes Pro',
    category: 'shoes',
    brand: 'runfast',
    attributes: { color: ['red', 'white'], size: ['40', '41', '42'] },
    price: 39990,
    popularityScore: 0.95,
  },
  trailShoes: {
    title: 'Trail Running Shoes',
    category: 'shoes',
    brand: 'runfast',
    attributes: { color: ['green'], size: ['42'] },
    price: 45990,
    popularityScore: 0.3,
  },
  sandals: {
    title: 'Beach Sandals',
    category: 'shoes',
    brand: 'sunny',
    attributes: { color: ['yellow'] },
    price: 4990,
  },
  // Kitchen: accented titles.
  espresso: {
    title: 'Café Espresso Maker',
    description: 'Brews rich espresso with crema',
    category: 'kitchen',
    brand: 'homechef',
    price: 59990,
    popularityScore: 0.8,
  },
  torch: { title: 'Crème Brûlée Torch', category: 'kitchen', brand: 'homechef', price: 7990 },
  kettle: { title: 'Electric Kettle', category: 'kitchen', brand: 'homechef', price: 12990 },
  knife: { title: 'Chef Knife', category: 'kitchen', brand: 'homechef', price: 24990, inStock: false },
  // Electronics.
  headphones: {
    title: 'Wireless Headphones',
    category: 'electronics',
    brand: 'voltz',
    attributes: { color: ['black', 'white'] },
    price: 29990,
    popularityScore: 0.75,
  },
  speaker: {
    title: 'Bluetooth Speaker',
    category: 'electronics',
    brand: 'voltz',
    attributes: { color: ['blue'] },
    price: 19990,
  },
  charger: { title: 'USB-C Charger', category: 'electronics', brand: 'voltz', price: 4990, popularityScore: 0.55 },
  // Relevance: "widget" once in a title vs once in a description, equal popularity.
  widgetInTitle: { title: 'Gizmo Widget', description: 'A handy tool', category: 'tools', brand: 'fixit' },
  widgetInDescription: {
    title: 'Gadget Deluxe',
    description: 'Works like a widget',
    category: 'tools',
    brand: 'fixit',
  },
  // Popularity breaks ties of equal text rank; equal popularity falls back to the product id.
  orbitDesk: { title: 'Orbit Desk Lamp', category: 'lighting', brand: 'lumen', popularityScore: 0.3 },
  orbitFloor: { title: 'Orbit Floor Lamp', category: 'lighting', brand: 'lumen', popularityScore: 0.9 },
  orbitWall: { title: 'Orbit Wall Lamp', category: 'lighting', brand: 'lumen', popularityScore: 0.9 },
  // The rest of the store.
  hoodie: {
    title: 'Cotton Hoodie',
    category: 'hoodies',
    attributes: { color: ['blue', 'grey'], size: ['m', 'l'] },
    price: 24990,
  },
  socks: { title: 'Wool Socks', category: 'socks', attributes: { color: ['grey'] }, price: 2990 },
  belt: { title: 'Leather Belt', category: 'accessories', brand: 'urbanwear', price: 8990 },
  sunglasses: { title: 'Polarized Sunglasses', category: 'accessories', brand: 'sunny', price: 14990 },
  yogaMat: { title: 'Yoga Mat', category: 'sports', brand: 'runfast', attributes: { color: ['purple'] }, price: 9990 },
  bottle: {
    title: 'Water Bottle',
    category: 'sports',
    brand: 'runfast',
    attributes: { color: ['blue'] },
    price: 3990,
  },
  // Never returned: archived.
  archivedJacket: {
    title: 'Vintage Denim Jacket',
    description: 'Classic jeans jacket',
    category: 'jeans',
    brand: 'denimco',
    attributes: { color: ['blue'] },
    price: 29990,
    status: 'ARCHIVED',
  },
  archivedTshirt: { title: 'Retro T-Shirt', category: 't-shirts', price: 5990, status: 'ARCHIVED' },
} satisfies Record<string, ProductInput>;

export type StoreCatalog = { [K in keyof typeof SPECS]: ProductSnapshot };

export function storeCatalog(): StoreCatalog {
  return Object.fromEntries(
    Object.entries(SPECS).map(([name, spec]) => [name, product(spec as ProductInput)]),
  ) as StoreCatalog;
}

export const activeProducts = (store: StoreCatalog): ProductSnapshot[] =>
  Object.values(store).filter((p) => p.status === 'ACTIVE');
