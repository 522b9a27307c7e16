// Shared value schemas: ids, money in integer minor units, currencies, order lines.
import { type Static, Type } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid' });

/** ISO 4217 currencies the platform accepts; amounts are integer minor units (cents). */
export const CURRENCIES = ['BRL', 'USD', 'EUR', 'GBP'] as const;
export const Currency = Type.Union(CURRENCIES.map((c) => Type.Literal(c)));
export type Currency = Static<typeof Currency>;

export const MAX_LINE_QUANTITY = 1000;
export const MinorUnits = Type.Integer({ minimum: 0, maximum: 100_000_000_00 });

export const ItemQuantity = Type.Object({
  productId: Uuid,
  quantity: Type.Integer({ minimum: 1, maximum: MAX_LINE_QUANTITY }),
});
export type ItemQuantity = Static<typeof ItemQuantity>;

export const PricedLine = Type.Object({
  productId: Uuid,
  sku: Type.String(),
  title: Type.String(),
  quantity: Type.Integer({ minimum: 1, maximum: MAX_LINE_QUANTITY }),
  unitPrice: MinorUnits,
  lineTotal: MinorUnits,
});
export type PricedLine = Static<typeof PricedLine>;
