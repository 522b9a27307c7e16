// Rate-limit rules from GATEWAY_RATE_LIMITS and which decision the client is told about.
import { ConfigError } from '@techcorp/platform';
import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_DEFAULTS, rateLimitRules } from './rate-limit.rules.ts';
import { type RateDecision, rateLimitHeaders, reportedDecision } from './rate-limit.ts';

describe('rateLimitRules', () => {
  it('has the documented defaults', () => {
    expect(rateLimitRules(undefined)).toEqual({
      global: { windowSeconds: 60, max: 600, key: 'client' },
      'auth-login': { windowSeconds: 60, max: 10, key: 'ip' },
      'auth-register': { windowSeconds: 3600, max: 20, key: 'ip' },
      'auth-refresh': { windowSeconds: 60, max: 30, key: 'ip' },
      'orders-place': { windowSeconds: 60, max: 60, key: 'client' },
    });
  });

  it('overrides max and window per rule, keeping the rest', () => {
    const rules = rateLimitRules('{"auth-login": {"max": 3}, "global": {"max": 5, "windowSeconds": 10}}');
    expect(rules['auth-login']).toEqual({ ...RATE_LIMIT_DEFAULTS['auth-login'], max: 3 });
    expect(rules.global).toEqual({ windowSeconds: 10, max: 5, key: 'client' });
    expect(rules['auth-register']).toEqual(RATE_LIMIT_DEFAULTS['auth-register']);
  });

  it.each([
    ['not json', 'not valid JSON'],
    ['[]', 'JSON object'],
    ['{"nope": {"max": 1}}', 'unknown rule'],
    ['{"global": {"max": 0}}', 'global.max'],
    ['{"global": {"max": 1.5}}', 'global.max'],
    ['{"global": {"windowSeconds": "60"}}', 'global.windowSeconds'],
    ['{"global": {"key": "ip"}}', 'unknown field'],
  ])('refuses %s naming GATEWAY_RATE_LIMITS', (raw, message) => {
    expect(() => rateLimitRules(raw)).toThrow(ConfigError);
    expect(() => rateLimitRules(raw)).toThrow(message);
    expect(() => rateLimitRules(raw)).toThrow('GATEWAY_RATE_LIMITS');
  });
});

const decision = (rule: RateDecision['rule'], remaining: number, resetSeconds: number, exceeded = false) => ({
  rule,
  limit: 10,
  remaining,
  resetSeconds,
  exceeded,
});

describe('reportedDecision and headers', () => {
  it('reports the rule with the least headroom when none is exceeded', () => {
    const chosen = reportedDecision([decision('global', 9, 60), decision('auth-login', 2, 30)]);
    expect(chosen?.rule).toBe('auth-login');
    expect(rateLimitHeaders(chosen!)).toEqual({
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '2',
      'x-ratelimit-reset': '30',
    });
  });

  it('reports the exceeded rule that lasts longest, with Retry-After', () => {
    const chosen = reportedDecision([
      decision('global', 0, 20, true),
      decision('auth-register', 0, 3000, true),
      decision('auth-login', 5, 10),
    ]);
    expect(chosen?.rule).toBe('auth-register');
    expect(rateLimitHeaders(chosen!)['retry-after']).toBe('3000');
  });

  it('reports nothing when the store could not be asked', () => {
    expect(reportedDecision([])).toBeNull();
  });
});
