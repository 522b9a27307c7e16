// Gateway configuration: defaults, and a refusal naming the variable for every bad value.
import { ConfigError } from '@techcorp/platform';
import { describe, expect, it } from 'vitest';
import { gatewayConfig, upstreamVariable } from './config.ts';

const SECRET = 's'.repeat(32);

describe('gatewayConfig', () => {
  it('has production defaults', () => {
    const config = gatewayConfig({ GATEWAY_IDENTITY_SECRET: SECRET });
    expect(config).toMatchObject({
      bodyLimit: 1024 * 1024,
      upstreamTimeoutMs: 35_000,
      connectTimeoutMs: 2_000,
      healthIntervalMs: 5_000,
      healthTimeoutMs: 1_000,
      breakerFailures: 5,
      breakerHalfOpenMs: 5_000,
      jwksUrl: null,
      issuer: 'https://auth.techcorp.com',
      audience: 'techcorp-services',
      corsOrigins: [],
      trustProxy: { kind: 'none' },
      upstreamOverrides: {},
    });
  });

  it('reads upstream instances per service', () => {
    const config = gatewayConfig({
      GATEWAY_IDENTITY_SECRET: SECRET,
      UPSTREAM_ORDER_QUERY: 'http://oq-1:8084, http://oq-2:8084',
      UPSTREAM_ORDERS: 'http://orders:8081',
    });
    expect(config.upstreamOverrides).toEqual({
      'order-query': ['http://oq-1:8084', 'http://oq-2:8084'],
      orders: ['http://orders:8081'],
    });
    expect(upstreamVariable('order-query')).toBe('UPSTREAM_ORDER_QUERY');
  });

  it.each([
    [{ GATEWAY_IDENTITY_SECRET: undefined }, 'GATEWAY_IDENTITY_SECRET'],
    [{ GATEWAY_IDENTITY_SECRET: 'short' }, 'GATEWAY_IDENTITY_SECRET'],
    [{ GATEWAY_BODY_LIMIT_BYTES: '1MB' }, 'GATEWAY_BODY_LIMIT_BYTES'],
    [{ GATEWAY_UPSTREAM_TIMEOUT_MS: '-1' }, 'GATEWAY_UPSTREAM_TIMEOUT_MS'],
    [{ GATEWAY_HEALTH_INTERVAL_MS: 'soon' }, 'GATEWAY_HEALTH_INTERVAL_MS'],
    [{ GATEWAY_BREAKER_FAILURES: '0' }, 'GATEWAY_BREAKER_FAILURES'],
    [{ GATEWAY_JWKS_URL: 'ftp://keys' }, 'GATEWAY_JWKS_URL'],
    [{ GATEWAY_CORS_ORIGINS: '*' }, 'GATEWAY_CORS_ORIGINS'],
    [{ GATEWAY_CORS_ORIGINS: 'https://shop.example.com/' }, 'GATEWAY_CORS_ORIGINS'],
    [{ GATEWAY_TRUST_PROXY: 'maybe' }, 'GATEWAY_TRUST_PROXY'],
    [{ GATEWAY_RATE_LIMITS: '{"global": {"max": -1}}' }, 'GATEWAY_RATE_LIMITS'],
    [{ UPSTREAM_CATALOG: 'catalog:8087' }, 'UPSTREAM_CATALOG'],
    [{ UPSTREAM_AUTH: 'http://auth:8085/?x=1' }, 'UPSTREAM_AUTH'],
  ])('refuses %j naming %s', (env, variable) => {
    const withSecret = { GATEWAY_IDENTITY_SECRET: SECRET, ...env };
    expect(() => gatewayConfig(withSecret)).toThrow(ConfigError);
    expect(() => gatewayConfig(withSecret)).toThrow(variable);
  });
});
