// The routing table's matcher: segment-aware prefixes, methods, first match wins, normal-form paths, rewrites.
import { describe, expect, it } from 'vitest';
import { abnormalPath, matchRoute, pathOf, upstreamTarget } from './route-match.ts';
import { ROUTES } from './route-table.ts';

describe('matchRoute', () => {
  it.each([
    ['GET', '/api/cart', 'cart', 'public'],
    ['GET', '/api/cart/items/1', 'cart', 'public'],
    ['GET', '/api/products', 'catalog', 'public'],
    ['HEAD', '/api/products/1', 'catalog', 'public'],
    ['PATCH', '/api/products/1', 'catalog', 'token'],
    ['POST', '/api/auth/login', 'auth', 'public'],
    ['GET', '/api/auth/login', 'auth', 'token'],
    ['POST', '/api/auth/login/mfa/extra', 'auth', 'token'],
    ['GET', '/api/orders', 'order-query', 'token'],
    ['POST', '/api/orders', 'orders', 'token'],
    ['GET', '/api/orders/search', 'order-query', 'token'],
    ['GET', '/api/orders/search/more', 'orders', 'token'],
    ['DELETE', '/api/orders/customer/1', 'orders', 'token'],
    ['GET', '/api/admin/payments/dead-letters/q', 'payments', 'admin'],
    ['GET', '/api/gateway/upstreams', 'gateway', 'admin'],
  ])('%s %s -> %s (%s)', (method, path, upstream, access) => {
    const route = matchRoute(method, path);
    expect(route?.upstream).toBe(upstream);
    expect(route?.access).toBe(access);
  });

  it.each([
    ['GET', '/api/carts'],
    ['GET', '/api/productsX'],
    ['POST', '/api/search'],
    ['GET', '/api'],
    ['GET', '/API/CART'],
    ['GET', '/api/admin/notifications/dead-letters'],
    ['POST', '/.well-known/jwks.json'],
  ])('%s %s matches no row', (method, path) => {
    expect(matchRoute(method, path)).toBeNull();
  });

  it('attaches the route-specific rate limits to their rows', () => {
    expect(matchRoute('POST', '/api/auth/login')?.rateLimit).toBe('auth-login');
    expect(matchRoute('POST', '/api/auth/login/mfa')?.rateLimit).toBe('auth-login');
    expect(matchRoute('POST', '/api/auth/register')?.rateLimit).toBe('auth-register');
    expect(matchRoute('POST', '/api/auth/refresh')?.rateLimit).toBe('auth-refresh');
    expect(matchRoute('POST', '/api/orders')?.rateLimit).toBe('orders-place');
    expect(matchRoute('GET', '/api/orders')?.rateLimit).toBeUndefined();
  });

  it('forwards Authorization only to the token endpoint', () => {
    const forwarding = ROUTES.filter((route) => route.forwardAuthorization);
    expect(forwarding.map((route) => route.exact)).toEqual(['/api/auth/oauth/token']);
  });

  it('defines every row by exactly one of exact or prefix', () => {
    for (const route of ROUTES) expect((route.exact === undefined) !== (route.prefix === undefined)).toBe(true);
  });
});

describe('abnormalPath', () => {
  it.each([['/api/products/v1.2'], ['/api/products/a.b/c'], ['/api/search'], ['/api/orders/%7Bid%7D']])(
    '%s is normal',
    (path) => {
      expect(abnormalPath(path)).toBeNull();
    },
  );

  it.each([
    ['/api/products/../orders'],
    ['/api/products/./x'],
    ['/api/products/..'],
    ['/api/products/%2e%2E/x'],
    ['/api/products/.%2e/x'],
    ['/api/products/%2E'],
    ['/api//cart'],
    ['/api/cart%2F..%2Forders'],
    ['/api/cart%5c..'],
    ['/api/cart\\x'],
    ['/api/cart%00'],
    ['http://evil.example/api/cart'],
    ['*'],
  ])('%s is refused', (path) => {
    expect(abnormalPath(path)).not.toBeNull();
  });
});

describe('upstreamTarget and pathOf', () => {
  it('rewrites a dead-letter path and keeps the query string', () => {
    const route = matchRoute('POST', '/api/admin/order-query/dead-letters/q/replay');
    expect(route).not.toBeNull();
    expect(upstreamTarget(route!, '/api/admin/order-query/dead-letters/q/replay?limit=5')).toBe(
      '/admin/dead-letters/q/replay?limit=5',
    );
  });

  it('leaves other paths as sent', () => {
    const route = matchRoute('GET', '/api/orders');
    expect(upstreamTarget(route!, '/api/orders?status=NEW&page=2')).toBe('/api/orders?status=NEW&page=2');
  });

  it('splits the path from the query', () => {
    expect(pathOf('/api/orders?x=/..')).toBe('/api/orders');
    expect(pathOf('/api/orders')).toBe('/api/orders');
  });
});
