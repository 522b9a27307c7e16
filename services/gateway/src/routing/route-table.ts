// The gateway's routing table: every public path, which service answers it, and who may call it. First match wins.
import type { RateLimitRuleName } from '../edge/rate-limit.rules.ts';

/** Services the gateway forwards to (a subset of SERVICE_PORTS). */
export const UPSTREAMS = [
  'auth',
  'users',
  'catalog',
  'search',
  'cart',
  'inventory',
  'payments',
  'orders',
  'order-query',
] as const;
export type UpstreamName = (typeof UPSTREAMS)[number];

/** 'public': anyone (a bad token means anonymous); 'token': a valid access token; 'admin': a token with ADMIN. */
export type Access = 'public' | 'token' | 'admin';

export interface RouteEntry {
  /** Methods this row answers; GET rows answer HEAD too. Absent: every method. */
  readonly methods?: readonly string[];
  /** The path itself only. */
  readonly exact?: string;
  /** The path and everything below it (`/api/cart` matches `/api/cart` and `/api/cart/items`, not `/api/carts`). */
  readonly prefix?: string;
  /** 'gateway': answered by the gateway itself. */
  readonly upstream: UpstreamName | 'gateway';
  readonly access: Access;
  /** Replaces this leading part of the path before forwarding. */
  readonly rewrite?: { readonly from: string; readonly to: string };
  /** A route-specific rate limit applied on top of the global one. */
  readonly rateLimit?: RateLimitRuleName;
  /** The client's Authorization header reaches the upstream (OAuth client credentials in Basic auth). */
  readonly forwardAuthorization?: boolean;
}

const GET = ['GET', 'HEAD'] as const;
const POST = ['POST'] as const;

const deadLetters = (service: UpstreamName): RouteEntry => ({
  prefix: `/api/admin/${service}/dead-letters`,
  upstream: service,
  access: 'admin',
  rewrite: { from: `/api/admin/${service}/dead-letters`, to: '/admin/dead-letters' },
});

export const ROUTES: readonly RouteEntry[] = [
  { methods: GET, exact: '/.well-known/jwks.json', upstream: 'auth', access: 'public' },
  { methods: POST, exact: '/api/auth/register', upstream: 'auth', access: 'public', rateLimit: 'auth-register' },
  { methods: POST, exact: '/api/auth/login', upstream: 'auth', access: 'public', rateLimit: 'auth-login' },
  { methods: POST, exact: '/api/auth/login/mfa', upstream: 'auth', access: 'public', rateLimit: 'auth-login' },
  { methods: POST, exact: '/api/auth/refresh', upstream: 'auth', access: 'public', rateLimit: 'auth-refresh' },
  { methods: POST, exact: '/api/auth/oauth/token', upstream: 'auth', access: 'public', forwardAuthorization: true },
  { prefix: '/api/auth', upstream: 'auth', access: 'token' },

  { prefix: '/api/users', upstream: 'users', access: 'token' },

  { methods: GET, prefix: '/api/products', upstream: 'catalog', access: 'public' },
  { methods: GET, prefix: '/api/categories', upstream: 'catalog', access: 'public' },
  { methods: GET, prefix: '/api/brands', upstream: 'catalog', access: 'public' },
  { prefix: '/api/products', upstream: 'catalog', access: 'token' },
  { prefix: '/api/categories', upstream: 'catalog', access: 'token' },
  { prefix: '/api/brands', upstream: 'catalog', access: 'token' },

  // Reindexing is an operator's job; searching is anyone's.
  { prefix: '/api/search/reindex', upstream: 'search', access: 'admin' },
  { methods: GET, prefix: '/api/search', upstream: 'search', access: 'public' },

  // Guests have carts too (merged into the account's at login): the cart service decides per request who owns one.
  { prefix: '/api/cart', upstream: 'cart', access: 'public' },
  { prefix: '/api/inventory', upstream: 'inventory', access: 'token' },
  { prefix: '/api/payments', upstream: 'payments', access: 'token' },

  // Reads of the order read models go to order-query (CQRS); commands and the event history stay with orders.
  { methods: GET, exact: '/api/orders', upstream: 'order-query', access: 'token' },
  { methods: GET, prefix: '/api/orders/customer', upstream: 'order-query', access: 'token' },
  { methods: GET, exact: '/api/orders/search', upstream: 'order-query', access: 'token' },
  { methods: GET, exact: '/api/orders/analytics', upstream: 'order-query', access: 'token' },
  { prefix: '/api/orders/read-model', upstream: 'order-query', access: 'token' },
  { methods: POST, exact: '/api/orders', upstream: 'orders', access: 'token', rateLimit: 'orders-place' },
  { prefix: '/api/orders', upstream: 'orders', access: 'token' },

  deadLetters('orders'),
  deadLetters('inventory'),
  deadLetters('payments'),
  deadLetters('order-query'),
  deadLetters('users'),
  deadLetters('catalog'),
  deadLetters('search'),
  deadLetters('cart'),

  { methods: GET, exact: '/api/gateway/upstreams', upstream: 'gateway', access: 'admin' },
];
