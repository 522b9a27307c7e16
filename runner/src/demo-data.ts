// A small demo catalog with stock, so a newcomer can order at once (prices in BRL minor units).

export interface DemoProduct {
  sku: string;
  title: string;
  description: string;
  price: number;
  currency: 'BRL';
  category: string;
  brand: string;
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
): DemoProduct => ({
  sku,
  title,
  description,
  price,
  currency: 'BRL',
  category,
  brand,
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
  ),
  p(
    'TS-BASIC-BLACK',
    'Basic Cotton T-Shirt Black',
    '100% cotton t-shirt, regular fit, black.',
    8990,
    't-shirts',
    'techcorp-basics',
    [['main', 80]],
  ),
  p('HD-ZIP-GREY', 'Zip Hoodie', 'Fleece zip hoodie with two pockets.', 24990, 'hoodies', 'techcorp-basics', [
    ['main', 35],
  ]),
  p('JN-SLIM-INDIGO', 'Slim Jeans', 'Indigo denim, slim fit, stretch.', 19990, 'jeans', 'denimworks', [
    ['main', 50],
    ['north', 10],
  ]),
  p('SN-RUN-WHITE', 'Running Sneakers', 'Lightweight running shoes with cushioned sole.', 39990, 'shoes', 'fastfeet', [
    ['main', 25],
  ]),
  p('CP-CLASSIC-RED', 'Classic Cap', 'Cotton twill cap, adjustable strap.', 5990, 'accessories', 'techcorp-basics', [
    ['main', 200],
  ]),
  p('BG-TOTE-NAT', 'Canvas Tote Bag', 'Natural canvas tote, 15 litres.', 4990, 'accessories', 'ecocarry', [
    ['main', 60],
  ]),
  p('SK-WOOL-3PK', 'Wool Socks (3 pairs)', 'Merino blend socks, pack of three.', 6990, 'accessories', 'warmtoes', [
    ['main', 150],
  ]),
  p('JK-RAIN-NAVY', 'Rain Jacket', 'Waterproof shell with taped seams.', 45990, 'jackets', 'stormline', [
    ['main', 15],
    ['north', 5],
  ]),
  p('LT-LIMITED-01', 'Limited Edition Print', 'Signed print: only three exist.', 99990, 'art', 'techcorp-studio', [
    ['main', 3],
  ]),
];
