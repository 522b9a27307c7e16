// A fixed set of nine orders over three days in May 2024, with hand-computed list, search and analytics answers.
import type { OrderSnapshot } from '@techcorp/contracts';
import { advance, line, newOrder } from './order-fixtures.ts';

const PRODUCT = {
  shoe: { productId: '0195a000-0000-7000-8000-000000000001', title: 'Trail Shoe' },
  socks: { productId: '0195a000-0000-7000-8000-000000000002', title: 'Wool Socks' },
  cap: { productId: '0195a000-0000-7000-8000-000000000003', title: 'Running Cap' },
  jacket: { productId: '0195a000-0000-7000-8000-000000000004', title: 'Rain Jacket' },
  coffee: { productId: '0195a000-0000-7000-8000-000000000005', title: 'Café Especial' },
};
type Product = keyof typeof PRODUCT;

function order(
  n: number,
  createdAt: string,
  customerId: string,
  status: OrderSnapshot['status'],
  lines: [Product, number, number][],
  currency: OrderSnapshot['currency'] = 'BRL',
): OrderSnapshot {
  const placed = newOrder({
    orderNumber: `TC-2024-${String(n).padStart(6, '0')}`,
    customerId,
    createdAt,
    currency,
    lines: lines.map(([p, quantity, unitPrice]) => line({ ...PRODUCT[p], quantity, unitPrice })),
  });
  return status === 'PENDING'
    ? placed
    : advance(placed, 3, { status, failureReason: status === 'FAILED' ? 'declined' : null });
}

export const WINDOW = { from: '2024-05-01T00:00:00.000Z', to: '2024-05-04T00:00:00.000Z' };

export const DATASET: OrderSnapshot[] = [
  order(101, '2024-05-01T10:00:00.000Z', 'cust-a', 'CONFIRMED', [['shoe', 1, 45_990]]),
  order(102, '2024-05-01T11:00:00.000Z', 'cust-b', 'FAILED', [['socks', 2, 1_990]]),
  order(103, '2024-05-01T12:00:00.000Z', 'cust-a', 'DELIVERED', [
    ['shoe', 2, 45_990],
    ['socks', 1, 1_990],
  ]),
  order(104, '2024-05-02T09:00:00.000Z', 'cust-c', 'PENDING', [['cap', 1, 4_990]]),
  order(105, '2024-05-02T10:00:00.000Z', 'cust-b', 'CANCELLED', [['jacket', 1, 29_990]]),
  order(106, '2024-05-02T11:00:00.000Z', 'cust-c', 'SHIPPED', [['socks', 3, 1_990]]),
  order(107, '2024-05-03T08:00:00.000Z', 'cust-a', 'CONFIRMED', [['coffee', 2, 3_450]], 'EUR'),
  // Two orders at the same instant with the same total as 104: ties on both sort keys.
  order(108, '2024-05-03T09:00:00.000Z', 'cust-d', 'CONFIRMED', [['cap', 1, 4_990]]),
  order(109, '2024-05-03T09:00:00.000Z', 'cust-d', 'PENDING', [['cap', 1, 4_990]]),
];

export const EXPECTED_ANALYTICS = {
  from: WINDOW.from,
  to: WINDOW.to,
  per_day: [
    { day: '2024-05-01', status: 'CONFIRMED', currency: 'BRL', orders: 1, revenue: 45_990 },
    { day: '2024-05-01', status: 'DELIVERED', currency: 'BRL', orders: 1, revenue: 93_970 },
    { day: '2024-05-01', status: 'FAILED', currency: 'BRL', orders: 1, revenue: 3_980 },
    { day: '2024-05-02', status: 'CANCELLED', currency: 'BRL', orders: 1, revenue: 29_990 },
    { day: '2024-05-02', status: 'PENDING', currency: 'BRL', orders: 1, revenue: 4_990 },
    { day: '2024-05-02', status: 'SHIPPED', currency: 'BRL', orders: 1, revenue: 5_970 },
    { day: '2024-05-03', status: 'CONFIRMED', currency: 'BRL', orders: 1, revenue: 4_990 },
    { day: '2024-05-03', status: 'CONFIRMED', currency: 'EUR', orders: 1, revenue: 6_900 },
    { day: '2024-05-03', status: 'PENDING', currency: 'BRL', orders: 1, revenue: 4_990 },
  ],
  // Completed orders only: (45990 + 93970 + 5970 + 4990) / 4 in BRL.
  average_order_value: [
    { currency: 'BRL', orders: 4, average: 37_730 },
    { currency: 'EUR', orders: 1, average: 6_900 },
  ],
  top_products: {
    by_units: [
      { ...pick('socks'), currency: 'BRL', units: 4, revenue: 7_960 },
      { ...pick('shoe'), currency: 'BRL', units: 3, revenue: 137_970 },
      { ...pick('coffee'), currency: 'EUR', units: 2, revenue: 6_900 },
      { ...pick('cap'), currency: 'BRL', units: 1, revenue: 4_990 },
    ],
    by_revenue: [
      { ...pick('shoe'), currency: 'BRL', units: 3, revenue: 137_970 },
      { ...pick('socks'), currency: 'BRL', units: 4, revenue: 7_960 },
      { ...pick('coffee'), currency: 'EUR', units: 2, revenue: 6_900 },
      { ...pick('cap'), currency: 'BRL', units: 1, revenue: 4_990 },
    ],
  },
  saga_outcomes: { completed: 5, failed: 1, cancelled: 1, in_progress: 2 },
};

function pick(p: Product) {
  return { product_id: PRODUCT[p].productId, product_name: PRODUCT[p].title };
}
