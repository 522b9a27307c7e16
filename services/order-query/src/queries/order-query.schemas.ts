// HTTP schemas of the order read API (snake_case JSON, money in integer minor units with its currency).
import { type Static, Type } from '@fastify/type-provider-typebox';
import { ORDER_STATUSES } from './order-query.policy.ts';

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const STATUS = `(${ORDER_STATUSES.join('|')})`;
/** 10^10 minor units, the largest order total the contracts allow. */
const MAX_TOTAL = 10_000_000_000;

const OrderId = Type.String({ pattern: UUID, maxLength: 36 });
const CustomerId = Type.String({ minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9_.:@-]+$' });
const Timestamp = Type.String({ format: 'date-time', maxLength: 40 });
const Amount = Type.Integer({ minimum: 0, maximum: MAX_TOTAL });

/** Accepted by every query endpoint: answer only once this order is projected at least at this version. */
const ReadYourWrites = {
  for_order: Type.Optional(OrderId),
  min_version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000 })),
};

const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 400, pattern: '^[A-Za-z0-9_-]+$' })),
};

const Filters = {
  // ?status=CONFIRMED,SHIPPED or ?status=CONFIRMED&status=SHIPPED
  status: Type.Optional(Type.Array(Type.String({ pattern: `^${STATUS}(,${STATUS}){0,5}$` }), { maxItems: 6 })),
  created_from: Type.Optional(Timestamp),
  created_to: Type.Optional(Timestamp),
  min_total: Type.Optional(Amount),
  max_total: Type.Optional(Amount),
  sort: Type.Optional(Type.Union([Type.Literal('created_at'), Type.Literal('total')], { default: 'created_at' })),
  direction: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'desc' })),
};

export const ListQuery = Type.Object(
  { ...Filters, customer_id: Type.Optional(CustomerId), ...Paging, ...ReadYourWrites },
  { additionalProperties: false },
);
export type ListQuery = Static<typeof ListQuery>;

export const CustomerQuery = Type.Object({ ...Filters, ...Paging, ...ReadYourWrites }, { additionalProperties: false });
export const CustomerParams = Type.Object({ customerId: CustomerId }, { additionalProperties: false });

export const SearchQuery = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 200 }), ...Paging, ...ReadYourWrites },
  { additionalProperties: false },
);

export const AnalyticsQuery = Type.Object(
  { from: Type.Optional(Timestamp), to: Type.Optional(Timestamp), ...ReadYourWrites },
  { additionalProperties: false },
);

export const OrderItemView = Type.Object({
  product_id: Type.String(),
  product_name: Type.String(),
  sku: Type.String(),
  quantity: Type.Integer(),
  price: Type.Integer({ description: 'unit price, minor units' }),
  line_total: Type.Integer(),
});

export const OrderView = Type.Object({
  order_id: Type.String(),
  order_number: Type.String(),
  customer_id: Type.String(),
  status: Type.String(),
  failure_reason: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer({ description: 'minor units' }),
  currency: Type.String(),
  version: Type.Integer({ description: 'the order aggregate version this row reflects' }),
  created_at: Type.String(),
  updated_at: Type.String(),
  items: Type.Array(OrderItemView),
});
export type OrderView = Static<typeof OrderView>;

export const OrderPage = Type.Object({
  items: Type.Array(OrderView),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
});
export type OrderPage = Static<typeof OrderPage>;

const Money = { currency: Type.String() };
export const AnalyticsView = Type.Object({
  from: Type.String(),
  to: Type.String(),
  per_day: Type.Array(
    Type.Object({
      day: Type.String(),
      status: Type.String(),
      ...Money,
      orders: Type.Integer(),
      revenue: Type.Integer(),
    }),
  ),
  average_order_value: Type.Array(Type.Object({ ...Money, orders: Type.Integer(), average: Type.Integer() })),
  top_products: Type.Object({
    by_units: Type.Array(TopProduct()),
    by_revenue: Type.Array(TopProduct()),
  }),
  saga_outcomes: Type.Object({
    completed: Type.Integer(),
    failed: Type.Integer(),
    cancelled: Type.Integer(),
    in_progress: Type.Integer(),
  }),
});
export type AnalyticsView = Static<typeof AnalyticsView>;

function TopProduct() {
  return Type.Object({
    product_id: Type.String(),
    product_name: Type.String(),
    ...Money,
    units: Type.Integer(),
    revenue: Type.Integer(),
  });
}

export const RebuildStatusView = Type.Object({
  state: Type.Enum(['idle', 'running', 'failed', 'done']),
  processed: Type.Integer(),
  started_at: Type.Union([Type.String(), Type.Null()]),
  finished_at: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
});
