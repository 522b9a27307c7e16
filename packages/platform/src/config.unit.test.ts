// Typed env parsing: conversions, defaults, and boot failures that name the variable but never echo its value.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { ConfigError, infraConfigFromEnv, intFromEnv, readEnv, urlFromEnv } from './config.ts';

describe('readEnv', () => {
  const Schema = Type.Object({
    PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 8080 }),
    FEATURE_X: Type.Boolean({ default: false }),
    API_KEY: Type.String({ minLength: 12 }),
  });

  it('converts strings to the declared types and applies defaults', () => {
    expect(readEnv({ PORT: '9000', FEATURE_X: 'true', API_KEY: 'abcdefghijklm', OTHER: 'x' }, Schema)).toEqual({
      PORT: 9000,
      FEATURE_X: true,
      API_KEY: 'abcdefghijklm',
    });
    expect(readEnv({ API_KEY: 'abcdefghijklm', PORT: '' }, Schema).PORT).toBe(8080);
  });

  it('fails naming every bad variable without echoing secret values', () => {
    let error: unknown;
    try {
      readEnv({ PORT: 'eighty', API_KEY: 'tiny-secret' }, Schema);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/PORT/);
    expect((error as Error).message).toMatch(/API_KEY/);
    expect((error as Error).message).not.toContain('tiny-secret');
  });
});

describe('small helpers', () => {
  it('intFromEnv parses, defaults, and refuses junk or out-of-range values by name', () => {
    expect(intFromEnv({ N: ' 42 ' }, 'N')).toBe(42);
    expect(intFromEnv({}, 'N', 7)).toBe(7);
    expect(() => intFromEnv({}, 'N')).toThrow('N is required');
    expect(() => intFromEnv({ N: '4.5' }, 'N')).toThrow(/^N must be an integer/);
    expect(() => intFromEnv({ N: '0x10' }, 'N')).toThrow(ConfigError);
    expect(() => intFromEnv({ PORT: '70000' }, 'PORT', 1, { min: 0, max: 65535 })).toThrow(/PORT .* 0 and 65535/);
  });

  it('urlFromEnv accepts only the given schemes', () => {
    expect(urlFromEnv({ U: 'redis://h:6379' }, 'U', ['redis:'])).toBe('redis://h:6379');
    expect(urlFromEnv({}, 'U', ['redis:'])).toBeUndefined();
    expect(() => urlFromEnv({ U: 'http://h' }, 'U', ['redis:', 'rediss:'])).toThrow('U must be a redis or rediss URL');
    expect(() => urlFromEnv({ U: 'not a url' }, 'U', ['redis:'])).toThrow('U is not a valid URL');
  });
});

describe('infraConfigFromEnv', () => {
  it('reads the three server URLs and defaults DATA_DIR to <repo root>/data', () => {
    const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
    expect(
      infraConfigFromEnv({
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/db',
        RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
        REDIS_URL: 'redis://127.0.0.1:6379',
      }),
    ).toEqual({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/db',
      rabbitmqUrl: 'amqp://guest:guest@127.0.0.1:5672',
      redisUrl: 'redis://127.0.0.1:6379',
      databasePoolSize: 10,
      dataDir: join(repoRoot, 'data'),
    });
  });

  it('leaves unset servers undefined (embedded), resolves a relative DATA_DIR, and rejects a wrong scheme', () => {
    const infra = infraConfigFromEnv({ DATA_DIR: 'tmp/state' });
    expect(infra).toEqual({
      databaseUrl: undefined,
      rabbitmqUrl: undefined,
      redisUrl: undefined,
      databasePoolSize: 10,
      dataDir: resolve('tmp/state'),
    });
    expect(() => infraConfigFromEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(infraConfigFromEnv({ DATABASE_POOL_SIZE: '4' }).databasePoolSize).toBe(4);
    expect(() => infraConfigFromEnv({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
